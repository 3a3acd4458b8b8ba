"""Bulk import of an existing catalogue (an agency moving from another system).

All or nothing: every row is checked — metadata, the column it goes to, its index number,
and the same pre-publication screening as the review chain — before anything is written,
and every bad row is listed. The old system's index numbers are kept (the 指引: an index
number never changes), and the agency's counter moves past them so new numbers never
collide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from gongkai.agencies.models import Agency, Role
from gongkai.audit.services import record
from gongkai.disclosure.models import AgencyCataloguePage, CatalogueEntryPage, ColumnPage
from gongkai.disclosure.verdicts import screen_revision
from gongkai.rules.catalogue import (
    INFO_TYPE_LABELS,
    IndexNumberError,
    Validity,
    parse_index_number,
    subject_is_known,
)
from gongkai.rules.screening import blocks_publication, screen_text
from gongkai.tabular import (
    Table,
    TableImportError,
    cell_text,
    column_positions,
    date_cell,
    read_table,
)

HEADERS = ("名称", "栏目", "成文日期", "主题分类", "信息类别")
OPTIONAL_HEADERS = (
    "索引号",
    "发布日期",
    "文号",
    "有效性",
    "失效或废止日期",
    "内容概述",
    "关键词",
    "正文",
)
INFO_TYPE_BY_LABEL = {label: t.value for t, label in INFO_TYPE_LABELS.items()}
VALIDITY_BY_LABEL = {v.label: v.value for v in Validity}
# Imported history keeps its own dates; 09:00 keeps it on the right local day.
PUBLISHED_AT = time(9, 0)


@dataclass
class CatalogueRow:
    row: int
    column: ColumnPage
    title: str
    formed_on: date
    published_on: date
    subject: str
    info_type: str
    index_number: str = ""
    document_number: str = ""
    validity: str = Validity.VALID.value
    validity_changed_on: date | None = None
    summary: str = ""
    keywords: str = ""
    body: str = ""
    serial: tuple[int, int] | None = field(default=None)

    def entry_fields(self) -> dict[str, Any]:
        """The entry's own fields, as the import and the bulk loader both write them."""
        return {
            "title": self.title,
            "formed_on": self.formed_on,
            "published_on": self.published_on,
            "index_number": self.index_number or None,
            "subject": self.subject,
            "info_type": self.info_type,
            "document_number": self.document_number,
            "summary": self.summary,
            "keywords": self.keywords,
            "body": self.body,
            "validity": self.validity,
            "validity_changed_on": self.validity_changed_on,
        }


def _require_importer(user: Any, agency: Agency) -> None:
    from gongkai.agencies.selectors import is_operator, roles_of
    from gongkai.audit.context import is_system

    if not (is_system(user) or is_operator(user) or Role.AGENCY_ADMIN in roles_of(user, agency)):
        raise PermissionDenied("只有平台运营方或本机构管理员可以导入公开目录。")


def _columns(agency: Agency) -> dict[str, ColumnPage]:
    branch = AgencyCataloguePage.objects.get(agency=agency)
    columns = ColumnPage.objects.descendant_of(branch)
    found: dict[str, ColumnPage] = {}
    for column in columns:
        found.setdefault(column.title, column)
        if column.key:
            found.setdefault(column.key, column)
    return found


def _body_html(text: str) -> str:
    """Plain text from a spreadsheet cell becomes paragraphs; markup is never trusted."""
    return "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())


