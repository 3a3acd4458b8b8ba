"""Issue 12 (4): the hostile-file set. Each file either has its personal data found or
blocks publication as unreadable — never passes the gate unread.

The set: a ``.doc`` and an ``.xls`` with an ID number, a 3,000-page PDF, a 60 MB PDF, a
zip-bomb DOCX, a damaged PDF, an ``.exe`` named ``.pdf``, an encrypted PDF (plus an OFD
and a WPS file, read since). Files are built here or committed under ``fixtures/``.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfWriter
from wagtail.documents import get_document_model
from wagtail.models import Revision

from gongkai.disclosure.models import EntryAttachment, ScreeningVerdict
from gongkai.disclosure.permissions import agency_collection
from gongkai.disclosure.publication import PublicationBlocked
from gongkai.disclosure.verdicts import screen_revision
from gongkai.extraction import ExtractionError, Reason, extract_text, extract_text_isolated
from gongkai.rules.screening import blocks_publication, screen_text
from tests.disclosure.test_catalogue import CLEAR, PLANTED_ID, act, new_entry
from tests.screening import files
from tests.screening.legacy_files import doc_file, xls_file

FIXTURES = Path(__file__).parent / "fixtures"
ID_LINE = f"申请人张三，身份证号{PLANTED_ID}，联系电话13812345678。"
REASON = "名单依法应当公示，已逐项核对，请主要负责人决定"


def pdf_pages(count: int) -> bytes:
    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(files.pdf_file([ID_LINE])))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def ofd_file(text: str) -> bytes:
    """A minimal OFD (GB/T 33190): OFD.xml and one page whose TextCode holds ``text``."""
    buffer = io.BytesIO()
    namespace = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OFD.xml", f"<ofd:OFD {namespace}><ofd:DocBody/></ofd:OFD>")
        archive.writestr(
            "Doc_0/Pages/Page_0/Content.xml",
            f"<ofd:Page {namespace}><ofd:Content><ofd:Layer><ofd:TextObject ID='1'>"
            f"<ofd:TextCode X='0' Y='0'>{text}</ofd:TextCode>"
            "</ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>",
        )
    return buffer.getvalue()


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48 + b"PE\x00\x00" * 64
DAMAGED_PDF = b"%PDF-1.7\n" + bytes(range(256)) * 4

# name → (content, what screening must report: a finding type or an unreadable reason)
HOSTILE: dict[str, tuple[Any, str]] = {
    "救助名单.doc": (lambda: doc_file(ID_LINE), "id_card"),
    "救助名单.wps": (lambda: doc_file(ID_LINE), "id_card"),
    "救助名单.xls": (lambda: xls_file([["姓名", "身份证号"], ["张三", PLANTED_ID]]), "id_card"),
    "救助名单.et": (lambda: xls_file([["姓名", "身份证号"], ["张三", PLANTED_ID]]), "id_card"),
    "救助名单.ofd": (lambda: ofd_file(ID_LINE), "id_card"),
    "三千页.pdf": (lambda: pdf_pages(3000), Reason.TOO_MANY_PAGES),
    "压缩炸弹.docx": (lambda: (FIXTURES / "zip-bomb.docx").read_bytes(), Reason.ZIP_BOMB),
    "损坏.pdf": (lambda: DAMAGED_PDF, Reason.DAMAGED),
    "程序.pdf": (lambda: EXE, Reason.MISMATCH),
    "加密.pdf": (encrypted_pdf, Reason.ENCRYPTED),
    "扫描件.pdf": (lambda: pdf_pages(1), Reason.NO_TEXT),
    "照片.jpg": (lambda: b"\xff\xd8\xff\xe0" + b"\x00" * 100, Reason.UNSUPPORTED),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_hostile_file_has_its_data_found_or_is_refused(name: str) -> None:
    make, expected = HOSTILE[name]
    data = make()
    try:
        text = extract_text_isolated(data, name)
    except ExtractionError as error:
        assert str(error.reason) == expected, str(error)
        assert name in str(error)
    else:
        assert expected == "id_card", f"{name} was read: {text[:80]!r}"
        assert "id_card" in {str(f.type) for f in screen_text(text)}


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_member_lying_about_its_size_is_refused_before_it_inflates(kind: str) -> None:
    """A member declaring 8 KB (with the CRC of those 8 KB) that holds 400 MB passed the
    declared-size check; zipfile then inflated all of it in one call inside python-docx
    and openpyxl (found by tests/abuse/test_fuzz.py). Each reader refuses it now, in
    well under the seconds and hundreds of MB the inflation took."""
    from gongkai.reports.audit.readers import UnreadableFile, read_document
    from gongkai.tabular import TableImportError, read_table
    from tests.fuzzing.mutate import members, with_bomb

    good = files.docx_file(["正文"]) if kind == "docx" else files.xlsx_file([["名称"]])
    part = "word/document.xml" if kind == "docx" else "xl/worksheets/sheet1.xml"
    bomb = with_bomb(members(good), part, declared=8192)
    name = f"名单.{kind}"
    with pytest.raises(ExtractionError, match="超过其声明的大小") as refused:
        extract_text(bomb, name)
    assert refused.value.reason == Reason.ZIP_BOMB
    if kind == "docx":
        with pytest.raises(UnreadableFile, match="压缩炸弹"):
            read_document(name, bomb)
    else:
        with pytest.raises(TableImportError, match="压缩炸弹"):
            read_table(bomb, file_name=name)


def test_sixty_megabytes_are_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "六十兆.pdf"
    with path.open("wb") as handle:  # sparse: 60 MB on paper, instant to make
        handle.write(b"%PDF-1.4\n")
        handle.truncate(60 * 1024 * 1024)
    with pytest.raises(ExtractionError) as caught:
        extract_text(path)
    assert caught.value.reason is Reason.TOO_LARGE and "50.0MB的上限" in str(caught.value)


def test_an_exe_named_pdf_is_judged_by_its_bytes() -> None:
    with pytest.raises(ExtractionError, match=r"Windows可执行程序，与扩展名\.pdf不符"):
        extract_text(EXE, "通知.pdf")


def test_a_child_past_its_memory_limit_is_refused_not_obeyed() -> None:
    from gongkai.extraction import Limits

    tight = Limits(child_memory_bytes=40 * 1024 * 1024)
    with pytest.raises(ExtractionError) as caught:
        extract_text_isolated(files.pdf_file([ID_LINE]), "a.pdf", limits=tight)
    assert caught.value.reason is Reason.TOO_LARGE and "上限" in str(caught.value)


def test_bytes_read_once_are_not_read_again_but_a_refusal_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Screening and then indexing one attachment starts one child, not two; a file that
    could not be read is tried again (it may be a passing shortage, and is never trusted)."""
    from gongkai.extraction import isolated

    children: list[str] = []
    real = isolated._extract_in_child

    def counted(data: bytes, filename: str, limits: Any) -> str:
        children.append(filename)
        return real(data, filename, limits)

    monkeypatch.setattr(isolated, "_extract_in_child", counted)
    data = files.docx_file([f"只读一次的附件{id(children)}"])
    first = extract_text_isolated(data, "甲.docx")
    assert extract_text_isolated(data, "乙.docx") == first  # the name does not matter
    assert children == ["甲.docx"]
    for _ in range(2):
        with pytest.raises(ExtractionError):
            extract_text_isolated(EXE, "程序.pdf")
    assert children == ["甲.docx", "程序.pdf", "程序.pdf"]


