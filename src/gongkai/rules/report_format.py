"""The annual report's format as data: sections, the three statutory tables, two versions.

The generator, the validator, the renderers and the audit parser must agree on every
printed label, every JSON key and every merged cell of the annual report. Writing the
format down once, as frozen data, is what lets them agree; when the State Council changes
the format again (it did in 2021, 国办公开办函〔2021〕30号), only this module changes.

Two versions exist (LAW.md §2.8):

* ``"2021"`` — 国办公开办函〔2021〕30号, for report years 2021 onwards.
* ``"2019"`` — the trial format of 国办公开办函〔2019〕60号, for report years 2019–2020.
  Table 二 has other columns and two more blocks, and table 三 prints （六）其他处理 as a
  single row ``"3.6"``; table 四 is the same.

Before 2019 there was no standard table at all (old reports carry a free 统计表), so
:func:`format_for_year` refuses those years instead of inventing numbers.

Table 三's row labels come from :mod:`gongkai.rules.outcomes` (the outcome taxonomy *is*
the table), so they are not retyped here. Every merged cell is given as a :class:`Cell`
with its grid position and spans so that a renderer draws the table as printed and a
parser knows which header text sits over which number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Literal

from gongkai.rules.outcomes import (
    OUTCOMES,
    TRIAL_2019_ROW_FOR,
    ApplicantCategory,
    Outcome,
)

FORMAT_2021 = "2021"
FORMAT_2019 = "2019"

# LAW.md §2.2: the six sections every report has, in order (verified from published
# 2021–2025 reports).
SECTIONS: tuple[str, ...] = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)

# LAW.md §2.1/§2.2: what 一、总体情况 must cover, per the 2021 format's own text.
SECTION_ONE_PARTS: tuple[str, ...] = (
    "主动公开",
    "依申请公开",
    "政府信息管理",
    "政府信息公开平台建设",
    "监督保障",
)

# Printed in table 三's top-left merged cell (LAW.md §2.4): the one arithmetic rule the
# format itself states.
RECONCILIATION_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

ValueKind = Literal["count", "amount"]


@dataclass(frozen=True)
class Cell:
    """A printed label cell placed on the table grid, with its merges.

    ``row`` and ``col`` are 0-based. For header cells ``row`` counts header rows; for the
    label cells of a body row (:attr:`ApplicationRow.label_cells`) ``row`` is always 0,
    meaning "the table row this cell starts on", and ``rowspan`` says how many body rows
    it covers.
    """

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class ValueColumn:
    """A numeric column: its JSON key, its printed header, and what kind of number it holds.

    ``kind`` is "count" (a non-negative integer) or "amount" (money, may have decimals),
    so that a validator and an empty table know which zero to use.
    """

    key: str
    label: str
    kind: ValueKind = "count"

    @property
    def zero(self) -> int | float:
        """The empty value of this column: ``0`` for counts, ``0.0`` for money."""
        return 0.0 if self.kind == "amount" else 0


# ---------------------------------------------------------------------------------------
# Table 二: 主动公开政府信息情况
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProactiveRow:
    """One row of a table 二 block: the JSON key and the 信息内容 text printed for it."""

    key: str
    label: str


@dataclass(frozen=True)
class ProactiveBlock:
    """One block of table 二, introduced by the 条例 provision it reports on.

    Printed as: a heading row (e.g. 第二十条第（一）项) spanning the block, a header row
    "信息内容 | column labels…", then one row per item. Every row of a block has every
    column of that block.
    """

    heading: str
    columns: tuple[ValueColumn, ...]
    rows: tuple[ProactiveRow, ...]
    content_label: str = "信息内容"


@dataclass(frozen=True)
class ProactiveTable:
    """Table 二 of one format version; ``json_key`` is where its figures live in ``tables``."""

    json_key: str
    blocks: tuple[ProactiveBlock, ...]

    def row(self, key: str) -> tuple[ProactiveBlock, ProactiveRow]:
        """The block and row for a JSON row key such as "licensing"."""
        for block in self.blocks:
            for row in block.rows:
                if row.key == key:
                    return block, row
        raise KeyError(key)


_DECISIONS_2021 = (ValueColumn("decisions", "本年处理决定数量"),)

# LAW.md §2.3 (2021 format; exact labels).
PROACTIVE_2021 = ProactiveTable(
    json_key="proactive",
    blocks=(
        ProactiveBlock(
            heading="第二十条第（一）项",
            columns=(
                ValueColumn("issued", "本年制发件数"),
                ValueColumn("abolished", "本年废止件数"),
                ValueColumn("in_force", "现行有效件数"),
            ),
            rows=(
                ProactiveRow("regulations", "规章"),
                ProactiveRow("normative_documents", "行政规范性文件"),
            ),
        ),
        ProactiveBlock(
            heading="第二十条第（五）项",
            columns=_DECISIONS_2021,
            rows=(ProactiveRow("licensing", "行政许可"),),
        ),
        ProactiveBlock(
            heading="第二十条第（六）项",
            columns=_DECISIONS_2021,
            rows=(
                ProactiveRow("penalty", "行政处罚"),
                ProactiveRow("enforcement", "行政强制"),
            ),
        ),
        ProactiveBlock(
            heading="第二十条第（八）项",
            columns=(ValueColumn("amount_wan_yuan", "本年收费金额（单位：万元）", "amount"),),
            rows=(ProactiveRow("fees", "行政事业性收费"),),
        ),
    ),
)

_ITEMS_2019 = (
    ValueColumn("items_last_year", "上一年项目数量"),
    # A change, not a count: it may be negative (本年增/减).
    ValueColumn("change_this_year", "本年增/减"),
)
_ITEMS_AND_DECISIONS_2019 = (*_ITEMS_2019, ValueColumn("decisions", "处理决定数量"))

# LAW.md §2.8, labels as printed in the 2019 Shanghai report (trial format). JSON keys as
# the hand labels under data/reports use them (``proactive_2019``).
PROACTIVE_2019 = ProactiveTable(
    json_key="proactive_2019",
    blocks=(
        ProactiveBlock(
            heading="第二十条第（一）项",
            columns=(
                ValueColumn("made_this_year", "本年新制作数量"),
                ValueColumn("published_this_year", "本年新公开数量"),
                ValueColumn("total_published", "对外公开总数量"),
            ),
            rows=(
                ProactiveRow("regulations", "规章"),
                ProactiveRow("normative_documents", "规范性文件"),
            ),
        ),
        ProactiveBlock(
            heading="第二十条第（五）项",
            columns=_ITEMS_AND_DECISIONS_2019,
            rows=(
                ProactiveRow("licensing", "行政许可"),
                ProactiveRow("other_external_management_services", "其他对外管理服务事项"),
            ),
        ),
        ProactiveBlock(
            heading="第二十条第（六）项",
            columns=_ITEMS_AND_DECISIONS_2019,
            rows=(
                ProactiveRow("penalty", "行政处罚"),
                ProactiveRow("enforcement", "行政强制"),
            ),
        ),
        ProactiveBlock(
            heading="第二十条第（八）项",
            columns=_ITEMS_2019,
            rows=(ProactiveRow("administrative_fees", "行政事业性收费"),),
        ),
        ProactiveBlock(
            heading="第二十条第（九）项",
            columns=(
                ValueColumn("projects", "采购项目数量"),
                # The trial format names no unit; reports print one in the cell ("251000元").
                ValueColumn("amount", "采购总金额", "amount"),
            ),
            rows=(ProactiveRow("centralized_procurement", "政府集中采购"),),
        ),
    ),
)

# ---------------------------------------------------------------------------------------
# Table 三: 收到和处理政府信息公开申请情况
# ---------------------------------------------------------------------------------------

TOTAL_COLUMN = "total"

# The seven numeric columns in printed order: the six applicant categories, then 总计.
APPLICATION_COLUMNS: tuple[ValueColumn, ...] = (
    *(ValueColumn(category.value, category.label) for category in ApplicantCategory),
    ValueColumn(TOTAL_COLUMN, "总计"),
)
APPLICANT_COLUMN_KEYS: tuple[str, ...] = tuple(category.value for category in ApplicantCategory)
APPLICATION_COLUMN_KEYS: tuple[str, ...] = tuple(c.key for c in APPLICATION_COLUMNS)

# Three label columns on the left (group, sub-group, reason), then the seven numbers.
APPLICATION_LABEL_COLUMNS = 3


class RowKind(StrEnum):
    """What a table 三 row is, so rules and generators need not know row keys by heart."""

    RECEIVED = "received"  # 一、本年新收
    CARRIED_IN = "carried_in"  # 二、上年结转
    RESULT = "result"  # 三、（一）…（六）: one outcome
    RESULTS_TOTAL = "results_total"  # 三、（七）总计
    CARRIED_OVER = "carried_over"  # 四、结转下年度继续办理


@dataclass(frozen=True)
class ApplicationRow:
    """One data row of table 三.

    ``label`` is the row's own printed text (the innermost label cell, e.g.
    "1.属于国家秘密"); ``group_label`` is the sub-group cell printed beside it, if any
    ("（三）不予公开"). ``label_cells`` are the label cells that *start* on this row, with
    their merges, for renderers.
    """

    key: str
    label: str
    kind: RowKind
    label_cells: tuple[Cell, ...]
    group_label: str = ""

    @property
    def full_label(self) -> str:
        """The label a reader can find in the table: "（三）不予公开 1.属于国家秘密"."""
        return f"{self.group_label} {self.label}" if self.group_label else self.label


@dataclass(frozen=True)
class ApplicationsTable:
    """Table 三 of one format version: header cells, columns and data rows in order."""

    header: tuple[Cell, ...]
    columns: tuple[ValueColumn, ...]
    rows: tuple[ApplicationRow, ...]

    @property
    def row_keys(self) -> tuple[str, ...]:
        """The JSON row keys in printed order."""
        return tuple(r.key for r in self.rows)

    @property
    def result_row_keys(self) -> tuple[str, ...]:
        """The outcome rows whose sum is （七）总计 (row "3.7")."""
        return tuple(r.key for r in self.rows if r.kind is RowKind.RESULT)

    def row(self, key: str) -> ApplicationRow:
        """The row for a JSON key such as "3.3.1"."""
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)

    def column(self, key: str) -> ValueColumn:
        """The column for a JSON key such as "natural_person"."""
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)


def _applications_header() -> tuple[Cell, ...]:
    """The three header rows (LAW.md §2.4; spans checked against the Shanghai 2019 HTML)."""
    first = APPLICATION_LABEL_COLUMNS
    organisations = [c for c in APPLICATION_COLUMNS if c.key in APPLICANT_COLUMN_KEYS[1:]]
    return (
        Cell(RECONCILIATION_NOTE, row=0, col=0, rowspan=3, colspan=APPLICATION_LABEL_COLUMNS),
        Cell("申请人情况", row=0, col=first, colspan=len(APPLICATION_COLUMNS)),
        Cell(APPLICATION_COLUMNS[0].label, row=1, col=first, rowspan=2),
        Cell("法人或其他组织", row=1, col=first + 1, colspan=len(organisations)),
        Cell(APPLICATION_COLUMNS[-1].label, row=1, col=first + 6, rowspan=2),
        *(Cell(c.label, row=2, col=first + 1 + i) for i, c in enumerate(organisations)),
    )


RECEIVED_LABEL = "一、本年新收政府信息公开申请数量"
CARRIED_IN_LABEL = "二、上年结转政府信息公开申请数量"
RESULTS_GROUP_LABEL = "三、本年度办理结果"
RESULTS_TOTAL_LABEL = "（七）总计"
CARRIED_OVER_LABEL = "四、结转下年度继续办理"


def _result_rows(outcome_rows: tuple[tuple[str, Outcome], ...]) -> list[ApplicationRow]:
    """Result rows with their merged label cells, from (row key, outcome) pairs.

    A row key equal to its outcome's group code ("3.1", or "3.6" in the 2019 table) is a
    row without sub-rows: its group label spans the two inner label columns. Otherwise the
    group cell is printed on the first sub-row, spanning all sub-rows of the group.
    """
    group_sizes: dict[str, int] = {}
    for key, _ in outcome_rows:
        group = ".".join(key.split(".")[:2])
        group_sizes[group] = group_sizes.get(group, 0) + 1
    # 三、本年度办理结果 spans every result row and （七）总计.
    results_span = len(outcome_rows) + 1
    rows: list[ApplicationRow] = []
    seen_groups: set[str] = set()
    for index, (key, o) in enumerate(outcome_rows):
        cells: list[Cell] = []
        if index == 0:
            cells.append(Cell(RESULTS_GROUP_LABEL, row=0, col=0, rowspan=results_span))
        group = ".".join(key.split(".")[:2])
        if key == group:
            label = o.report_label if o.is_group_row else o.group_report_label
            cells.append(Cell(label, row=0, col=1, colspan=2))
            rows.append(ApplicationRow(key, label, RowKind.RESULT, tuple(cells)))
            continue
        if group not in seen_groups:
            cells.append(Cell(o.group_report_label, row=0, col=1, rowspan=group_sizes[group]))
        seen_groups.add(group)
        cells.append(Cell(o.report_label, row=0, col=2))
        rows.append(
            ApplicationRow(
                key, o.report_label, RowKind.RESULT, tuple(cells), group_label=o.group_report_label
            )
        )
    return rows


def _applications_table(outcome_rows: tuple[tuple[str, Outcome], ...]) -> ApplicationsTable:
    full = APPLICATION_LABEL_COLUMNS
    rows = (
        ApplicationRow(
            "1", RECEIVED_LABEL, RowKind.RECEIVED, (Cell(RECEIVED_LABEL, 0, 0, colspan=full),)
        ),
        ApplicationRow(
            "2", CARRIED_IN_LABEL, RowKind.CARRIED_IN, (Cell(CARRIED_IN_LABEL, 0, 0, colspan=full),)
        ),
        *_result_rows(outcome_rows),
        ApplicationRow(
            "3.7",
            RESULTS_TOTAL_LABEL,
            RowKind.RESULTS_TOTAL,
            (Cell(RESULTS_TOTAL_LABEL, 0, 1, colspan=2),),
        ),
        ApplicationRow(
            "4",
            CARRIED_OVER_LABEL,
            RowKind.CARRIED_OVER,
            (Cell(CARRIED_OVER_LABEL, 0, 0, colspan=full),),
        ),
    )
    return ApplicationsTable(header=_applications_header(), columns=APPLICATION_COLUMNS, rows=rows)


def _trial_2019_outcome_rows() -> tuple[tuple[str, Outcome], ...]:
    """2019 result rows: the 2021 outcomes with 3.6.1–3.6.3 folded into one "3.6" row."""
    rows: list[tuple[str, Outcome]] = []
    for o in OUTCOMES:
        key = TRIAL_2019_ROW_FOR[o.code]
        if key != o.code and any(k == key for k, _ in rows):
            continue
        rows.append((key, o))
    return tuple(rows)


APPLICATIONS_2021 = _applications_table(tuple((o.code, o) for o in OUTCOMES))
APPLICATIONS_2019 = _applications_table(_trial_2019_outcome_rows())

# ---------------------------------------------------------------------------------------
# Table 四: 政府信息公开行政复议、行政诉讼情况 (same in both versions, LAW.md §2.5)
# ---------------------------------------------------------------------------------------

APPEAL_OUTCOMES: tuple[ValueColumn, ...] = (
    ValueColumn("upheld", "结果维持"),
    ValueColumn("corrected", "结果纠正"),
    ValueColumn("other", "其他结果"),
    ValueColumn("pending", "尚未审结"),
    ValueColumn("total", "总计"),
)
APPEAL_PART_KEYS: tuple[str, ...] = tuple(c.key for c in APPEAL_OUTCOMES if c.key != "total")


@dataclass(frozen=True)
class AppealsGroup:
    """One group of five columns: 行政复议, or one of the two kinds of 行政诉讼."""

    key: str
    label: str
    parent_label: str = ""

    @property
    def full_label(self) -> str:
        """How a message names the group: "行政诉讼（复议后起诉）"."""
        return f"{self.parent_label}（{self.label}）" if self.parent_label else self.label


@dataclass(frozen=True)
class AppealsTable:
    """Table 四: header cells (4 header rows incl. spans), groups and per-group outcomes."""

    header: tuple[Cell, ...]
    groups: tuple[AppealsGroup, ...]
    outcomes: tuple[ValueColumn, ...]

    def group(self, key: str) -> AppealsGroup:
        """The group for a JSON key such as "litigation_direct"."""
        for g in self.groups:
            if g.key == key:
                return g
        raise KeyError(key)


_LITIGATION = "行政诉讼"
_APPEAL_GROUPS = (
    AppealsGroup("reconsideration", "行政复议"),
    AppealsGroup("litigation_direct", "未经复议直接起诉", _LITIGATION),
    AppealsGroup("litigation_after_reconsideration", "复议后起诉", _LITIGATION),
)


def _appeals_header() -> tuple[Cell, ...]:
    """Header of table 四 as printed (LAW.md §2.5): 15 numeric columns, no label column."""
    width = len(APPEAL_OUTCOMES)
    return (
        Cell("行政复议", row=0, col=0, colspan=width),
        Cell(_LITIGATION, row=0, col=width, colspan=2 * width),
        *(Cell(c.label, row=1, col=i, rowspan=2) for i, c in enumerate(APPEAL_OUTCOMES)),
        Cell(_APPEAL_GROUPS[1].label, row=1, col=width, colspan=width),
        Cell(_APPEAL_GROUPS[2].label, row=1, col=2 * width, colspan=width),
        *(
            Cell(c.label, row=2, col=start + i)
            for start in (width, 2 * width)
            for i, c in enumerate(APPEAL_OUTCOMES)
        ),
    )


APPEALS = AppealsTable(header=_appeals_header(), groups=_APPEAL_GROUPS, outcomes=APPEAL_OUTCOMES)

# ---------------------------------------------------------------------------------------
# The two versions
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportFormat:
    """One version of the annual-report format: its document, years and three tables."""

    version: str
    document: str
    first_year: int
    last_year: int | None
    sections: tuple[str, ...]
    proactive: ProactiveTable
    applications: ApplicationsTable
    appeals: AppealsTable


REPORT_FORMATS: Mapping[str, ReportFormat] = MappingProxyType(
    {
        FORMAT_2019: ReportFormat(
            version=FORMAT_2019,
            document="国办公开办函〔2019〕60号《中华人民共和国政府信息公开工作年度报告格式（试行）》",
            first_year=2019,
            last_year=2020,
            sections=SECTIONS,
            proactive=PROACTIVE_2019,
            applications=APPLICATIONS_2019,
            appeals=APPEALS,
        ),
        FORMAT_2021: ReportFormat(
            version=FORMAT_2021,
            document="国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》",
            first_year=2021,
            last_year=None,
            sections=SECTIONS,
            proactive=PROACTIVE_2021,
            applications=APPLICATIONS_2021,
            appeals=APPEALS,
        ),
    }
)


def format_for_year(year: int) -> ReportFormat:
    """The format a report for ``year`` must use (report year, not publication year).

    The 2021 format was issued on 2021-09-26 and first used for the 2021 reports published
    in early 2022; the 2020 reports still used the trial format.
    """
    if year >= REPORT_FORMATS[FORMAT_2021].first_year:
        return REPORT_FORMATS[FORMAT_2021]
    if year >= REPORT_FORMATS[FORMAT_2019].first_year:
        return REPORT_FORMATS[FORMAT_2019]
    raise ValueError(
        f"{year}年度的政府信息公开工作年度报告没有统一的表格格式：统一格式自2019年度起"
        "（国办公开办函〔2019〕60号试行格式）才施行，不能按统一表格生成或核对。"
    )


def format_by_version(version: str) -> ReportFormat:
    """The format for a report's ``"format"`` field ("2021" or "2019")."""
    try:
        return REPORT_FORMATS[version]
    except KeyError:
        raise ValueError(
            f"未知的年度报告格式“{version}”，应为“2021”或“2019”；"
            "2019年度以前的报告没有统一的表格格式。"
        ) from None


