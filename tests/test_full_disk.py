"""A full disk: the upload is refused with a Chinese 503, nothing is half-written,
and the same form sent again once there is room files exactly one application.

The disk is real: a 1 MB tmpfs filled to the last byte (needs root, as on the CI
machine; elsewhere the mount is refused and these tests are skipped with the reason).
"""

from __future__ import annotations

import errno
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.exceptions import SessionInterrupted
from django.core.files.base import ContentFile
from django.db import OperationalError
from django.test import Client, RequestFactory

from gongkai.applications.models import ApplicantFile, Application
from gongkai.audit.models import AuditEntry
from gongkai.file_storage import MediaStorage
from gongkai.site_identity import views
from tests.test_applicant_identity import png_bytes, upload
from tests.test_public_applications import apply_url, person, submit


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path) -> Path:
    """Write until the file system says ENOSPC; the filler file, to delete for room."""
    filler = disk / "filler"
    with open(filler, "wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError as error:
            assert error.errno == errno.ENOSPC
    return filler


def listing(disk: Path) -> set[str]:
    return {str(path.relative_to(disk)) for path in disk.rglob("*") if path.is_file()}


def test_a_file_is_written_whole_or_not_at_all(small_disk: Path) -> None:
    storage = MediaStorage(location=str(small_disk), base_url="/media/")
    name = storage.save("documents/a.pdf", ContentFile(b"%PDF-1.7 whole"))
    again = storage.save("documents/a.pdf", ContentFile(b"%PDF-1.7 second"))
    assert name != again and listing(small_disk) == {name, again}
    assert (small_disk / name).read_bytes() == b"%PDF-1.7 whole"

    filler = fill(small_disk)
    with pytest.raises(OSError) as raised:
        storage.save("documents/b.pdf", ContentFile(b"x" * 300_000))
    assert raised.value.errno == errno.ENOSPC
    # No truncated b.pdf and no temporary file: only what was there before.
    assert listing(small_disk) == {name, again, "filler"}
    filler.unlink()


@pytest.mark.django_db
def test_an_application_whose_upload_meets_a_full_disk_is_refused_whole_and_filed_once_later(
    client: Client, district: Any, small_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.raise_request_exception = False  # answer as the server does: the 500 handler
    storage = ApplicantFile._meta.get_field("file").storage
    monkeypatch.setattr(storage, "location", str(small_disk))
    html = client.get(apply_url(district.a)).content.decode()
    token = html.split('name="submission_token" value="', 1)[1].split('"', 1)[0]
    proof = png_bytes((200, 150))
    audit_rows = AuditEntry.objects.count()
    filler = fill(small_disk)

    refused = submit(
        client,
        district.a,
        person(submission_token=token, identity_proof=upload("证件.png", proof)),
    )

    page = refused.content.decode()
    assert refused.status_code == 503 and refused["Retry-After"] == "60"
    assert "服务器存储空间已满" in page and "没有完成" in page
    assert Application.objects.count() == 0 and ApplicantFile.objects.count() == 0
    assert AuditEntry.objects.count() == audit_rows
    assert listing(small_disk) == {"filler"}

    filler.unlink()
    filed = submit(
        client,
        district.a,
        person(submission_token=token, identity_proof=upload("证件.png", proof)),
    )
    assert filed.status_code == 302
    stored = ApplicantFile.objects.get()
    assert stored.application == Application.objects.get()
    assert (small_disk / stored.file.name).read_bytes() == proof


def _answer_to(error: BaseException) -> Any:
    """What the 500 handler answers while ``error`` is being handled (as Django calls it)."""
    try:
        raise error
    except BaseException:
        return views.server_error(RequestFactory().post("/apply/X/"))


def test_a_database_that_is_away_answers_503_in_chinese_wherever_it_was_raised() -> None:
    refused = OperationalError("connection to server at 127.0.0.1 failed")
    response = _answer_to(refused)
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert "数据库暂时无法访问" in response.content.decode()
    # After the action committed, the session save met the restarting database.
    try:
        try:
            raise refused
        except OperationalError as error:
            raise UpdateError from error
    except UpdateError as update:
        interrupted = SessionInterrupted("The request's session was deleted")
        interrupted.__context__ = update
    assert _answer_to(interrupted).status_code == 503
    # Django answers SessionInterrupted (a BadRequest) through the 400 handler.
    assert views.bad_request(RequestFactory().post("/"), interrupted).status_code == 503
    assert _answer_to(ValueError("a bug")).status_code == 500
    assert _answer_to(OSError(errno.EACCES, "denied")).status_code == 500