# --- through the catalogue --------------------------------------------------------------


def _attach(catalogue: Any, entry: Any, name: str, data: bytes) -> Revision:
    document = get_document_model().objects.create(
        title=name, file=ContentFile(data, name=name), collection=agency_collection(catalogue.a)
    )
    entry.attachments.add(EntryAttachment(document=document, title=name))
    entry.save()
    return entry.save_revision(user=entry.owner)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_hostile_attachment_blocks_the_entry(catalogue: Any, name: str) -> None:
    make, expected = HOSTILE[name]
    entry = new_entry(catalogue)
    revision = _attach(catalogue, entry, name, make())
    verdict = ScreeningVerdict.objects.get(revision=revision)
    assert verdict.blocking, verdict.findings
    found = [f for f in verdict.findings if f["source"] == f"附件“{name}”"]
    if expected == "id_card":
        assert "id_card" in {f["type"] for f in found}
        assert PLANTED_ID not in str(verdict.findings)  # stored masked
    else:
        assert verdict.unreadable
        assert [(f["type"], f["reason"]) for f in found] == [("unreadable", str(expected))]


def test_a_sixty_megabyte_attachment_blocks_without_being_read(catalogue: Any) -> None:
    folder = Path(settings.MEDIA_ROOT) / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "sixty.pdf").open("wb") as handle:
        handle.write(b"%PDF-1.4\n")
        handle.truncate(60 * 1024 * 1024)
    document = get_document_model().objects.create(
        title="六十兆", file="documents/sixty.pdf", collection=agency_collection(catalogue.a)
    )
    entry = new_entry(catalogue)
    entry.attachments.add(EntryAttachment(document=document, title="六十兆"))
    entry.save()
    verdict = ScreeningVerdict.objects.get(revision=entry.save_revision(user=entry.owner))
    assert verdict.blocking and verdict.unreadable
    assert verdict.blocking_findings[0]["reason"] == "too_large"


