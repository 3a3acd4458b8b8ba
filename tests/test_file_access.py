"""Every file URL the system produces, tried by everyone who might (issue 12.1, 12.2, 12.7).

Letters name the applicant and the request: they live outside MEDIA_ROOT under random
names and are served only to the agency's disclosure staff and, after the query code, to
the applicant. Catalogue attachments are public only while a published entry of their
agency uses them. /media/ serves Wagtail's images and nothing else.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve, reverse
from wagtail.documents import get_document_model

from gongkai.agencies.models import AGENCY_ROLES
from gongkai.applications.services import handling, intake
from gongkai.audit.models import AuditEntry
from gongkai.disclosure.documents import may_download, publicly_served
from gongkai.disclosure.models import EntryAttachment
from gongkai.disclosure.permissions import agency_collection
from gongkai.disclosure.services.catalogue import do_withdraw_entry
from gongkai.report_audit.uploads import MAX_BATCH_BYTES
from gongkai.request_limits import ENVELOPE_BYTES, body_limit
from tests.disclosure.test_catalogue import new_entry, run_chain
from tests.screening.files import docx_file, pdf_file, xlsx_file
from tests.test_applications import PERSON, office, officer  # noqa: F401  (fixture)

TODAY = date(2026, 11, 20)  # the date the services run on, never the machine's

STAFF_ROLES = [role.value for role in AGENCY_ROLES]
PRIVATE_HEADERS = {"Cache-Control", "Content-Disposition"}


def _assert_private_download(response: Any) -> bytes:
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }
    assert response["X-Content-Type-Options"] == "nosniff"
    return b"".join(response.streaming_content)


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def letters(office):  # noqa: F811
    """Two applications of agency a, each answered with a letter; one also consulted."""
    cases = []
    with officer(office):
        for name in ("张三", "李四"):
            receipt = intake.do_register_application(
                today=TODAY,
                agency=office.a,
                channel="in_person",
                received_on=date(2026, 9, 1),
                **{**PERSON, "applicant_name": name},
            )
            consultation = handling.do_send_consultation(
                today=TODAY, application=receipt.application, on=date(2026, 9, 2), party="某公司"
            )
            answer = handling.do_answer(
                today=TODAY,
                application=receipt.application,
                on=date(2026, 9, 8),
                answer_type="disclosed",
            )
            cases.append((receipt, answer, consultation))
    office.cases = cases
    return office


# --- letters: where they live ----------------------------------------------------------


def test_letters_live_outside_media_under_random_names(letters: Any) -> None:
    receipt, answer, _ = letters.cases[0]
    media = Path(settings.MEDIA_ROOT).resolve()
    for field in (answer.pdf, answer.docx):
        path = Path(field.path).resolve()
        assert path.is_file()
        assert not path.is_relative_to(media)
        assert path.is_relative_to(Path(settings.GONGKAI_PRIVATE_ROOT).resolve())
        assert receipt.application.receipt_number not in path.name
        assert len(path.stem) == 32  # 128 random bits, hex
        with pytest.raises(ValueError):
            field.url  # noqa: B018  (a private file has no address)


def test_the_migration_moves_public_letters_into_private_storage(letters: Any) -> None:
    """Letters written before the change sat under MEDIA_ROOT with guessable names."""
    import importlib

    from django.apps import apps

    from gongkai.applications.models import Letter

    migration = importlib.import_module(
        "gongkai.applications.migrations.0007_letters_private_storage"
    )
    receipt, answer, _ = letters.cases[0]
    content = Path(answer.pdf.path).read_bytes()
    old_name = f"letters/2026/{receipt.application.receipt_number}-answer-1.pdf"
    old = Path(settings.MEDIA_ROOT) / old_name
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_bytes(content)
    Letter.objects.filter(pk=answer.pk).update(pdf=old_name)

    migration.move_letters_to_private_storage(apps, None)
    migration.move_letters_to_private_storage(apps, None)  # a re-run changes nothing

    answer.refresh_from_db()
    assert not old.exists()
    assert answer.pdf.name != old_name and receipt.application.receipt_number not in answer.pdf.name
    assert Path(answer.pdf.path).read_bytes() == content
    assert (
        Path(answer.pdf.path)
        .resolve()
        .is_relative_to(Path(settings.GONGKAI_PRIVATE_ROOT).resolve())
    )


def test_no_media_url_reaches_a_letter(client: Client, letters: Any) -> None:
    receipt, answer, _ = letters.cases[0]
    number = receipt.application.receipt_number
    guesses = [
        f"/media/{answer.pdf.name}",
        f"/media/{answer.docx.name}",
        f"/media/letters/2026/{number}-answer-1.pdf",
        f"/media/letters/2026/{number}-answer-2.pdf",
        "/media/letters/2026/",
        f"/media/images/../{answer.pdf.name}",
        f"/media/images/../../private/{answer.pdf.name}",
    ]
    for url in guesses:
        assert client.get(url).status_code == 404, url


# --- letters: the agency's staff ---------------------------------------------------------


def test_only_the_agencys_disclosure_staff_download_letters(client: Client, letters: Any) -> None:
    _, answer, _ = letters.cases[0]
    urls = [reverse("applications_letter", args=[answer.pk, fmt]) for fmt in ("pdf", "docx")]
    for url in urls:
        assert client.get(url).status_code == 302  # anonymous: to the login page
        assert _body(client.get(url, follow=True)) and not client.get(url).streaming
    refused = [("b", role) for role in STAFF_ROLES]
    refused += [("a", role) for role in ("editor", "first_reviewer", "second_reviewer")]
    refused += [("a", "final_approver")]
    for slug, role in refused:
        client.force_login(letters.user(slug, role))
        for url in urls:
            assert client.get(url).status_code == 404, (slug, role, url)
    client.force_login(letters.operator)
    assert client.get(urls[0]).status_code == 404
    for role in ("disclosure_officer", "agency_admin"):
        client.force_login(letters.user("a", role))
        assert _assert_private_download(client.get(urls[0])).startswith(b"%PDF")
        assert _assert_private_download(client.get(urls[1])).startswith(b"PK")
    assert AuditEntry.objects.filter(action="application.letter_downloaded").count() == 4


# --- letters: the applicant --------------------------------------------------------------


def _track(client: Client, receipt: Any, code: str | None = None) -> str:
    response = client.post(
        "/track/",
        {
            "receipt_number": receipt.application.receipt_number,
            "query_code": code or receipt.query_code,
        },
    )
    assert response.status_code == 200
    return response.content.decode()


def _applicant_url(letter: Any, fmt: str = "pdf") -> str:
    return reverse("applications_public:letter", args=[letter.pk, fmt])


def test_the_applicant_downloads_their_letter_after_the_query_code(
    client: Client, letters: Any
) -> None:
    receipt, answer, _ = letters.cases[0]
    assert client.get(_applicant_url(answer)).status_code == 404  # not yet unlocked
    page = _track(client, receipt)
    assert _applicant_url(answer) in page and _applicant_url(answer, "docx") in page
    pdf = _assert_private_download(client.get(_applicant_url(answer)))
    assert pdf == Path(answer.pdf.path).read_bytes()
    assert _assert_private_download(client.get(_applicant_url(answer, "docx"))).startswith(b"PK")
    read = AuditEntry.objects.filter(action="application.letter_downloaded_by_applicant")
    assert read.count() == 2 and read.first().agency == letters.a


def test_the_applicant_gets_no_other_letter(client: Client, letters: Any) -> None:
    receipt, _, consultation = letters.cases[0]
    _, other_answer, other_consultation = letters.cases[1]
    page = _track(client, receipt)
    # A consultation letter goes to the third party, not to the applicant.
    assert _applicant_url(consultation) not in page
    for letter in (other_answer, other_consultation, consultation):
        for fmt in ("pdf", "docx"):
            assert client.get(_applicant_url(letter, fmt)).status_code == 404
    assert client.get(_applicant_url(other_answer, "exe")).status_code == 404
    assert client.get("/track/letters/999999/pdf/").status_code == 404


def test_a_wrong_code_or_another_browser_unlocks_nothing(client: Client, letters: Any) -> None:
    receipt, answer, _ = letters.cases[0]
    wrong = "A" * 10 if receipt.query_code != "A" * 10 else "B" * 10
    assert "下载PDF" not in _track(client, receipt, wrong)
    assert client.get(_applicant_url(answer)).status_code == 404
    _track(client, receipt)
    assert Client().get(_applicant_url(answer)).status_code == 404
    # Staff of another agency, logged in, are strangers here as well.
    stranger = Client()
    stranger.force_login(letters.user("b", "disclosure_officer"))
    assert stranger.get(_applicant_url(answer)).status_code == 404


def test_the_unlock_expires(client: Client, letters: Any, monkeypatch: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    receipt, answer, _ = letters.cases[0]
    _track(client, receipt)
    later = timezone.now() + timedelta(minutes=31)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(_applicant_url(answer)).status_code == 404


# --- catalogue attachments (Wagtail documents) ------------------------------------------


def _readable(name: str) -> bytes:
    """A real file of the name's kind: screening blocks what it cannot read."""
    if name.endswith(".xlsx"):
        return xlsx_file([["通知", "内容"]])
    if name.endswith(".docx"):
        return docx_file(["通知内容"])
    return pdf_file(["关于做好开学工作的通知"])


