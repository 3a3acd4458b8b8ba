"""The backup archive: one tar file holding everything an instance needs to come back.

Layout: ``manifest.json`` (engine, row counts per table, SHA-256 of every file, what
was and was not included), ``database.sqlite3`` or ``database.pgdump``, ``media/…``,
``private/…`` (letters and applicants' uploads), ``secret_key`` (when it lives in the
home folder: without it every applicant's query code stops working) and ``search/…``
(one whole index generation, copied with writers held out).

Restoring goes into an empty instance (or one the operator agrees to overwrite) and
ends by comparing the restored rows and files with the manifest: the restore drill.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings

from gongkai.backup.snapshot import (
    BackupError,
    FileRef,
    database_is_empty,
    database_snapshot,
    engine,
    restore_database,
    roots,
    table_counts,
)

FORMAT = 1
ATTEMPTS = 3
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Rows a restore itself writes, and the task queue's own bookkeeping.
UNCOMPARED_TABLES = frozenset({"audit_auditentry", "audit_auditseal", "django_session"})


@dataclass
class BackupResult:
    path: Path
    manifest: dict[str, Any]

    @property
    def file_count(self) -> int:
        return len(self.manifest["files"])


@dataclass
class RestoreResult:
    manifest: dict[str, Any]
    mismatched_tables: dict[str, tuple[int, int]] = field(default_factory=dict)
    mismatched_files: list[str] = field(default_factory=list)
    reindexed: bool = False

    @property
    def ok(self) -> bool:
        return not self.mismatched_tables and not self.mismatched_files


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class _Hashing:
    """A file read through once: into the archive and into its SHA-256 together."""

    def __init__(self, handle: Any, digest: Any) -> None:
        self.handle, self.digest = handle, digest

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _add_file(tar: tarfile.TarFile, path: Path, arcname: str) -> str:
    """Add one file and return its SHA-256, reading it once."""
    info = tar.gettarinfo(path, arcname)
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        tar.addfile(info, _Hashing(handle, digest))
    return digest.hexdigest()


def _files_under(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _secret_key_file() -> Path:
    return Path(settings.HOME) / "secret_key"


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now().timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def _attempt(out: Path, work: Path, now: datetime) -> dict[str, Any] | set[FileRef]:
    """One pass; returns the manifest, or the referenced files that vanished mid-copy."""
    kind = engine()
    database = work / DATABASE_FILES[kind]
    files: dict[str, str] = {}
    with tarfile.open(out, "w") as tar, database_snapshot(database) as snapshot:
        present = {ref for ref in snapshot.files if (roots()[ref.root] / ref.name).is_file()}
        tar.add(database, arcname=database.name)
        for root_name, root in roots().items():
            for path in _files_under(root):
                arcname = f"{root_name}/{path.relative_to(root).as_posix()}"
                files[arcname] = _add_file(tar, path, arcname)
        vanished = {ref for ref in present if f"{ref.root}/{ref.name}" not in files}
        if vanished:
            return vanished
        search = _add_search_index(tar, files)
        secret = "environment" if os.environ.get("GONGKAI_SECRET_KEY") else "absent"
        if secret == "absent" and _secret_key_file().is_file():
            tar.add(_secret_key_file(), arcname="secret_key")
            secret = "included"
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(),
            "engine": kind,
            "database": database.name,
            "counts": snapshot.counts,
            "files": files,
            "referenced": sorted(f"{r.root}/{r.name}" for r in snapshot.files),
            "missing_at_source": sorted(f"{r.root}/{r.name}" for r in snapshot.files - present),
            "secret_key": secret,
            "search": search,
        }
        _add_bytes(tar, "manifest.json", json.dumps(manifest, ensure_ascii=False).encode())
    return manifest


def _add_search_index(tar: tarfile.TarFile, files: dict[str, str]) -> str:
    from gongkai.search.indexing import index_directory, search_index

    directory = index_directory()
    if not directory.is_dir():
        return "absent"
    vocabulary = directory / "vocabulary.json"
    if vocabulary.is_file():
        tar.add(vocabulary, arcname="search/vocabulary.json")
    with search_index().held_still() as generation:
        if generation is None:
            return "absent"
        for path in _files_under(generation):
            arcname = f"search/{generation.name}/{path.relative_to(generation).as_posix()}"
            files[arcname] = _add_file(tar, path, arcname)
        _add_bytes(tar, "search/current", generation.name.encode())
    return "included"


def create_backup(*, out: Path, now: datetime) -> BackupResult:
    """Write the archive to ``out`` (replaced only once complete)."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="gongkai-backup-") as work:
        for _ in range(ATTEMPTS):
            outcome = _attempt(partial, Path(work), now)
            if isinstance(outcome, dict):
                os.replace(partial, out)
                return BackupResult(path=out, manifest=outcome)
        partial.unlink(missing_ok=True)
    names = "、".join(sorted(f"{r.root}/{r.name}" for r in outcome)[:5])
    raise BackupError(f"备份时文件被删除（已重试{ATTEMPTS}次）：{names}。请在业务较少时重新备份。")


