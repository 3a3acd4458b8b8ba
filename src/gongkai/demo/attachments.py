"""Attachments on a share of the demo's recent entries: real PDF, DOCX and XLSX files.

An entry of the last year gets an attachment now and then (:data:`SHARE` of them across
the district), of a kind its text calls for: the 公文 itself as PDF (rendered by
:mod:`gongkai.documents`, as the platform renders letters), an editable DOCX of a 办法
or a 回执 / 报名表 form, a spreadsheet of a statistics or announcement table. The file
is a Wagtail document in the agency's collection, so it is served to the public only
while a published entry of that agency lists it (:mod:`gongkai.disclosure.documents`),
and the entry gets the revision and screening verdict an editor's publication leaves.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from io import BytesIO
from multiprocessing import get_context
from random import Random
from typing import Any

from gongkai.demo.bodies import Facts, Genre, Text, title_core
from gongkai.documents.model import OfficialDocument

SHARE = 0.15
RECENT = timedelta(days=365)  # "the last year's entries": what a visitor sees first
FORMATS = ("pdf", "docx", "xlsx")
_PDF = {
    Genre.NOTICE,
    Genre.ANNOUNCEMENT,
    Genre.NORMATIVE,
    Genre.PLAN,
    Genre.BUDGET,
    Genre.DECISION,
    Genre.PROCUREMENT,
}
_OFFICIAL_DOCX = {Genre.NORMATIVE, Genre.PLAN}  # the text itself, to edit
_TABLE_NAMES = {
    Genre.STATISTICS: "数据表",
    Genre.ANNOUNCEMENT: "明细表",
    Genre.BUDGET: "收支表",
}


@dataclass(frozen=True)
class Attachment:
    kind: str  # pdf, docx or xlsx
    title: str  # as the entry lists it


def kinds_for(genre: Genre, facts: Facts, text: Text) -> list[str]:
    """The kinds of file this entry would plausibly carry (none for news or a 解读)."""
    kinds = []
    if genre in _PDF:
        kinds.append("pdf")
    recruiting = genre == Genre.PERSONNEL and facts.title.endswith("公告")
    if genre in _OFFICIAL_DOCX or genre == Genre.NOTICE or recruiting:
        kinds.append("docx")
    if text.table and genre in (*_TABLE_NAMES, Genre.PERSONNEL):
        kinds.append("xlsx")
    return kinds


def attachment_for(kind: str, *, genre: Genre, facts: Facts) -> Attachment:
    core = title_core(facts.title, facts.short)
    if kind == "pdf":
        return Attachment(kind, f"{facts.title}（正式文本）")
    if kind == "docx":
        if genre in _OFFICIAL_DOCX:
            return Attachment(kind, f"{facts.title}（可编辑文本）")
        if genre == Genre.PERSONNEL:
            return Attachment(kind, f"{facts.formed.year}年公开招聘报名登记表")
        return Attachment(kind, f"{facts.formed.year}年{facts.topic}工作联络员回执")
    if genre == Genre.PERSONNEL:
        name = "岗位表" if facts.title.endswith("公告") else "人员名单"
    else:
        name = _TABLE_NAMES[genre]
    return Attachment(kind, f"{core}{name}")


class AttachmentQuota:
    """Keeps the share of recent entries with an attachment at :data:`SHARE`, counted
    across agencies, and rotates the kinds so that all three turn up."""

    def __init__(self, *, today: date, share: float = SHARE) -> None:
        self.since = today - RECENT
        self.share = share
        self.recent = 0
        self.attached = 0
        self.turn = 0

    def choose(self, candidates: list[tuple[date, list[str]]], rng: Random) -> dict[int, str]:
        """Of (published, possible kinds) per entry, which entries get which kind."""
        recent = [i for i, (published, _) in enumerate(candidates) if published > self.since]
        self.recent += len(recent)
        wanted = round(self.share * self.recent) - self.attached
        eligible = [i for i in recent if candidates[i][1]]
        rng.shuffle(eligible)
        chosen: dict[int, str] = {}
        for _ in range(min(max(wanted, 0), len(eligible))):
            kind = FORMATS[self.turn % len(FORMATS)]
            index = next((i for i in eligible if kind in candidates[i][1]), eligible[0])
            eligible.remove(index)
            chosen[index] = kind if kind in candidates[index][1] else candidates[index][1][0]
            self.turn += 1
        self.attached += len(chosen)
        return chosen


class Workshop:
    """Makes the attachment files in parallel with the publishing.

    A PDF takes a second or more of CPU (the fonts are cut down to its characters), so
    files are rendered in worker processes; each is then read once in a thread (reading
    is itself a child process), so that screening it finds the text already read in this
    process (:mod:`gongkai.extraction.isolated`). A file that cannot be read is left to
    the screening, which judges it.
    """

    def __enter__(self) -> Workshop:
        workers = min(2, os.cpu_count() or 1)
        self.renderers = ProcessPoolExecutor(workers, mp_context=get_context("spawn"))
        self.readers = ThreadPoolExecutor(workers)
        return self

    def __exit__(self, *exc: object) -> None:
        self.readers.shutdown(cancel_futures=True)
        self.renderers.shutdown(cancel_futures=True)

    def make(self, attachment: Attachment, *, draft: Any, filename: str) -> Future[bytes]:
        """The file's bytes, to come; ``draft`` has the entry's genre, facts and text."""
        rendered = self.renderers.submit(
            render, attachment, genre=draft.genre, facts=draft.facts, text=draft.text
        )
        return self.readers.submit(_read, rendered, filename)


def _read(rendered: Future[bytes], filename: str) -> bytes:
    from gongkai.extraction import ExtractionError, extract_text_isolated

    data = rendered.result()
    with suppress(ExtractionError):  # the screening reads it again and blocks it as unreadable
        extract_text_isolated(data, filename)
    return data


def render(attachment: Attachment, *, genre: Genre, facts: Facts, text: Text) -> bytes:
    if attachment.kind == "xlsx":
        return _spreadsheet(attachment.title, text.table)
    if attachment.kind == "docx" and genre not in _OFFICIAL_DOCX:
        return _form(attachment.title, genre=genre, facts=facts)
    document = OfficialDocument(
        title=facts.title,
        number=facts.number or None,
        addressee=text.addressee,
        blocks=text.blocks,
        signature=facts.agency,
        date=facts.formed,
    )
    if attachment.kind == "pdf":
        from gongkai.documents.pdf import render_pdf

        return render_pdf(document)
    from gongkai.documents.docx import render_docx

    return render_docx(document)


def _spreadsheet(title: str, table: tuple[tuple[str, ...], ...]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(table[0]))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    for row in table:
        sheet.append(list(row))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for index, _ in enumerate(table[0]):
        letter = chr(ord("A") + index)
        sheet.column_dimensions[letter].width = 24 if index == 0 else 16
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _form(title: str, *, genre: Genre, facts: Facts) -> bytes:
    """A blank form to fill in: the 回执 of a notice, the 报名登记表 of a recruitment."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    document.add_heading(title, level=1)
    if genre == Genre.PERSONNEL:
        fields = (
            "姓名",
            "性别",
            "出生年月",
            "政治面貌",
            "学历学位",
            "毕业院校及专业",
            "报考岗位",
            "联系电话",
            "学习和工作经历",
            "本人承诺",
        )
        table = document.add_table(rows=len(fields), cols=2)
        for row, field in zip(table.rows, fields, strict=True):
            row.cells[0].text = field
    else:
        header = ("单位名称", "联络员姓名", "职务", "办公电话", "备注")
        table = document.add_table(rows=6, cols=len(header))
        for cell, name in zip(table.rows[0].cells, header, strict=True):
            cell.text = name
        document.add_paragraph(
            f"请于{facts.formed.month}月{min(facts.formed.day + 7, 28)}日前"
            f"将回执报送{facts.short}。"
        )
    table.style = "Table Grid"
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def store(
    *, entry_id: int, attachment: Attachment, data: bytes, filename: str, agency: Any, editor: Any
) -> None:
    """The file as a document in the agency's collection, listed by the entry."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.utils.file import hash_filelike

    from gongkai.disclosure.models import EntryAttachment
    from gongkai.disclosure.permissions import agency_collection

    document = get_document_model()(
        title=attachment.title,
        file=ContentFile(data, name=filename),
        collection=agency_collection(agency),
        uploaded_by_user=editor,
        file_size=len(data),
        file_hash=hash_filelike(BytesIO(data)),
    )
    document.save()
    EntryAttachment.objects.create(entry_id=entry_id, document=document, title=attachment.title)


def published_revision(*, entry_id: int, editor: Any, at: datetime) -> Any:
    """The revision an editor's publication would have left, made the live one.

    Its screening verdict is stored by the caller after the commit (screening reads the
    files in a child process, which must not run under the write lock).
    """
    from wagtail.models import Revision

    from gongkai.disclosure.models import CatalogueEntryPage

    entry = CatalogueEntryPage.objects.get(pk=entry_id)
    revision = entry.save_revision(user=editor, changed=False, clean=False)
    Revision.objects.filter(pk=revision.pk).update(created_at=at)
    CatalogueEntryPage.objects.filter(pk=entry_id).update(
        live_revision=revision, latest_revision_created_at=at
    )
    return revision
