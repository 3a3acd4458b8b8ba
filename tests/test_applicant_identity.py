"""Identity online (条例 Art. 29 (一)): five documents for persons, and the identity proof.

The form offers the documents a person may hold; each number is checked as far as its
format allows; the resident ID's error does not give away the check digit; a short
phone number is called short; the optional proof is checked by its first bytes and its
size and kept in private storage.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.applications.models import ApplicantFile, Application
from tests.test_public_applications import (
    BAD_ID,
    GOOD_ID,
    field_error,
    organisation,
    person,
    submit,
)

pytestmark = pytest.mark.django_db


def png_bytes(size: tuple[int, int] = (40, 30)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format="PNG")
    return buffer.getvalue()


def pdf_bytes(text: str = "Identity") -> bytes:
    """A one-page PDF with a text layer, built by hand (no writer library needed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> Any:
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.mark.parametrize(
    ("kind", "number", "stored"),
    [
        ("passport", "e12345678", "E12345678"),
        ("hk_macao_permit", "H 1234 5678", "H12345678"),
        ("taiwan_permit", "12345678", "12345678"),
        ("foreign_permanent_id", "CAN123456789012", "CAN123456789012"),
        ("resident_id", GOOD_ID, GOOD_ID),
    ],
)
def test_a_person_applies_with_any_of_the_five_documents(
    client: Client, district: Any, kind: str, number: str, stored: str
) -> None:
    response = submit(client, district.a, person(identity_kind=kind, identity_number=number))
    assert response.status_code == 302, field_error(response.content.decode(), "identity_number")
    application = Application.objects.get()
    assert (application.identity_kind, application.identity_number) == (kind, stored)


def test_the_form_offers_the_documents(client: Client, district: Any) -> None:
    html = client.get(f"/apply/{district.a.code}/").content.decode()
    for label in (
        "居民身份证",
        "护照",
        "港澳居民来往内地通行证",
        "台湾居民来往大陆通行证",
        "外国人永久居留身份证",
    ):
        assert f">{label}</option>" in html
    assert 'enctype="multipart/form-data"' in html


def test_a_wrong_document_number_is_refused_with_its_format(client: Client, district: Any) -> None:
    response = submit(
        client, district.a, person(identity_kind="hk_macao_permit", identity_number="C1234")
    )
    assert "H（香港）或M（澳门）开头" in field_error(response.content.decode(), "identity_number")
    assert not Application.objects.exists()


def test_the_resident_id_error_does_not_reveal_the_check_digit(
    client: Client, district: Any
) -> None:
    response = submit(client, district.a, person(identity_number=BAD_ID))
    error = field_error(response.content.decode(), "identity_number")
    assert "校验位错误" in error
    assert "应为“" not in error and GOOD_ID[-1] not in error.replace(BAD_ID, "")


def test_a_short_phone_is_called_short(client: Client, district: Any) -> None:
    response = submit(client, district.a, person(phone="12345"))
    error = field_error(response.content.decode(), "phone")
    assert "过短" in error and "只能包含数字" not in error


def test_an_organisation_still_gives_its_credit_code(client: Client, district: Any) -> None:
    response = submit(client, district.a, organisation(identity_kind="passport"))
    assert response.status_code == 302
    assert Application.objects.get().identity_kind == "uscc"


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [("身份证.png", png_bytes(), "png"), ("scan.pdf", pdf_bytes(), "pdf")],
)
def test_the_identity_proof_is_kept_privately(
    client: Client, district: Any, name: str, data: bytes, kind: str
) -> None:
    response = submit(client, district.a, person(identity_proof=upload(name, data)))
    assert response.status_code == 302, response.content.decode()
    stored = ApplicantFile.objects.get()
    assert (stored.purpose, stored.content_kind, stored.size) == ("identity_proof", kind, len(data))
    path = Path(stored.file.path).resolve()
    assert path.is_relative_to(Path(settings.GONGKAI_PRIVATE_ROOT).resolve())
    assert "身份证" not in path.name and path.read_bytes() == data
    assert stored.screening_note


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("id.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100, "Windows可执行程序"),
        ("id.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 20, "已损坏"),
        ("id.pdf", b"%PDF-1.4\n garbage that is no pdf", "无法读取"),
        ("id.docx", b"PK\x03\x04" + b"\x00" * 50, "只接受PDF、JPG或PNG"),
    ],
)
def test_unusable_proofs_are_refused(
    client: Client, district: Any, name: str, data: bytes, fragment: str
) -> None:
    response = submit(client, district.a, person(identity_proof=upload(name, data)))
    assert fragment in field_error(response.content.decode(), "identity_proof")
    assert not Application.objects.exists() and not ApplicantFile.objects.exists()


def test_an_oversized_proof_is_refused_before_it_is_read(
    client: Client, district: Any, settings: Any
) -> None:
    settings.GONGKAI_APPLICANT_UPLOAD_MAX_MB = 1
    big = png_bytes() + b"\x00" * (1024 * 1024)
    response = submit(client, district.a, person(identity_proof=upload("big.png", big)))
    assert "不能超过1MB" in field_error(response.content.decode(), "identity_proof")
    assert not Application.objects.exists()


def test_a_proof_sent_with_other_mistakes_is_asked_for_again(client: Client, district: Any) -> None:
    response = submit(
        client, district.a, person(phone="12345", identity_proof=upload("id.png", png_bytes()))
    )
    html = response.content.decode()
    assert "过短" in field_error(html, "phone")
    assert "重新选择该文件" in field_error(html, "identity_proof")
    assert not ApplicantFile.objects.exists()