def read_manifest(archive: Path) -> dict[str, Any]:
    try:
        with tarfile.open(archive) as tar:
            member = tar.extractfile("manifest.json")
            manifest = json.loads(member.read()) if member else None
    except (tarfile.TarError, KeyError, OSError, ValueError) as error:
        raise BackupError(f"“{archive.name}”不是 gongkai 备份文件：{error}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"“{archive.name}”的备份格式不受支持。")
    return manifest


def _safe(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts


def restore_backup(*, archive: Path, force: bool) -> RestoreResult:
    """Restore into this instance; refuses to overwrite data or a different secret key
    unless ``force``. Compares rows and files with the manifest at the end."""
    manifest = read_manifest(archive)
    if not force and not database_is_empty():
        raise BackupError("目标实例已有数据；确认要覆盖时加 --force。")
    with (
        tempfile.TemporaryDirectory(prefix="gongkai-restore-") as work,
        tarfile.open(archive) as tar,
    ):
        members = tar.getmembers()
        unsafe = [m.name for m in members if not _safe(m.name) or not (m.isfile() or m.isdir())]
        if unsafe:
            raise BackupError(f"备份文件含不安全的路径：{unsafe[0]}")
        _restore_secret_key(tar, manifest)
        tar.extract(manifest["database"], path=work, filter="data")
        restore_database(Path(work) / manifest["database"], kind=manifest["engine"])
        for root_name, root in roots().items():
            _replace_tree(tar, members, prefix=f"{root_name}/", target=root)
        from gongkai.search.indexing import index_directory

        if manifest["search"] == "included":
            _replace_tree(tar, members, prefix="search/", target=index_directory())
    return _compare(manifest)


def _restore_secret_key(tar: tarfile.TarFile, manifest: dict[str, Any]) -> None:
    if manifest["secret_key"] != "included":
        return
    member = tar.extractfile("secret_key")
    key = member.read().decode().strip() if member else ""
    configured = os.environ.get("GONGKAI_SECRET_KEY")
    if configured and configured != key:
        # Not even --force: the environment would win at the next start and every
        # applicant's query code would stop working.
        raise BackupError(
            "环境变量 GONGKAI_SECRET_KEY 与备份中的密钥不同：恢复后申请人的查询码将全部失效。"
            "请把该环境变量设为备份中的密钥（备份文件内的 secret_key）后再恢复。"
        )
    # The home's own key file is replaced: in an empty instance it was generated at
    # start-up and protects nothing yet; over data, the operator passed --force.
    path = _secret_key_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)


def _replace_tree(
    tar: tarfile.TarFile, members: list[tarfile.TarInfo], *, prefix: str, target: Path
) -> None:
    """Make ``target`` hold exactly the archive's files under ``prefix``."""
    if target.is_dir():
        shutil.rmtree(target)
    target.mkdir(parents=True, exist_ok=True)
    for member in members:
        if member.isfile() and member.name.startswith(prefix):
            relative = member.name[len(prefix) :]
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            assert source is not None
            with destination.open("wb") as handle:
                shutil.copyfileobj(source, handle)


def _compare(manifest: dict[str, Any]) -> RestoreResult:
    result = RestoreResult(manifest=manifest)
    now = table_counts()
    for table, expected in manifest["counts"].items():
        if table in UNCOMPARED_TABLES:
            continue
        if now.get(table) != expected:
            result.mismatched_tables[table] = (expected, now.get(table, -1))
    from gongkai.search.indexing import index_directory

    places = {**roots(), "search": index_directory()}
    for name, digest in manifest["files"].items():
        root, _, relative = name.partition("/")
        path = places[root] / relative
        if not path.is_file() or _sha256(path) != digest:
            result.mismatched_files.append(name)
    return result
