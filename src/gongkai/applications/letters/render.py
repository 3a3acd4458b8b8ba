"""Issuing a letter: number it, fill the agency's wording, render DOCX and PDF, keep both."""

from __future__ import annotations

import re
import string
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.applications.letters.defaults import DEFAULT_TEMPLATES, answer_text_for
from gongkai.applications.letters.kinds import LetterKind
from gongkai.applications.models import Application, Letter, LetterTemplate, NumberSequence
from gongkai.audit.services import record
from gongkai.documents.model import OfficialDocument, Paragraph
from gongkai.documents.punctuation import for_quotation
from gongkai.rules.application_clock import ClockState
from gongkai.rules.outcomes import AnswerType, outcome_for, remedy_clause
from gongkai.rules.workdays import format_date

# Placeholders a template may use; anything else is a mistake the editor should see.
PLACEHOLDERS = {
    "applicant",
    "receipt_number",
    "received_date",
    "description",
    "answer_due",
    "agency",
    "supplement_items",
    "supplement_due",
    "extension_days",
    "extension_reason",
    "party",
    "fee_basis",
    "fee_detail",
    "fee_amount",
    "fee_due",
    "answer_text",
    "remedy",
    "contact",
}


_PLAIN_NAME = re.compile(r"[a-z_]+")


def placeholder_names(text: str) -> list[str]:
    """The placeholders in ``text``, which may only be plain ``{name}``.

    A format specification (``{applicant:中>1000000}`` pads a name to a million
    characters), a conversion, or attribute and index access (``{applicant.__class__}``)
    is refused here, so neither saving nor rendering ever runs one. ``{{`` and ``}}``
    stand for literal braces.
    """
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as error:
        raise ValidationError(f"正文中的花括号不成对：{error}") from None
    names = []
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if spec or conversion or not _PLAIN_NAME.fullmatch(name):
            written = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            raise ValidationError(
                f"占位符“{{{written}}}”写法不对：占位符只能写成{{名称}}，"
                "不能带格式、转换、属性或下标，例如{applicant}。"
            )
        names.append(name)
    return names


def fill_placeholders(text: str, context: dict[str, str]) -> str:
    """``text`` with each plain ``{name}`` replaced: no format mini-language is run."""
    placeholder_names(text)
    pieces = []
    for literal, name, _, _ in string.Formatter().parse(text):
        pieces.append(literal)
        if name is not None:
            if name not in context:
                raise ValidationError(f"文书模板使用了未知的占位符 {{{name}}}。")
            pieces.append(context[name])
    return "".join(pieces)


def template_for(application: Application, kind: LetterKind) -> tuple[str, str]:
    """The agency's wording if it has one, else the platform default."""
    own = LetterTemplate.objects.filter(agency=application.agency, kind=kind).first()
    shared = own or LetterTemplate.objects.filter(agency__isnull=True, kind=kind).first()
    if shared is not None:
        return shared.title, shared.body
    return kind.label, DEFAULT_TEMPLATES[kind]


def _date(value: date | None) -> str:
    return format_date(value) if value else "（待定）"


def _answer_due(state: ClockState) -> str:
    """The answer date for the applicant; one waiting for a year's schedule says so."""
    year = state.unknown.get("answer_due")
    if state.answer_due is None and year is not None:
        return f"法定期限（具体日期待{year}年节假日安排公布后确定）"
    return _date(state.answer_due)


def letter_context(application: Application, extra: dict[str, Any], *, on: date) -> dict[str, str]:
    from gongkai.applications.services.clock import clock_state

    agency = application.agency
    state = clock_state(application, today=on)
    contact = "；".join(
        part
        for part in (
            agency.office_name,
            f"联系人：{agency.office_contact}" if agency.office_contact else "",
            f"电话：{agency.office_phone}" if agency.office_phone else "",
            f"地址：{agency.office_address}" if agency.office_address else "",
        )
        if part
    )
    context: dict[str, str] = {
        "applicant": application.applicant_name,
        "receipt_number": application.receipt_number,
        "received_date": _date(state.received),
        "description": for_quotation(application.description),
        "answer_due": _answer_due(state),
        "agency": agency.name,
        "supplement_due": _date(state.supplement_due),
        "fee_amount": str(application.fee_amount),
        "fee_due": _date(state.fee_due),
        "contact": contact,
    }
    for key, value in extra.items():
        context[key] = format_date(value) if isinstance(value, date) else str(value)
    answer = extra.get("answer_type")
    if isinstance(answer, AnswerType):
        outcome = outcome_for(answer)
        context["answer_text"] = answer_text_for(answer).format(
            answer_detail=extra.get("answer_detail", ""),
            answer_label=answer.label,
            answer_article=answer.article,
        )
        if not (agency.reconsideration_body and agency.court):
            raise ValidationError(
                f"“{agency.name}”尚未设置行政复议机关和管辖人民法院，无法写明救济途径。"
                "请机构管理员在机构信息中补充。"
            )
        context["remedy"] = remedy_clause(
            outcome, reconsideration_body=agency.reconsideration_body, court=agency.court
        )
    return context


def build_document(
    application: Application, kind: LetterKind, *, number: str, on: date, extra: dict[str, Any]
) -> OfficialDocument:
    title, body = template_for(application, kind)
    context = letter_context(application, extra, on=on)
    paragraphs = [
        fill_placeholders(line, context).strip() for line in body.splitlines() if line.strip()
    ]
    agency = application.agency
    if agency.office_contact or agency.office_phone or agency.office_address:
        paragraphs.append(f"联系方式：{context['contact']}")
    addressee = extra.get("party") or application.applicant_name
    return OfficialDocument(
        title=title,
        number=number,
        addressee=f"{addressee}：",
        blocks=[Paragraph(text) for text in paragraphs],
        signature=application.agency.name,
        date=on,
    )


def issue_letter(
    *, application: Application, kind: LetterKind, on: date, extra: dict[str, Any] | None = None
) -> Letter:
    """Number, render and store a letter inside the step's transaction."""
    from gongkai.documents.docx import render_docx
    from gongkai.documents.pdf import render_pdf

    extra = extra or {}
    with transaction.atomic():
        agency = application.agency
        sequence = NumberSequence.next(agency_id=agency.pk, year=on.year, series="letter")
        number = f"{agency.display_name}依申请〔{on.year}〕{sequence}号"
        document = build_document(application, kind, number=number, on=on, extra=extra)
        letter = Letter(
            application=application,
            kind=kind,
            year=on.year,
            sequence=sequence,
            number=number,
            title=document.title,
            paragraphs=[block.text for block in document.blocks],
            issued_on=on,
        )
        stem = f"{application.receipt_number}-{kind.value}-{sequence}"
        letter.docx.save(f"{stem}.docx", ContentFile(render_docx(document)), save=False)
        letter.pdf.save(f"{stem}.pdf", ContentFile(render_pdf(document)), save=False)
        letter.save()
        record(
            action="letter.issue",
            summary=f"{application.receipt_number}：出具{document.title}（{number}）",
            obj=letter,
            agency=agency,
            changes={"kind": kind.value, "number": number},
        )
    return letter