def _document(agency: Any, name: str = "notice.pdf", data: bytes | None = None) -> Any:
    data = _readable(name) if data is None else data
    return get_document_model().objects.create(
        title=name, file=ContentFile(data, name=name), collection=agency_collection(agency)
    )


def _attach(entry: Any, document: Any) -> None:
    """As the editor's form does: on a draft, the rows and a new revision."""
    entry.attachments.add(EntryAttachment(document=document, title=document.title))
    if not entry.live:
        entry.save()
    entry.save_revision(user=entry.owner)


def _everyone_but(catalogue: Any, slug: str) -> list[Any]:
    other = "b" if slug == "a" else "a"
    return [None, catalogue.operator] + [catalogue.user(other, role) for role in STAFF_ROLES]


def _fetch(user: Any, url: str) -> int:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(url).status_code


def test_a_draft_entrys_attachment_is_served_to_its_agencys_staff_only(catalogue: Any) -> None:
    entry = new_entry(catalogue)
    document = _document(catalogue.a, "draft.pdf")
    _attach(entry, document)
    assert not publicly_served(document)
    for user in _everyone_but(catalogue, "a"):
        assert _fetch(user, document.url) == 404, user
        assert not may_download(user, document)
    for role in STAFF_ROLES:
        client = Client()
        client.force_login(catalogue.user("a", role))
        response = client.get(document.url)
        assert response.status_code == 200, role
        assert "no-store" in response["Cache-Control"]
    # The file under MEDIA_ROOT has no public address either.
    assert _fetch(None, f"/media/{document.file.name}") == 404
    assert _fetch(None, f"/media/documents/{Path(document.file.name).name}") == 404


