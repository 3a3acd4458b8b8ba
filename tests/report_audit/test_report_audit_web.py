"""The operator's upload screens: who may use them, a zip, hostile archives, the results."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.report_audit import uploads
from gongkai.report_audit.models import AuditBatch, BatchStatus
from gongkai.report_audit.uploads import UploadError, expand_uploads, safe_name

REFERENCE = Path("/work/shared/reference/qiaokou-2021-annual-report.txt")
SHANGHAI = Path("/work/shared/data/reports/027_shanghai-bgt_2019/page.html")
pytestmark = pytest.mark.skipif(not SHANGHAI.is_file(), reason="shared reports missing")


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _upload(client, *files: tuple[str, bytes], name: str = "一月核查"):
    return client.post(
        reverse("report_audit_upload"),
        {"name": name, "files": [SimpleUploadedFile(n, data) for n, data in files]},
    )


def _refused(response) -> bool:
    """Wagtail turns PermissionDenied into a redirect to the dashboard with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


@pytest.mark.parametrize("role", ["agency_admin", "editor", "final_approver", "disclosure_officer"])
def test_only_the_operator_may_open_or_upload(client, district, role) -> None:
    client.force_login(district.user("a", role))
    assert _refused(client.get(reverse("report_audit_index")))
    assert _refused(client.get(reverse("report_audit_upload")))
    assert _refused(_upload(client, ("r.txt", REFERENCE.read_bytes())))
    assert not AuditBatch.objects.exists()


def test_anonymous_is_sent_to_login(client, db) -> None:
    response = client.get(reverse("report_audit_index"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_operator_uploads_a_zip_and_reviews_findings(
    client, district, django_capture_on_commit_callbacks
) -> None:
    client.force_login(district.operator)
    archive = _zip(
        {
            "2021/qiaokou.txt": REFERENCE.read_bytes(),
            "shanghai.html": SHANGHAI.read_bytes(),
            "readme.exe": b"MZ",
            "../../escape.txt": "今天开会。".encode(),
        }
    )
    with django_capture_on_commit_callbacks(execute=True):  # the job runs inline in tests
        response = _upload(client, ("reports.zip", archive))
    batch = AuditBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("report_audit_batch", args=[batch.pk])
    assert batch.status == BatchStatus.DONE and batch.created_by == district.operator
    names = list(batch.reports.values_list("file_name", flat=True))
    assert names == [
        "reports.zip/2021/qiaokou.txt",
        "reports.zip/shanghai.html",
        "reports.zip/escape.txt",
    ]
    assert batch.skipped == ["reports.zip/readme.exe：不是可核查的文件类型"]
    shanghai = batch.reports.get(position=1)
    assert (shanghai.agency, shanghai.year, shanghai.format) == (
        "上海市人民政府办公厅",
        2019,
        "2019",
    )
    assert (
        shanghai.errors == 12 and shanghai.result["tables"]["applications"]["3.7"]["total"] == 805
    )
    entry = AuditEntry.objects.get(action="report_audit.upload")
    assert entry.actor == district.operator and "3份" in entry.summary

    page = client.get(reverse("report_audit_batch", args=[batch.pk])).content.decode()
    assert "共3份报告，其中2份有错误" in page and "上海市人民政府办公厅" in page
    detail = client.get(reverse("report_audit_report", args=[batch.pk, 1])).content.decode()
    assert "（一）予以公开" in detail and "不等于“总计”列（0）" in detail
    assert "报告文字所述数字" in detail and "共受理政府信息公开申请859件" in detail
    assert (
        "不是年度报告"
        in client.get(reverse("report_audit_report", args=[batch.pk, 2])).content.decode()
    )


def test_an_upload_with_nothing_to_audit_is_refused(client, district) -> None:
    client.force_login(district.operator)
    response = _upload(client, ("notes.exe", b"MZ"))
    assert response.status_code == 200
    assert "没有可核查的文件" in response.content.decode()
    assert not AuditBatch.objects.exists()


def test_zip_bomb_and_lying_sizes_are_refused(monkeypatch) -> None:
    bomb = _zip({"big.txt": b"0" * 5_000_000})
    with pytest.raises(UploadError, match="压缩炸弹"):
        expand_uploads([("bomb.zip", bomb)])
    monkeypatch.setattr(uploads, "MAX_FILE_BYTES", 1000)
    stored = _zip({"big.txt": b"x" * 2000}, zipfile.ZIP_STORED)
    assert expand_uploads([("a.zip", stored), ("ok.txt", b"x")]).skipped == [
        "a.zip/big.txt：超过0MB"
    ]
    with pytest.raises(UploadError, match="不是有效的ZIP"):
        expand_uploads([("fake.zip", b"not a zip")])


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (None, None, "已损坏"),  # the member's last byte changed: a bad CRC
        (10, 99, "已损坏"),  # the directory's compression method: one Python lacks
        (6, 200, "不是有效的ZIP"),  # the version needed to extract: 20.0, refused
    ],
    ids=["bad crc", "unknown compression method", "zip version"],
)
def test_a_damaged_zip_is_refused_not_a_500(client, district, field, value, message) -> None:
    """Damage inside a member escaped as BadZipFile/NotImplementedError/zlib.error, a 500
    on the upload page (found by tests/abuse/test_fuzz.py)."""
    data = bytearray(_zip({"report.txt": "年度报告".encode() * 500}, zipfile.ZIP_STORED))
    directory = data.index(b"PK\x01\x02")  # the central directory's one record
    if field is None:
        data[directory - 1] ^= 0xFF
    else:
        data[directory + field] = value
    client.force_login(district.operator)

    response = _upload(client, ("reports.zip", bytes(data)))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AuditBatch.objects.exists()


def test_names_cannot_climb_out() -> None:
    assert safe_name("../../etc/passwd") == "etc/passwd"
    assert safe_name("C:\\reports\\..\\a.pdf") == "C:/reports/a.pdf"
    assert safe_name("/") == "未命名"


def test_every_batch_is_audited_in_the_background_with_progress(
    client, district, django_capture_on_commit_callbacks
) -> None:
    """Issue 12 (5): even one file is never audited in the request's transaction."""
    client.force_login(district.operator)
    text = REFERENCE.read_bytes()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        _upload(client, ("a.txt", text))
    batch = AuditBatch.objects.get()
    assert batch.status == BatchStatus.PENDING and len(queued) == 1
    assert not batch.reports.get().result  # nothing audited in the request
    page = client.get(reverse("report_audit_batch", args=[batch.pk])).content.decode()
    assert "已核查0/1份报告" in page and 'http-equiv="refresh"' in page
    # Tasks run inline in tests (GONGKAI_TASKS_IMMEDIATE): the queued job audits the batch.
    queued[0]()
    batch.refresh_from_db()
    assert (batch.status, batch.audited) == (BatchStatus.DONE, 1)
    assert [r.errors for r in batch.reports.all()] == [0]
    page = client.get(reverse("report_audit_batch", args=[batch.pk])).content.decode()
    assert "共1份报告" in page and 'http-equiv="refresh"' not in page