def empty_tables(fmt: ReportFormat) -> dict:
    """The DESIGN.md ``tables`` object for ``fmt`` with every cell present and zero.

    Every row carries every column of its table (zeros included), so a generator fills
    numbers in and a comparison never has to tell "missing" from "zero".
    """
    proactive = {
        row.key: {column.key: column.zero for column in block.columns}
        for block in fmt.proactive.blocks
        for row in block.rows
    }
    applications = {
        row.key: {column.key: column.zero for column in fmt.applications.columns}
        for row in fmt.applications.rows
    }
    appeals = {
        group.key: {outcome.key: outcome.zero for outcome in fmt.appeals.outcomes}
        for group in fmt.appeals.groups
    }
    return {
        fmt.proactive.json_key: proactive,
        "applications": applications,
        "appeals": appeals,
    }


__all__ = [
    "APPEALS",
    "APPEAL_OUTCOMES",
    "APPEAL_PART_KEYS",
    "APPLICANT_COLUMN_KEYS",
    "APPLICATIONS_2019",
    "APPLICATIONS_2021",
    "APPLICATION_COLUMNS",
    "APPLICATION_COLUMN_KEYS",
    "APPLICATION_LABEL_COLUMNS",
    "FORMAT_2019",
    "FORMAT_2021",
    "PROACTIVE_2019",
    "PROACTIVE_2021",
    "RECONCILIATION_NOTE",
    "REPORT_FORMATS",
    "SECTIONS",
    "SECTION_ONE_PARTS",
    "TOTAL_COLUMN",
    "AppealsGroup",
    "AppealsTable",
    "ApplicationRow",
    "ApplicationsTable",
    "Cell",
    "ProactiveBlock",
    "ProactiveRow",
    "ProactiveTable",
    "ReportFormat",
    "RowKind",
    "ValueColumn",
    "empty_tables",
    "format_by_version",
    "format_for_year",
]
