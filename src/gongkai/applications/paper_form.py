"""The paper application form (政府信息公开申请表) an agency's guide offers for download.

Built from what the online form asks: the intake service's ``APPLICANT_FIELDS`` in their
order, with the online form's labels, choices and hints. A field added to the online
form therefore appears on paper too, and the two cannot ask for different things. One
:class:`~gongkai.documents.model.OfficialDocument` renders to DOCX (to fill in on a
computer) and PDF (to print), like every other document.
"""

from __future__ import annotations

import hashlib

from django import forms
from django.core.cache import cache

from gongkai.agencies.models import Agency
from gongkai.applications.public.forms import ApplicationForm
from gongkai.applications.services.intake import APPLICANT_FIELDS
from gongkai.documents.model import Cell, Heading, OfficialDocument, Paragraph, Table

TITLE = "政府信息公开申请表"
# Art. 29 (一) is about the applicant; (二) and (三), from this field on, the information.
FIRST_INFORMATION_FIELD = "description"
BOX = "□"
GAP = "\u3000\u3000"  # room to write the month and the day in
# Answers written by hand over several lines get that many rows.
WRITING_LINES = {"description": 5, "address": 2}


def _answer(field: forms.Field) -> str:
    """The cell to fill in: the choices with a box each, or nothing (room to write)."""
    if isinstance(field, forms.ChoiceField) and field.choices:
        return "  ".join(f"{BOX}{label}" for value, label in field.choices if value)
    return ""


def _rows(form: ApplicationForm) -> list[list[Cell]]:
    """Three columns: the group (申请人信息, 所需信息), the question, the answer. A question
    that needs room to write gets that many ruled rows for its answer."""
    split = APPLICANT_FIELDS.index(FIRST_INFORMATION_FIELD)
    groups = (
        ("申请人信息", APPLICANT_FIELDS[:split]),
        ("所需信息", APPLICANT_FIELDS[split:]),
    )
    rows: list[list[Cell]] = []
    for group, names in groups:
        height = sum(WRITING_LINES.get(name, 1) for name in names)
        for index, name in enumerate(names):
            field, lines = form.fields[name], WRITING_LINES.get(name, 1)
            row = [
                Cell(str(field.label), rowspan=lines, align="left"),
                Cell(_answer(field), align="left"),
            ]
            if index == 0:
                row.insert(0, Cell(group, rowspan=height, bold=True))
            rows.append(row)
            rows.extend([Cell("")] for _ in range(lines - 1))
    rows.append(
        [
            Cell("申请人签名（盖章）", colspan=2, bold=True),
            Cell(f"年{GAP}月{GAP}日", align="right"),
        ]
    )
    return rows


def paper_form_document(agency: Agency) -> OfficialDocument:
    """The form addressed to ``agency``'s disclosure office, with the online form's notes."""
    form = ApplicationForm()
    office = agency.office_name or f"{agency.name}政府信息公开工作机构"
    notes = [
        f"{number}．{form.fields[name].label}：{form.hint(name)}"
        for number, name in enumerate((n for n in APPLICANT_FIELDS if form.hint(n)), start=1)
    ]
    blocks: list[Heading | Paragraph | Table] = [
        Paragraph(f"受理机关：{agency.name}（{office}）", indent=False),
        Table(rows=_rows(form), col_widths=[2.2, 4, 8]),
        Paragraph("申请人承诺以上填写的内容真实、准确。"),
        Heading("填表说明", level=3),
        *(Paragraph(note) for note in notes),
        Paragraph(
            "本表可当面递交、邮寄或传真至受理机关的政府信息公开工作机构，也可以通过政府信息公开平台"
            "在线提交；地址、办公时间和联系电话见本机关政府信息公开指南。"
        ),
    ]
    return OfficialDocument(
        title=TITLE, number=None, addressee=None, blocks=blocks, signature=agency.name, date=None
    )


def render_paper_form(agency: Agency, fmt: str) -> bytes:
    """``fmt`` is ``docx`` or ``pdf``. Rendering takes seconds (a PDF embeds its fonts), so
    the file is kept, keyed on what it says: a changed name, office or question is a new
    file, an unchanged one is rendered once per process."""
    document = paper_form_document(agency)
    key = f"gongkai:paper-form:{fmt}:{hashlib.sha256(repr(document).encode()).hexdigest()}"
    content = cache.get(key)
    if content is None:
        content = _render(document, fmt)
        cache.set(key, content, timeout=None)
    return content


def _render(document: OfficialDocument, fmt: str) -> bytes:
    if fmt == "docx":
        from gongkai.documents.docx import render_docx

        return render_docx(document)
    if fmt == "pdf":
        from gongkai.documents.pdf import render_pdf

        return render_pdf(document)
    raise ValueError(f"unknown format: {fmt}")