def test_unreadable_is_one_decision_everywhere() -> None:
    from gongkai.rules.screening import unreadable_finding

    finding = unreadable_finding("“a.doc”已损坏。", reason="damaged")
    assert finding.blocking and blocks_publication([finding])
    assert finding.masked == "文件已损坏：“a.doc”已损坏。"
    assert not blocks_publication(screen_text("按装完毕"))  # a typo is advice, not a block


# --- the approval path ------------------------------------------------------------------


def _to_final_step(catalogue: Any, entry: Any) -> None:
    entry.get_workflow().start(entry, catalogue.user("a", "editor"))
    act(entry, catalogue.user("a", "first_reviewer"), "approve")
    act(entry, catalogue.user("a", "first_reviewer"), "approve", privacy_reason=REASON, **CLEAR)
    act(entry, catalogue.user("a", "second_reviewer"), "approve")
    entry.refresh_from_db()


def test_the_gate_blocks_an_unreadable_attachment_on_the_approval_path(catalogue: Any) -> None:
    entry = new_entry(catalogue)
    _attach(catalogue, entry, "通知.pdf", EXE)
    _to_final_step(catalogue, entry)
    final = catalogue.user("a", "final_approver")
    actions = entry.current_workflow_task.get_actions(entry, final)
    assert [a[0] for a in actions] == ["reject", "override"]  # no plain 「批准」
    with pytest.raises(PublicationBlocked, match=r"无法读取的附件.*内容与扩展名不符"):
        entry.get_latest_revision().publish(user=final, skip_permission_checks=True)
    entry.refresh_from_db()
    assert not entry.live
    act(entry, final, "override", reason="已人工核对附件内容，系扫描版通知，不含个人信息")
    entry.refresh_from_db()
    assert entry.live
    assert entry.overrides.get().findings[0]["type"] == "unreadable"


@pytest.mark.unscreened
def test_a_revision_not_yet_screened_cannot_be_published(catalogue: Any) -> None:
    from gongkai.disclosure.jobs import screen_revision_job

    entry = new_entry(catalogue)
    revision = entry.get_latest_revision()
    assert not ScreeningVerdict.objects.filter(revision=revision).exists()
    with pytest.raises(PublicationBlocked, match="尚未完成发布前筛查"):
        revision.publish(user=catalogue.operator, skip_permission_checks=True)
    screen_revision_job.call_local(revision.pk)  # what the worker does after the commit
    revision.publish(user=catalogue.operator, skip_permission_checks=True)
    entry.refresh_from_db()
    assert entry.live


