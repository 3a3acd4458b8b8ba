"""Backup and restore as services: the system's own acts (the ``gongkai`` command without
``--as``, or a scheduled job), refused to anyone else, each leaving one audit row."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from django.core.exceptions import PermissionDenied

from gongkai.audit.context import current, is_system
from gongkai.audit.services import record
from gongkai.backup.archive import BackupResult, RestoreResult, create_backup, restore_backup


def _require_system() -> None:
    """A backup holds every agency's records and the key to every query code: only the
    server's own shell may take or restore one, never a web user."""
    if not is_system(current().actor):
        raise PermissionDenied("只有服务器上的 gongkai 命令（系统身份）可以备份或恢复。")


def do_create_backup(*, out: Path, now: datetime) -> BackupResult:
    _require_system()
    result = create_backup(out=Path(out), now=now)
    manifest = result.manifest
    record(
        action="system.backup",
        summary=f"备份实例到 {result.path.name}：{result.file_count}个文件",
        changes={
            "path": str(result.path),
            "engine": manifest["engine"],
            "files": result.file_count,
            "missing_at_source": manifest["missing_at_source"],
            "secret_key": manifest["secret_key"],
            "search": manifest["search"],
        },
    )
    return result


def do_restore_backup(*, archive: Path, force: bool = False) -> RestoreResult:
    _require_system()
    result = restore_backup(archive=Path(archive), force=force)
    result.reindexed = _catch_up_search()
    record(
        action="system.restore",
        summary=f"从 {Path(archive).name} 恢复实例（备份时间 {result.manifest['created_at']}）",
        changes={
            "archive": str(archive),
            "mismatched_tables": result.mismatched_tables,
            "mismatched_files": result.mismatched_files,
            "reindexed": result.reindexed,
        },
    )
    return result


def _catch_up_search() -> bool:
    """The index was copied a moment after the database: it follows the restored feed from
    its own position, or is rebuilt when it got ahead of the database (or predates the
    feed). Returns whether it was rebuilt."""
    from gongkai.search.follow import catch_up

    return catch_up().rebuilt is not None
