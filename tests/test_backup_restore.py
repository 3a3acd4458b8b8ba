"""The restore drill (issue 17.7): an instance with agencies, an application and its
letter, a catalogue attachment and a search index is backed up with ``gongkai backup``
and restored with ``gongkai restore`` into an empty instance — on SQLite and on
PostgreSQL — which then has the same rows, the same files byte for byte, a query code
that still opens the applicant's status (the secret key came along) and search that
still finds the agencies' pages. Each instance is its own ``GONGKAI_HOME`` in
subprocesses, as on a real server.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[1]
POSTGRES = os.environ.get(
    "GONGKAI_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)

POPULATE = """
import io
import json
from datetime import date

import django

django.setup()
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from gongkai.agencies.services import do_update_guide_details
from gongkai.applications.services import intake
from gongkai.audit.context import SYSTEM, acting
from gongkai.disclosure.permissions import agency_collection
from gongkai.search.indexing import rebuild
from gongkai.workcalendar.services import seed_bundled_schedules
from tests.conftest import _district
from tests.screening.files import pdf_file
from tests.test_applications import PERSON

TODAY = date(2026, 11, 20)
with acting(actor=SYSTEM, channel="cli"):
    seed_bundled_schedules(today=TODAY)
    district = _district()
    do_update_guide_details(
        agency=district.a, office_name="测试区教育局办公室", office_phone="027-1"
    )
with acting(actor=district.user("a", "disclosure_officer"), channel="web"):
    receipt = intake.do_register_application(
        today=TODAY, agency=district.a, channel="in_person", received_on=TODAY, **PERSON
    )
document = get_document_model().objects.create(
    title="开学通知",
    file=ContentFile(pdf_file(["关于做好开学工作的通知"]), name="notice.pdf"),
    collection=agency_collection(district.a),
)
letter = receipt.application.letters.get()
rebuild()  # as ``gongkai search reindex`` does; publication jobs keep it current after
print(json.dumps({
    "receipt": receipt.application.receipt_number,
    "code": receipt.query_code,
    "letter": letter.pdf.name,
    "document": document.file.name,
}))
"""

CHECK = """
import io
import json
import sys

import django

django.setup()
from gongkai.applications.identity import query_code_matches
from gongkai.applications.models import Application
from gongkai.search.engine import SearchRequest
from gongkai.search.indexing import search_index

facts = json.loads(sys.argv[1])
application = Application.objects.get(receipt_number=facts["receipt"])
hits = search_index().search(SearchRequest(text="教育局"))
print(json.dumps({
    "code_opens": query_code_matches(facts["receipt"], facts["code"], application.query_code_hash),
    "letter_bytes": len(application.letters.get().pdf.read()),
    "search_hits": hits.total,
}))
"""


def _env(home: Path, database_url: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GONGKAI_", "DJANGO_", "DATABASE_URL"))
    }
    env.update(
        GONGKAI_HOME=str(home),
        DATABASE_URL=database_url,
        GONGKAI_TASKS_URL=f"sqlite:///{home}/tasks.sqlite3",
        GONGKAI_TASKS_IMMEDIATE="1",
        DJANGO_SETTINGS_MODULE="gongkai.settings",
        PYTHONPATH=os.pathsep.join([str(REPO / "src"), str(REPO)]),
    )
    return env


def _run(env: dict[str, str], *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    # Ceilings against a hang, not timings: every migration runs, on a busy machine.
    return subprocess.run(
        list(args), env=env, cwd=REPO, capture_output=True, text=True, timeout=timeout
    )


def _ok(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(params=["sqlite", "postgresql"])
def databases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two empty databases, the source and the restore target."""
    if request.param == "sqlite":
        yield (f"sqlite:///{tmp_path}/a/gongkai.sqlite3", f"sqlite:///{tmp_path}/b/gongkai.sqlite3")
        return
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(POSTGRES, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        pytest.skip("PostgreSQL is not reachable")
    names = [f"gk_drill_{uuid.uuid4().hex[:8]}_{side}" for side in "ab"]
    for name in names:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES.rsplit("/", 1)[0]
    try:
        yield (f"{base}/{names[0]}", f"{base}/{names[1]}")
    finally:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_the_restore_drill(tmp_path: Path, databases: tuple[str, str]) -> None:
    source = _env(tmp_path / "a", databases[0])
    target = _env(tmp_path / "b", databases[1])
    gongkai = str(BIN / "gongkai")
    _ok(_run(source, gongkai, "init"))
    facts = json.loads(_ok(_run(source, str(BIN / "python"), "-c", POPULATE)).splitlines()[-1])
    archive = tmp_path / "backup.tar"
    out = _ok(_run(source, gongkai, "backup", "--out", str(archive)))
    assert "已备份到" in out and "密钥已包含" in out and "检索索引已包含" in out

    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert f"private/{facts['letter']}" in manifest["files"]
    assert f"media/{facts['document']}" in manifest["files"]
    assert set(manifest["referenced"]) <= set(manifest["files"])
    assert manifest["missing_at_source"] == []
    assert manifest["counts"]["applications_application"] == 1

    restored = _ok(_run(target, gongkai, "restore", str(archive)))
    assert "已恢复并核对" in restored
    # The restore wrote its audit row into the restored log, after the backup's.
    check = json.loads(
        _ok(_run(target, str(BIN / "python"), "-c", CHECK, json.dumps(facts))).splitlines()[-1]
    )
    assert check["code_opens"], "the secret key did not come back: query codes are dead"
    assert check["letter_bytes"] > 1000
    assert check["search_hits"] > 0
    letter = (tmp_path / "b" / "private" / facts["letter"]).read_bytes()
    assert letter == (tmp_path / "a" / "private" / facts["letter"]).read_bytes()

    # A second restore over the now non-empty instance needs --force ...
    again = _run(target, gongkai, "restore", str(archive))
    assert again.returncode == 1 and "--force" in again.stderr
    # ... and a foreign secret key is never overwritten silently.
    other = _env(tmp_path / "c", databases[1])
    other["GONGKAI_SECRET_KEY"] = "a-different-key"
    refused = _run(other, gongkai, "restore", "--force", str(archive))
    assert refused.returncode == 1 and "GONGKAI_SECRET_KEY" in refused.stderr


def test_a_hostile_archive_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    env = _env(tmp_path / "home", f"sqlite:///{tmp_path}/home/gongkai.sqlite3")
    gongkai = str(BIN / "gongkai")
    not_a_backup = tmp_path / "x.tar"
    not_a_backup.write_bytes(b"not a tar")
    done = _run(env, gongkai, "restore", str(not_a_backup))
    assert done.returncode == 1 and "不是 gongkai 备份文件" in done.stderr

    climbing = tmp_path / "climb.tar"
    with tarfile.open(climbing, "w") as tar:
        manifest = {
            "format": 1,
            "engine": "sqlite",
            "database": "database.sqlite3",
            "counts": {},
            "files": {},
            "secret_key": "absent",
            "search": "absent",
            "created_at": "2026-12-04T00:00:00+00:00",
        }
        data = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
        evil = tarfile.TarInfo("../../escaped.txt")
        evil.size = 1
        tar.addfile(evil, io.BytesIO(b"x"))
    done = _run(env, gongkai, "restore", str(climbing))
    assert done.returncode == 1 and "不安全的路径" in done.stderr
    assert not (tmp_path / "escaped.txt").exists()
    database = tmp_path / "home" / "gongkai.sqlite3"
    if database.exists():
        with sqlite3.connect(database) as conn:
            tables = conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
        assert ("agencies_agency",) not in tables