def test_an_unattached_upload_is_nobodys_download_but_its_agencys(catalogue: Any) -> None:
    document = _document(catalogue.a, "id-card.pdf")
    for user in _everyone_but(catalogue, "a"):
        assert _fetch(user, document.url) == 404
    assert _fetch(catalogue.user("a", "editor"), document.url) == 200


def test_a_published_entrys_attachment_is_public_until_withdrawn(catalogue: Any) -> None:
    entry = new_entry(catalogue)
    document = _document(catalogue.a, "published.pdf")
    _attach(entry, document)
    run_chain(entry, catalogue)
    assert entry.live and publicly_served(document)
    for user in _everyone_but(catalogue, "a"):
        assert _fetch(user, document.url) == 200
    public = Client().get(document.url)
    assert "no-store" not in public.get("Cache-Control", "")

    do_withdraw_entry(entry=entry, user=catalogue.user("a", "final_approver"), reason="含个人信息")
    assert not publicly_served(document)
    for user in _everyone_but(catalogue, "a"):
        assert _fetch(user, document.url) == 404
    assert _fetch(catalogue.user("a", "editor"), document.url) == 200


def test_another_agencys_published_entry_does_not_publish_a_foreign_document(
    catalogue: Any,
) -> None:
    """A document is public through an entry of the agency that owns it, not any entry."""
    entry = run_chain(new_entry(catalogue, slug="b"), catalogue, slug="b")
    foreign = _document(catalogue.a, "a-draft.pdf")
    EntryAttachment.objects.create(entry=entry, document=foreign, title="别的机构的文件")
    assert not publicly_served(foreign)
    assert _fetch(None, foreign.url) == 404


def test_a_draft_attachment_of_a_live_entry_stays_private(catalogue: Any) -> None:
    """Adding an attachment to a live entry's draft does not publish it."""
    entry = run_chain(new_entry(catalogue), catalogue)
    document = _document(catalogue.a, "next-version.pdf")
    _attach(entry, document)
    assert entry.get_latest_revision().content["attachments"]
    assert not publicly_served(document)
    assert _fetch(None, document.url) == 404


def test_only_pdf_and_images_open_in_the_browser(catalogue: Any) -> None:
    entry = new_entry(catalogue)
    sheet = _document(catalogue.a, "table.xlsx")
    pdf = _document(catalogue.a, "notice.pdf")
    for document in (sheet, pdf):
        _attach(entry, document)
    run_chain(entry, catalogue)
    assert Client().get(sheet.url)["Content-Disposition"].startswith("attachment")
    assert Client().get(pdf.url)["Content-Disposition"].startswith("inline")


