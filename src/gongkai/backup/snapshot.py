"""A consistent copy of the database and the names of the files that copy refers to.

Both come from one point in time: SQLite's online backup API copies the database as of
one read transaction, and the references are read from that copy; on PostgreSQL a
REPEATABLE READ transaction exports its snapshot, ``pg_dump --snapshot`` dumps exactly
it and the references are read inside it. Copying the files *after* the snapshot means
every file the copy refers to already existed; one deleted in between is detected
(``archive`` retries), never silently missing.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models import FileField


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; the message is for the operator."""


@dataclass(frozen=True)
class FileRef:
    """A file a row refers to, under one of the roots an archive holds."""

    root: str  # "media" or "private"
    name: str  # relative to that root


def roots() -> dict[str, Path]:
    return {
        "media": Path(settings.MEDIA_ROOT),
        "private": Path(settings.GONGKAI_PRIVATE_ROOT),
    }


def _file_columns() -> list[tuple[str, str, str]]:
    """(table, column, root) of every file field of every installed model."""
    found = []
    by_location = {str(path.resolve()): name for name, path in roots().items()}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, FileField):
                location = str(Path(field.storage.location).resolve())
                root = by_location.get(location)
                if root is None:
                    raise BackupError(
                        f"{model._meta.label}.{field.name} 的文件目录 {location} "
                        "不在备份范围内（MEDIA_ROOT 或 GONGKAI_PRIVATE_ROOT）。"
                    )
                found.append((model._meta.db_table, field.column, root))
    return found


def _references(cursor: Any) -> set[FileRef]:
    refs: set[FileRef] = set()
    for table, column, root in _file_columns():
        cursor.execute(f'SELECT "{column}" FROM "{table}" WHERE "{column}" <> \'\'')
        refs.update(FileRef(root, name) for (name,) in cursor.fetchall() if name)
    return refs


def _counts(cursor: Any, tables: list[str]) -> dict[str, int]:
    """Rows per table: what a restore drill compares."""
    counts = {}
    for table in sorted(tables):
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    return counts


@dataclass(frozen=True)
class Snapshot:
    files: set[FileRef]
    counts: dict[str, int]


def table_counts() -> dict[str, int]:
    """Rows per table of the configured database, as it is now."""
    with connection.cursor() as cursor:
        return _counts(cursor, _tables(connection.introspection.table_names()))


def _tables(names: list[str]) -> list[str]:
    return [name for name in names if not name.startswith("sqlite_")]


def engine() -> str:
    return "sqlite" if connection.vendor == "sqlite" else "postgresql"


@contextmanager
def database_snapshot(target: Path) -> Iterator[Snapshot]:
    """Write the database copy to ``target`` and yield the files it refers to; the
    snapshot stays held (on PostgreSQL) until the caller has copied the files."""
    if connection.vendor == "sqlite":
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=30)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
            cursor = copy.cursor()
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            tables = _tables([name for (name,) in cursor.fetchall()])
            yield Snapshot(_references(cursor), _counts(cursor, tables))
        finally:
            copy.close()
            source.close()
        return
    if connection.vendor != "postgresql":
        raise BackupError(f"不支持的数据库：{connection.vendor}")
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot_id,) = cursor.fetchone()
            _pg_tool(
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot_id}",
                f"--file={target}",
            )
            tables = _tables(connection.introspection.table_names(cursor))
            yield Snapshot(_references(cursor), _counts(cursor, tables))
        finally:
            cursor.execute("ROLLBACK")


def restore_database(source: Path, *, kind: str) -> None:
    """Put the archived database in place of the configured one (which must be empty,
    or the caller has agreed to replace it)."""
    if kind != engine():
        raise BackupError(f"备份来自 {kind} 数据库，当前配置的是 {engine()}：不能直接恢复。")
    if kind == "sqlite":
        connection.close()
        database = Path(settings.DATABASES["default"]["NAME"])
        database.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        source_db = sqlite3.connect(source)
        target = sqlite3.connect(database)
        try:
            source_db.backup(target)
        finally:
            target.close()
            source_db.close()
        return
    connection.close()
    _pg_tool(
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        f"--dbname={_pg_url()}",
        str(source),
        dbname=False,
    )


def database_is_empty() -> bool:
    """No gongkai table holds a row of an agency: a fresh ``init`` or an empty database."""
    tables = connection.introspection.table_names()
    if "agencies_agency" not in tables:
        return True
    with connection.cursor() as cursor:
        cursor.execute('SELECT COUNT(*) FROM "agencies_agency"')
        return cursor.fetchone()[0] == 0


def _pg_url() -> str:
    db = settings.DATABASES["default"]
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgresql://{user}{password}@{host}:{port}/{db['NAME']}"


def _pg_tool(tool: str, *args: str, dbname: bool = True) -> None:
    binary = shutil.which(tool)
    if binary is None:
        raise BackupError(f"找不到 {tool}（Debian 软件包 postgresql-client）。")
    command = [binary, *args, *([f"--dbname={_pg_url()}"] if dbname else [])]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{tool} 失败：{done.stderr.strip()[-500:]}")
