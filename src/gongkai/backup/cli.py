"""``gongkai backup`` and ``gongkai restore``: thin shells over :mod:`gongkai.backup.services`,
run as the system (they hold every agency's data and the secret key)."""

from __future__ import annotations

import tarfile
from pathlib import Path

import click

from gongkai.cli_support import acting_as, fail, setup_django

SECRET_KEY_STATES = {
    "included": "已包含",
    "environment": "在环境变量 GONGKAI_SECRET_KEY 中（未包含，请另行保管）",
    "absent": "无",
}


@click.command("backup")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="备份文件（.tar） · archive to write",
)
def backup(out: Path) -> None:
    """备份数据库、文件、密钥和检索索引到一个文件 · Back up the whole instance."""
    setup_django()
    from django.utils import timezone

    from gongkai.backup.services import do_create_backup
    from gongkai.backup.snapshot import BackupError

    with acting_as(None):
        try:
            result = do_create_backup(out=out, now=timezone.now())
        except BackupError as error:
            fail(str(error))
        except OSError as error:
            fail(f"无法写入备份文件“{out}”：{error.strerror or error}")
    manifest = result.manifest
    key = SECRET_KEY_STATES[manifest["secret_key"]]
    search = "已包含" if manifest["search"] == "included" else "无"
    click.echo(
        f"已备份到 {result.path}：数据库（{manifest['engine']}），{result.file_count}个文件，"
        f"密钥{key}，检索索引{search}。"
    )
    for name in manifest["missing_at_source"]:
        click.echo(f"警告：数据库引用的文件在备份前已缺失：{name}", err=True)


@click.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="覆盖已有数据和不同的密钥 · overwrite existing data")
def restore(archive: Path, force: bool) -> None:
    """从备份文件恢复到本实例并核对行数和文件校验和 · Restore and verify."""
    setup_django(needs_database=False)  # the target may be a database nobody initialised
    from gongkai.backup.services import do_restore_backup
    from gongkai.backup.snapshot import BackupError

    with acting_as(None):
        try:
            result = do_restore_backup(archive=archive, force=force)
        except BackupError as error:
            fail(str(error))
        except (OSError, tarfile.TarError) as error:
            fail(f"读取备份文件“{archive.name}”失败（文件损坏或不完整）：{error}")
    for table, (expected, found) in sorted(result.mismatched_tables.items()):
        click.echo(f"不一致：表 {table} 应有{expected}行，恢复后{found}行", err=True)
    for name in result.mismatched_files:
        click.echo(f"不一致：文件 {name} 缺失或校验和不同", err=True)
    if not result.ok:
        fail("恢复后核对不一致，见上。")
    tables = len(result.manifest["counts"])
    click.echo(
        f"已恢复并核对：{tables}张表的行数、{len(result.manifest['files'])}个文件的校验和一致"
        + ("；检索索引已按恢复的目录重建。" if result.reindexed else "。")
    )