@pytest.mark.parametrize("name", ["logo.svg", "page.html", "page.htm", "feed.xml", "note.txt"])
def test_markup_never_opens_in_the_browser(catalogue: Any, name: str) -> None:
    """Uploads take none of these (WAGTAILDOCS_EXTENSIONS); a document that has one anyway
    (made in the shell, an old import) still downloads instead of running in our origin."""
    entry = new_entry(catalogue)
    document = _document(catalogue.a, name, data=b"<svg onload=alert(1)><script>x</script>")
    _attach(entry, document)  # a draft's: served to the agency's staff, same view
    client = Client()
    client.force_login(catalogue.user("a", "editor"))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_wagtail_redirects_no_download_to_a_file_url() -> None:
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"


# --- /media/ -----------------------------------------------------------------------------


def test_media_serves_images_only(client: Client, db: None) -> None:
    images = Path(settings.MEDIA_ROOT) / "images"
    images.mkdir(parents=True, exist_ok=True)
    (images / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (images / "notes.txt").write_text("not an image")
    (Path(settings.MEDIA_ROOT) / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert client.get("/media/images/logo.png").status_code == 200
    assert client.get("/media/images/notes.txt").status_code == 404
    (images / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    assert client.get("/media/images/logo.svg").status_code == 404  # a script, not a picture
    assert client.get("/media/secret.png").status_code == 404
    assert client.get("/media/images/../secret.png").status_code == 404
    assert client.get("/media/images/%2e%2e/secret.png").status_code == 404


# --- size limit --------------------------------------------------------------------------


def test_an_oversized_attachment_is_refused_with_its_name_and_the_limit(
    client: Client, catalogue: Any, settings: Any
) -> None:
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024 * 1024
    client.force_login(catalogue.user("a", "editor"))
    collection = agency_collection(catalogue.a)
    big = SimpleUploadedFile("大文件.pdf", b"%PDF-1.4" + b"0" * (1024 * 1024 + 1))
    response = client.post(
        reverse("wagtaildocs:add"), {"title": "大文件", "file": big, "collection": collection.pk}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "“大文件.pdf”" in html and "1MB" in html
    assert not get_document_model().objects.filter(title="大文件").exists()
    small = SimpleUploadedFile("小文件.pdf", b"%PDF-1.4 small")
    client.post(
        reverse("wagtaildocs:add"), {"title": "小文件", "file": small, "collection": collection.pk}
    )
    assert get_document_model().objects.filter(title="小文件").exists()


def test_the_default_limit_is_50_mb() -> None:
    assert settings.GONGKAI_DOCUMENT_MAX_MB == 50
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 50 * 1024 * 1024


class _UnreadableBody:
    """A request body that fails the test if anything reads it."""

    def read(self, *args: Any) -> bytes:
        raise AssertionError("the body of an oversized request was read")

    readline = read


def _declared(size: int, **headers: Any) -> dict[str, Any]:
    return {"CONTENT_LENGTH": str(size), "wsgi.input": _UnreadableBody(), **headers}


def test_an_oversized_body_is_refused_before_anything_reads_it(
    client: Client, catalogue: Any
) -> None:
    """A 200 MB upload used to be streamed to disk before the form said no."""
    client.force_login(catalogue.user("a", "editor"))
    response = client.generic(
        "POST",
        reverse("wagtaildocs:add"),
        content_type="multipart/form-data; boundary=x",
        **_declared(200 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "上传内容超过50MB的上限，未接收" in response.content.decode()
    anonymous = Client().generic(
        "POST", "/apply/", content_type="multipart/form-data; boundary=x", **_declared(2**31)
    )
    assert anonymous.status_code == 413


def test_the_admins_script_upload_gets_the_refusal_as_json(client: Client, catalogue: Any) -> None:
    client.force_login(catalogue.user("a", "editor"))
    response = client.generic(
        "POST",
        reverse("wagtaildocs:add_multiple"),
        content_type="multipart/form-data; boundary=x",
        **_declared(60 * 1024 * 1024, HTTP_X_REQUESTED_WITH="XMLHttpRequest"),
    )
    assert response.status_code == 413
    assert response.json() == {
        "success": False,
        "error_message": "上传内容超过50MB的上限，未接收。请压缩或拆分后再上传。",
    }


def test_only_the_report_audit_upload_takes_a_larger_body(settings: Any) -> None:
    settings.GONGKAI_DOCUMENT_MAX_MB = 50
    assert resolve(reverse("report_audit_upload")).view_name == "report_audit_upload"
    assert body_limit("report_audit_upload") == MAX_BATCH_BYTES + ENVELOPE_BYTES
    assert body_limit("wagtaildocs:add") == 50 * 2**20 + ENVELOPE_BYTES
    assert body_limit(None) == 50 * 2**20 + ENVELOPE_BYTES