def test_the_edit_page_shows_the_stored_verdict_without_extracting(
    catalogue: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = new_entry(catalogue)
    _attach(catalogue, entry, "程序.pdf", EXE)

    def no_extraction(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the edit page must not extract attachments")

    monkeypatch.setattr("gongkai.disclosure.screening.read_attachments", no_extraction)
    client = Client()
    client.force_login(catalogue.user("a", "editor"))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[entry.pk])).content.decode()
    assert "无法读取的附件" in html and "内容与扩展名不符" in html


# --- 保密审查 sees the findings ----------------------------------------------------------


def test_confidentiality_review_shows_findings_and_requires_a_reason(catalogue: Any) -> None:
    entry = new_entry(catalogue, body=f"<p>{ID_LINE}</p>")
    entry.get_workflow().start(entry, catalogue.user("a", "editor"))
    act(entry, catalogue.user("a", "first_reviewer"), "approve")
    entry.refresh_from_db()
    state = entry.current_workflow_task_state
    assert state.task.name == "保密审查"
    client = Client()
    client.force_login(catalogue.user("a", "first_reviewer"))
    url = reverse("wagtailadmin_pages:workflow_action", args=[entry.pk, "approve", state.pk])
    shown = client.get(url).json()["html"]
    assert "发布前筛查结果" in shown and "身份证号码" in shown
    assert PLANTED_ID not in shown  # masked
    assert 'name="privacy_reason"' in shown

    ajax = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
    answer = {**CLEAR, "comment": "", "reviewed_state": state.pk}
    refused = client.post(url, answer, **ajax).json()
    assert refused["step"] == "action" and "须写明理由" in refused["html"]
    state.refresh_from_db()
    assert state.status == state.STATUS_IN_PROGRESS

    # Tampering with the form's task state does not get around it: on_action checks again.
    with pytest.raises(Exception, match="须写明理由"):
        act(entry, catalogue.user("a", "first_reviewer"), "approve", **CLEAR)

    passed = client.post(url, {**answer, "privacy_reason": REASON}, **ajax).json()
    assert passed["step"] == "success"
    state.refresh_from_db()
    assert state.status == state.STATUS_APPROVED
    assert state.specific.answers["privacy_reason"] == REASON


def test_a_clean_entry_needs_no_reason(catalogue: Any) -> None:
    from gongkai.disclosure.models.review import ConfidentialityChecklistForm

    entry = new_entry(catalogue)
    entry.get_workflow().start(entry, catalogue.user("a", "editor"))
    act(entry, catalogue.user("a", "first_reviewer"), "approve")
    entry.refresh_from_db()
    state = entry.current_workflow_task_state
    assert ConfidentialityChecklistForm({**CLEAR, "reviewed_state": state.pk}).is_valid()


def test_screening_a_revision_twice_keeps_one_verdict(catalogue: Any) -> None:
    entry = new_entry(catalogue)
    revision = entry.get_latest_revision()
    screen_revision(revision)
    screen_revision(revision)
    assert ScreeningVerdict.objects.filter(revision=revision).count() == 1


def test_the_job_leaves_a_revision_screened_on_demand_alone(
    catalogue: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gongkai.disclosure import verdicts
    from gongkai.disclosure.jobs import screen_revision_job

    entry = new_entry(catalogue)
    revision = entry.get_latest_revision()
    assert verdicts.verdict_for(revision) is not None  # screened when saved (conftest)

    def no_screening(revision: Any) -> None:
        raise AssertionError("a screened revision is not screened again")

    monkeypatch.setattr(verdicts, "screen_revision", no_screening)
    assert "已筛查" in screen_revision_job.call_local(revision.pk)
