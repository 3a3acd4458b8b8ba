"""``gongkai applications``: import and export the application ledger (台账).

Thin shells over :mod:`gongkai.applications.ledger`. The shared CLI helpers come from
the leaf module :mod:`gongkai.cli_support`; Django is set up only when a command runs.
"""

from __future__ import annotations

from pathlib import Path

import click

from gongkai.cli_support import acting_as, error_text, fail, setup_django


@click.group("applications")
def applications() -> None:
    """依申请公开台账 · Application ledger (import and export)."""


@applications.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--agency", "agency_code", required=True, help="机构代码 · agency code")
@click.option("--as", "as_user", default=None, help="以该账号身份操作 · act as this user")
def import_ledger(path: Path, agency_code: str, as_user: str | None) -> None:
    """导入申请台账（.xlsx 或 .csv，全部成功或全部不导入） · Import a ledger, all or nothing."""
    setup_django()
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.utils import timezone

    from gongkai.agencies.selectors import agency_by_code
    from gongkai.applications.ledger import do_import_ledger
    from gongkai.tabular import TableImportError

    with acting_as(as_user):
        try:
            result = do_import_ledger(
                agency=agency_by_code(agency_code),
                content=path.read_bytes(),
                file_name=path.name,
                today=timezone.localdate(),
            )
        except (TableImportError, PermissionDenied, ValidationError, LookupError) as error:
            fail(error_text(error))
    pending = result.by_outcome.get("", 0)
    click.echo(
        f"已导入{result.count}件申请（已办结{result.count - pending}件，办理中{pending}件）。"
    )


@applications.command("export")
@click.option("--agency", "agency_code", required=True, help="机构代码 · agency code")
@click.option("--year", type=int, required=True, help="收到申请的年度 · year received")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="输出文件（.xlsx 或 .csv） · output file",
)
@click.option("--as", "as_user", default=None, help="以该账号身份导出 · export as this user")
def export_ledger(agency_code: str, year: int, output: Path, as_user: str | None) -> None:
    """导出某年度申请台账 · Export the applications received in a year."""
    setup_django()
    from django.core.exceptions import PermissionDenied

    from gongkai.agencies.selectors import agency_by_code
    from gongkai.applications.ledger import do_export_ledger

    with acting_as(as_user):
        try:
            content, count = do_export_ledger(
                agency=agency_by_code(agency_code), year=year, file_name=output.name
            )
        except (PermissionDenied, LookupError) as error:
            fail(error_text(error))
    output.write_bytes(content)
    click.echo(f"已导出{year}年申请台账{count}件到 {output}")