def validate_rows(*, agency: Agency, table: Table) -> list[CatalogueRow]:
    header_row, *body = table
    at = column_positions(header_row[1], required=HEADERS, optional=OPTIONAL_HEADERS, what="目录")
    columns = _columns(agency)
    existing = set(
        CatalogueEntryPage.objects.filter(index_number__isnull=False).values_list(
            "index_number", flat=True
        )
    )
    seen: dict[str, int] = {}
    problems: list[str] = []
    rows: list[CatalogueRow] = []
    today = timezone.localdate()

    for number, values in body:

        def cell(name: str, values: list[Any] = values) -> Any:
            index = at.get(name)
            return values[index] if index is not None and index < len(values) else None

        reasons: list[str] = []
        title = cell_text(cell("名称"))
        if not title:
            reasons.append("名称为空")
        column = columns.get(cell_text(cell("栏目")))
        if column is None:
            reasons.append(f"栏目“{cell_text(cell('栏目'))}”不存在")
        formed_on = date_cell(cell("成文日期"), "成文日期", reasons, required=True)
        published_on = date_cell(cell("发布日期"), "发布日期", reasons, required=False)
        published_on = published_on or today
        if formed_on and formed_on > published_on:
            reasons.append("成文日期晚于发布日期")
        if published_on > today:
            reasons.append("发布日期晚于今天")
        subject = cell_text(cell("主题分类"))
        if not subject_is_known(subject):
            reasons.append(f"主题分类“{subject}”不在主题分类表中")
        info_type = INFO_TYPE_BY_LABEL.get(cell_text(cell("信息类别")))
        if info_type is None:
            reasons.append(
                f"信息类别“{cell_text(cell('信息类别'))}”无法识别（应为"
                + "、".join(INFO_TYPE_BY_LABEL)
                + "之一）"
            )
        validity = VALIDITY_BY_LABEL.get(cell_text(cell("有效性")) or "有效")
        if validity is None:
            reasons.append(f"有效性“{cell_text(cell('有效性'))}”应为有效、失效或废止")
        changed_on = date_cell(cell("失效或废止日期"), "失效或废止日期", reasons, required=False)
        if validity in (Validity.ABOLISHED, Validity.EXPIRED) and changed_on is None:
            reasons.append("失效或废止的信息须填写失效或废止日期")
        index_number = cell_text(cell("索引号"))
        serial = None
        if index_number:
            try:
                code, year, serial_no = parse_index_number(index_number)
                if code == agency.code:
                    serial = (year, serial_no)
            except IndexNumberError as error:
                reasons.append(str(error))
            if index_number in existing:
                reasons.append(f"索引号“{index_number}”已被使用")
            elif index_number in seen:
                reasons.append(f"索引号“{index_number}”与第{seen[index_number]}行重复")
            seen[index_number] = number
        text_cells = {n: cell_text(cell(n)) for n in ("名称", "文号", "内容概述", "关键词", "正文")}
        for name, text in text_cells.items():
            for finding in screen_text(text):
                if blocks_publication([finding]):
                    reasons.append(
                        f"{name}含{finding.type.label}“{finding.masked}”，须去标识化后再导入"
                    )
        if reasons:
            problems.append(f"第{number}行：" + "；".join(reasons) + "。")
            continue
        assert column is not None and formed_on is not None and info_type and validity
        rows.append(
            CatalogueRow(
                row=number,
                column=column,
                title=title,
                formed_on=formed_on,
                published_on=published_on,
                subject=subject,
                info_type=info_type,
                index_number=index_number,
                document_number=text_cells["文号"],
                validity=validity,
                validity_changed_on=changed_on,
                summary=text_cells["内容概述"],
                keywords=text_cells["关键词"],
                body=_body_html(text_cells["正文"]),
                serial=serial,
            )
        )
    if problems:
        raise TableImportError(
            problems, heading=f"目录未导入（未写入任何数据），共{len(problems)}行有问题："
        )
    if not rows:
        raise TableImportError([], heading="目录未导入：文件中没有数据行。")
    return rows


def write_published_entry(row: CatalogueRow, *, user: Any) -> CatalogueEntryPage:
    fields = row.entry_fields()
    # Validity is the entry's, not a revision's: set after publishing, like an abolition.
    validity = {k: fields.pop(k) for k in ("validity", "validity_changed_on")}
    entry = CatalogueEntryPage(
        slug=f"i{row.row}-{timezone.now().strftime('%y%m%d%H%M%S%f')}",
        live=False,
        owner=user,
        **fields,
    )
    row.column.add_child(instance=entry)
    revision = entry.save_revision(user=user)
    # Rows were screened when parsed and have no attachments: screening is quick here.
    screen_revision(revision)
    revision.publish(user=user, skip_permission_checks=True)
    at = timezone.make_aware(datetime.combine(row.published_on, PUBLISHED_AT))
    CatalogueEntryPage.objects.filter(pk=entry.pk).update(
        first_published_at=at,
        last_published_at=at,
        **validity,
    )
    return entry


def do_import_catalogue(
    *, agency: Agency, content: bytes, file_name: str, user: Any
) -> list[CatalogueEntryPage]:
    from gongkai.applications.models import NumberSequence
    from gongkai.audit.context import current_user, is_system

    _require_importer(user, agency)
    rows = validate_rows(agency=agency, table=read_table(content, file_name=file_name))
    # Numbers kept from the old system are claimed first, so that numbering the rows
    # without one continues after them instead of colliding.
    rows.sort(key=lambda r: (not r.index_number, r.published_on, r.row))
    with transaction.atomic():
        highest: dict[int, int] = {}
        for row in rows:
            if row.serial:
                year, serial = row.serial
                highest[year] = max(highest.get(year, 0), serial)
        for year, serial in highest.items():
            NumberSequence.claim_through(
                agency_id=agency.pk, year=year, series="catalogue", value=serial
            )
        owner = current_user() if is_system(user) else user
        entries = [write_published_entry(row, user=owner) for row in rows]
        record(
            action="catalogue.import",
            summary=f"从“{file_name}”导入{len(entries)}条目录信息",
            agency=agency,
            actor=user,
            changes={"file": file_name, "rows": len(entries)},
        )
    return entries
