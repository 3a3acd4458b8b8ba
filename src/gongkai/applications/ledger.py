"""The application ledger (台账): import an agency's spreadsheet, export a year of it.

Agencies have kept their applications in spreadsheets for years, and the annual report
for a year is filled from that ledger. Importing it lets an agency start on the platform
without losing its history (and without re-keying last year's carry-over); exporting
gives back the same eight columns, so the ledger stays the document the office knows.

Import is all-or-nothing: a half-imported ledger would corrupt the annual report more
quietly than a refused one, so every row is checked first and every problem is reported
at once (row numbers as the spreadsheet shows them, header = row 1), and only a clean
file is written, in one transaction.

Imported rows are historical facts, not steps taken today: their clock events are
written with the ledger's own dates, without the "no future date" and role checks of
:func:`~gongkai.applications.services.clock.record_event`; the derived columns are still
computed by :func:`~gongkai.applications.services.clock.refresh`, so an imported
application is indistinguishable in lists and reports from one handled here.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.services import require_role
from gongkai.applications.identity import hash_query_code, new_query_code
from gongkai.applications.models import (
    Application,
    Channel,
    ClockEvent,
    DeliveryMethod,
    InformationForm,
)
from gongkai.applications.services.clock import HANDLER_ROLES, refresh
from gongkai.audit.context import current_user
from gongkai.audit.services import record
from gongkai.rules.application_clock import Event, EventKind, Phase
from gongkai.rules.application_contents import missing_contents
from gongkai.rules.clock_events import Answered, Received, dump_event_data
from gongkai.rules.outcomes import (
    OUTCOMES,
    ApplicantCategory,
    Outcome,
    outcome_from_ledger_text,
)
from gongkai.rules.workdays import format_date
from gongkai.spreadsheet_export import csv_bytes, text_cell_type
from gongkai.tabular import (
    CSV_SUFFIXES,
    Table,
    TableImportError,
    cell_is_blank,
    cell_text,
    column_positions,
    date_cell,
    read_table,
)

# The ledger's columns, in the order agencies print them. The import requires exactly
# these (in any order); the export writes them first.
HEADERS: tuple[str, ...] = (
    "申请编号",
    "收到申请日期",
    "申请人类型",
    "申请人",
    "提交方式",
    "申请内容",
    "办理结果",
    "答复日期",
)
REQUIRED_HEADERS: tuple[str, ...] = HEADERS[:6]
# Columns the export adds for the reader. They are derived from the clock, so an import
# accepts and ignores them: an exported file can be imported again unchanged.
DERIVED_HEADERS: tuple[str, ...] = ("答复期限", "状态", "办理过程")
# Art. 29's contact contents: optional columns, needed only for rows still open (an
# unanswered application must be answered, so the agency must be able to reach the
# applicant); the export writes them last so an exported file imports again.
CONTACT_HEADERS: dict[str, str] = {
    "联系人": "contact_person",
    "联系电话": "phone",
    "电子邮箱": "email",
    "通信地址": "address",
    "获取信息的方式": "delivery_method",
}
DELIVERY_BY_LABEL: dict[str, DeliveryMethod] = {method.label: method for method in DeliveryMethod}

CHANNEL_BY_LABEL: dict[str, Channel] = {channel.label: channel for channel in Channel}

# Ledgers carry neither the applicant's wishes nor identity papers; these are the forms
# a paper-era application most likely took, and nothing downstream depends on them.
IMPORTED_INFORMATION_FORM = InformationForm.PAPER
# Without a 获取信息的方式 column the applicant collects the answer: the one way that
# needs no address the ledger may not have.
IMPORTED_DELIVERY_METHOD = DeliveryMethod.PICK_UP
# The ledger has no time of day; 09:00 keeps imported rows on the right local date.
IMPORTED_SUBMISSION_TIME = time(9, 0)

RECEIPT_NUMBER_MAX = Application._meta.get_field("receipt_number").max_length
APPLICANT_NAME_MAX = Application._meta.get_field("applicant_name").max_length


class LedgerError(TableImportError):
    """The ledger cannot be imported; ``problems`` holds one Chinese line per bad row.

    Raised before anything is written, so the message can tell the clerk to fix the file
    and import it again in full.
    """

    def __init__(self, problems: Sequence[str], *, heading: str | None = None) -> None:
        if heading is None:
            heading = f"台账未导入（未写入任何数据），共{len(problems)}行有问题："
        super().__init__(problems, heading=heading)


@dataclass(frozen=True)
class LedgerRow:
    """One valid ledger row, ready to be written."""

    row: int  # the spreadsheet's row number (header = 1), for messages
    receipt_number: str
    received: date
    category: ApplicantCategory
    applicant_name: str
    channel: Channel
    description: str
    outcome: Outcome | None
    answered: date | None
    contact: dict[str, str] = field(default_factory=dict)  # Art. 29 fields by model name

    def events(self) -> list[Event]:
        """The clock ledger this row implies: received, and answered if it was."""
        events = [Event(on=self.received, data=Received())]
        if self.outcome is not None and self.answered is not None:
            events.append(Event(on=self.answered, data=Answered(outcome=self.outcome.code)))
        return events


# ---------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------
# Validating
# ---------------------------------------------------------------------------------------


def check_headers(header: Sequence[Any]) -> dict[str, int]:
    return column_positions(
        header,
        required=HEADERS,
        optional=(*DERIVED_HEADERS, *CONTACT_HEADERS),
        what="台账",
        error=LedgerError,
    )


def _outcome_hint() -> str:
    return "应为“予以公开”“部分公开”或“分组：情形”，如“不予公开：属于国家秘密”"


def validate_rows(
    table: Table,
    *,
    existing_numbers: Iterable[str] = (),
) -> list[LedgerRow]:
    """Check every row; return them all, or raise one LedgerError naming every bad row.

    ``existing_numbers`` are receipt numbers already in the database that this file
    repeats (receipt numbers are unique across the platform).
    """
    (_, header), *body = table
    columns = check_headers(header)
    taken = set(existing_numbers)
    first_seen: dict[str, int] = {}
    problems: list[str] = []
    rows: list[LedgerRow] = []

    for number, values in body:

        def cell(name: str, values: list[Any] = values) -> Any:
            index = columns.get(name, len(values))
            return values[index] if index < len(values) else None

        reasons: list[str] = []

        receipt_number = cell_text(cell("申请编号"))
        if not receipt_number:
            reasons.append("申请编号为空")
        elif len(receipt_number) > RECEIPT_NUMBER_MAX:
            reasons.append(f"申请编号超过{RECEIPT_NUMBER_MAX}个字符")
        elif receipt_number in first_seen:
            reasons.append(f"申请编号“{receipt_number}”与第{first_seen[receipt_number]}行重复")
        else:
            first_seen[receipt_number] = number
            if receipt_number in taken:
                reasons.append(f"申请编号“{receipt_number}”在系统中已存在")

        received = date_cell(cell("收到申请日期"), "收到申请日期", reasons, required=True)

        category: ApplicantCategory | None = None
        category_text = cell_text(cell("申请人类型"))
        if not category_text:
            reasons.append("申请人类型为空")
        else:
            try:
                category = ApplicantCategory.from_label(category_text)
            except ValueError:
                allowed = "、".join(c.label for c in ApplicantCategory)
                reasons.append(f"申请人类型“{category_text}”无法识别（应为{allowed}之一）")

        applicant_name = cell_text(cell("申请人"))
        if not applicant_name:
            reasons.append("申请人为空")
        elif len(applicant_name) > APPLICANT_NAME_MAX:
            reasons.append(f"申请人超过{APPLICANT_NAME_MAX}个字符")

        channel = None
        channel_text = cell_text(cell("提交方式"))
        if not channel_text:
            reasons.append("提交方式为空")
        elif channel_text not in CHANNEL_BY_LABEL:
            allowed = "、".join(CHANNEL_BY_LABEL)
            reasons.append(f"提交方式“{channel_text}”无法识别（应为{allowed}之一）")
        else:
            channel = CHANNEL_BY_LABEL[channel_text]

        description = cell_text(cell("申请内容"))
        if not description:
            reasons.append("申请内容为空")

        outcome: Outcome | None = None
        outcome_text = cell_text(cell("办理结果"))
        if outcome_text:
            try:
                outcome = outcome_from_ledger_text(outcome_text)
            except ValueError:
                reasons.append(f"办理结果“{outcome_text}”无法识别（{_outcome_hint()}）")
        answered = date_cell(cell("答复日期"), "答复日期", reasons, required=False)
        if outcome_text and cell_is_blank(cell("答复日期")):
            reasons.append("已填写办理结果但未填写答复日期")
        if not outcome_text and answered is not None:
            reasons.append("已填写答复日期但未填写办理结果")
        if received is not None and answered is not None and answered < received:
            reasons.append(
                f"答复日期（{format_date(answered)}）早于收到申请日期（{format_date(received)}）"
            )

        contact = _contact(cell, category=category, open_=not outcome_text, reasons=reasons)

        if not reasons:
            assert received is not None and category is not None and channel is not None
            row = LedgerRow(
                row=number,
                receipt_number=receipt_number,
                received=received,
                category=category,
                applicant_name=applicant_name,
                channel=channel,
                description=description,
                outcome=outcome,
                answered=answered,
                contact=contact,
            )
            rows.append(row)
        if reasons:
            problems.append(f"第{number}行：{'；'.join(reasons)}。")

    if problems:
        raise LedgerError(problems)
    if not rows:
        raise LedgerError([], heading="台账未导入：表头之下没有数据行。")
    return rows


def _contact(
    cell: Callable[[str], Any],
    *,
    category: ApplicantCategory | None,
    open_: bool,
    reasons: list[str],
) -> dict[str, str]:
    """The row's Art. 29 contact fields; for an open row, every content Art. 29 requires.

    Answered rows are history and are taken as they are; an open one will be handled
    here, so it is checked as the intake service checks every channel.
    """
    contact = {name: cell_text(cell(header)) for header, name in CONTACT_HEADERS.items()}
    delivery_text = contact.pop("delivery_method")
    delivery = IMPORTED_DELIVERY_METHOD
    if delivery_text:
        if delivery_text in DELIVERY_BY_LABEL:
            delivery = DELIVERY_BY_LABEL[delivery_text]
        else:
            allowed = "、".join(DELIVERY_BY_LABEL)
            reasons.append(f"获取信息的方式“{delivery_text}”无法识别（应为{allowed}之一）")
    contact["delivery_method"] = delivery
    for header, field_name in CONTACT_HEADERS.items():
        limit = getattr(Application._meta.get_field(field_name), "max_length", None)
        if limit and len(contact[field_name]) > limit:
            reasons.append(f"{header}超过{limit}个字符")
    if contact["email"]:
        try:
            validate_email(contact["email"])
        except ValidationError:
            reasons.append(f"电子邮箱“{contact['email']}”格式不正确")
    if open_ and category is not None:
        problems = missing_contents(
            organisation=category.is_organisation,
            contact_person=contact["contact_person"],
            phone=contact["phone"],
            email=contact["email"],
            address=contact["address"],
            wants_email=delivery == DeliveryMethod.EMAIL,
            by_mail=delivery == DeliveryMethod.MAIL,
            contact_on_file=True,
        )
        reasons.extend(
            f"未办结的申请：{message.rstrip('。')}（“{_HEADER_OF[field_name]}”列）"
            for field_name, message in problems.items()
        )
    return contact


_HEADER_OF = {field_name: header for header, field_name in CONTACT_HEADERS.items()}


def _numbers_in_file(table: Table) -> set[str]:
    """Receipt numbers the file uses, read leniently, to look up duplicates in one query."""
    (_, header), *body = table
    names = [cell_text(cell) for cell in header]
    if "申请编号" not in names:
        return set()
    index = names.index("申请编号")
    return {cell_text(values[index]) for _, values in body if index < len(values)} - {""}


# ---------------------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    count: int
    by_outcome: dict[str, int]  # outcome code (or "" for pending) → rows
    applications: list[Application]


def do_import_ledger(
    *, agency: Agency, content: bytes, file_name: str, today: date
) -> ImportResult:
    """Import a ledger file into ``agency``: every row, or nothing and every problem.

    Only the agency's own handlers (or the operator) may import: the rows become that
    agency's applications and count in its annual report.
    """
    require_role(agency, HANDLER_ROLES)
    return do_import_table(
        agency=agency,
        table=read_table(content, file_name=file_name),
        source=file_name,
        today=today,
    )


def table_from_rows(rows: Iterable[Sequence[Any]]) -> Table:
    """A ledger table built in code (header added, rows numbered as a spreadsheet would)."""
    return [(1, list(HEADERS))] + [(n, list(row)) for n, row in enumerate(rows, start=2)]


def do_import_table(*, agency: Agency, table: Table, source: str, today: date) -> ImportResult:
    """Import ledger rows already read (from a file, or built by the demo): all or nothing.

    ``source`` names where the rows came from in the audit log; ``today`` is the date the
    imported clocks are evaluated on (an unanswered row's due date and queue).
    """
    require_role(agency, HANDLER_ROLES)
    check_headers(table[0][1])
    existing = Application.objects.filter(receipt_number__in=_numbers_in_file(table)).values_list(
        "receipt_number", flat=True
    )
    rows = validate_rows(table, existing_numbers=list(existing))
    by_outcome: dict[str, int] = {}
    created: list[Application] = []
    try:
        with transaction.atomic():
            for row in rows:
                created.append(_write(agency=agency, row=row, today=today))
                key = row.outcome.code if row.outcome else ""
                by_outcome[key] = by_outcome.get(key, 0) + 1
            record(
                action="application.ledger_import",
                summary=f"导入台账“{source}”：{len(rows)}件申请",
                agency=agency,
                changes={
                    "file": source,
                    "count": len(rows),
                    "first": rows[0].receipt_number,
                    "last": rows[-1].receipt_number,
                    "by_outcome": by_outcome,
                },
            )
    except IntegrityError:
        # Another import took one of the numbers between the check and the write.
        raise LedgerError(
            [], heading="台账未导入（未写入任何数据）：部分申请编号刚被占用，请重新导入。"
        ) from None
    return ImportResult(count=len(created), by_outcome=by_outcome, applications=created)


def _write(*, agency: Agency, row: LedgerRow, today: date) -> Application:
    actor = current_user()
    submitted = timezone.make_aware(
        datetime.combine(row.received, IMPORTED_SUBMISSION_TIME), timezone.get_current_timezone()
    )
    application = Application(
        agency=agency,
        receipt_number=row.receipt_number,
        # The code is never shown: an imported applicant has no status page login yet.
        query_code_hash=hash_query_code(row.receipt_number, new_query_code()),
        category=row.category,
        applicant_name=row.applicant_name,
        identity_number="",
        description=row.description,
        information_form=IMPORTED_INFORMATION_FORM,
        **row.contact,
        channel=row.channel,
        submitted_at=submitted,
        phase=Phase.TO_CONFIRM,
    )
    application.full_clean(exclude=["query_code_hash"], validate_unique=False)
    application.save()
    note = f"台账导入（第{row.row}行）"
    for event in row.events():
        ClockEvent.objects.create(
            application=application,
            kind=event.kind,
            on=event.on,
            data=dump_event_data(event.data),
            note=note,
            recorded_by=actor,
        )
    refresh(application, today=today)
    return application


# ---------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------


_OUTCOME_TEXT = {o.code: o.ledger_text for o in OUTCOMES}


def ledger_row(application: Application) -> list[Any]:
    """One export row: the eight ledger columns, then the derived ones."""
    answered = application.closed_date if application.outcome else None
    history = "\n".join(
        f"{event.on:%Y-%m-%d} {EventKind(event.kind).label}"
        for event in sorted(application.events.all(), key=lambda e: (e.on, e.pk))
    )
    return [
        application.receipt_number,
        application.received_date,
        ApplicantCategory(application.category).label,
        application.applicant_name,
        Channel(application.channel).label,
        application.description,
        _OUTCOME_TEXT.get(application.outcome, ""),
        answered,
        application.answer_due,
        Phase(application.phase).label,
        history,
        application.contact_person,
        application.phone,
        application.email,
        application.address,
        DeliveryMethod(application.delivery_method).label,
    ]


def ledger_applications(*, agency: Agency, year: int) -> list[Application]:
    """Applications ``agency`` received in ``year`` (unconfirmed ones have no year yet).

    The rows carry applicants' names: only the agency's disclosure staff (or the system)
    may read them, as for every other read of an application.
    """
    require_role(agency, HANDLER_ROLES)
    return list(
        Application.objects.filter(agency=agency)
        .received_in(year)
        .prefetch_related("events")
        .order_by("received_date", "receipt_number")
    )


def do_export_ledger(*, agency: Agency, year: int, file_name: str) -> tuple[bytes, int]:
    """The year's ledger as .xlsx (or .csv, by ``file_name``), and how many rows.

    The export carries applicants' names, so it is audited like any other disclosure of
    personal data, and limited to the agency's disclosure staff.
    """
    applications = ledger_applications(agency=agency, year=year)
    rows = [ledger_row(application) for application in applications]
    if file_name.lower().endswith(CSV_SUFFIXES):
        content = _csv_bytes(rows)
    else:
        content = _xlsx_bytes(rows, title=f"{year}年申请台账")
    with transaction.atomic():
        record(
            action="application.ledger_export",
            summary=f"导出{agency.name}{year}年申请台账：{len(rows)}件",
            agency=agency,
            changes={"file": file_name, "year": year, "count": len(rows)},
        )
    return content, len(rows)


def _csv_bytes(rows: list[list[Any]]) -> bytes:
    return csv_bytes(
        [*HEADERS, *DERIVED_HEADERS, *CONTACT_HEADERS],
        (
            ["" if v is None else v.isoformat() if isinstance(v, date) else v for v in row]
            for row in rows
        ),
    )


# Column widths in characters, roughly what the content needs at 11 pt.
_WIDTHS = (22, 14, 14, 24, 10, 48, 36, 14, 14, 10, 40, 12, 16, 24, 36, 12)


def _xlsx_bytes(rows: list[list[Any]], *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([*HEADERS, *DERIVED_HEADERS, *CONTACT_HEADERS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    date_columns = {2, 8, 9}
    for values in rows:
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            text_cell_type(cell)
        for column in date_columns:
            sheet.cell(row=sheet.max_row, column=column).number_format = "yyyy-mm-dd"
        sheet.cell(
            row=sheet.max_row, column=len(HEADERS) + len(DERIVED_HEADERS)
        ).alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
