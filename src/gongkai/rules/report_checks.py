"""The annual report's reconciliation rules (勾稽关系) as data, and one function to apply them.

Published reports get their own tables wrong (blank 总计 cells, totals of 0 over non-zero
parts — see data/reports/*/label.json). The same rules must catch those in an audit of a
published report and guard a report the system generates, so they live here once, keyed
by a stable rule id, and produce findings in the DESIGN.md shape::

    {"rule": "applications.balance", "severity": "error",
     "message": "“总计”列：第一项加第二项（12+0=12）不等于第三项加第四项（10+1=11）",
     "cells": ["applications.1.total", "applications.2.total", ...]}

``cells`` name every cell taking part in the broken equation ("<table>.<row>.<column>"),
so a renderer can highlight them and an auditor can tell which finding a misread cell
caused. Only the first rule is printed in the table itself; the others are the table's
own arithmetic (LAW.md §2.4/§2.5 "DERIVED") and the carry-over between two years.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Literal

from gongkai.rules.report_format import (
    APPEAL_PART_KEYS,
    APPLICANT_COLUMN_KEYS,
    TOTAL_COLUMN,
    ReportFormat,
    format_by_version,
    format_for_year,
)

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Rule:
    """One reconciliation rule: a stable id for findings, its severity and what it checks."""

    id: str
    severity: Severity
    description: str


BALANCE = Rule(
    "applications.balance",
    "error",
    "表三每一列：第一项加第二项之和，等于第三项（七）总计加第四项之和（表中印明的勾稽关系）",
)
RESULTS_TOTAL = Rule(
    "applications.results_total",
    "error",
    "表三每一列：第三项（七）总计等于（一）至（六）各办理结果行之和",
)
ROW_TOTAL = Rule(
    "applications.row_total",
    "error",
    "表三每一行：“总计”列等于自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和",
)
APPEALS_TOTAL = Rule(
    "appeals.group_total",
    "error",
    "表四每一组：总计等于结果维持、结果纠正、其他结果、尚未审结之和",
)
COUNT_VALUE = Rule(
    "cells.count",
    "error",
    "表三、表四的每个单元格都应填写非负整数",
)
FEE_NOT_NEGATIVE = Rule(
    "proactive.fee_not_negative",
    "error",
    "表二行政事业性收费的本年收费金额不能为负数",
)
CARRY_OVER = Rule(
    "applications.carry_over",
    "warning",
    "本年“二、上年结转”应等于上年报告“四、结转下年度继续办理”",
)
# 信息处理费 is a 行政事业性收费 (LAW.md §3: 四川省财政厅通知 一), so the fee a report states
# in 六 cannot exceed table 二's 行政事业性收费 of the same report.
PROCESSING_FEE = Rule(
    "proactive.processing_fee",
    "warning",
    "第六部分所述信息处理费属于行政事业性收费，不应超过表二“行政事业性收费”本年收费金额",
)
# A table 二 figure nobody has entered stays empty (``None`` in the JSON) and is printed as
# this marker, never as 0: a printed 0 says "there was none", which nobody has said.
UNENTERED = "未填报"
PROACTIVE_UNENTERED = Rule(
    "proactive.unentered",
    "error",
    "表二每一项都须填报并注明数据来源；没有此类事项的填0并说明",
)
# 国办公开办函〔2021〕30号 fixes the report's six parts; 一、总体情况 has five topics. The text
# of each topic and of 五 and 六 is the agency's own account: a part left empty is missing.
NARRATIVE_EMPTY = Rule(
    "narrative.empty",
    "error",
    "一、总体情况的五个部分和五、六两部分都须有文字",
)
# The 2021 format's notice names 内容雷同 (a report copied from last year's) as a fault.
NARRATIVE_COPY = Rule(
    "narrative.copy",
    "warning",
    "年度报告正文不应与上年报告内容雷同",
)

RULES: tuple[Rule, ...] = (
    BALANCE,
    RESULTS_TOTAL,
    ROW_TOTAL,
    APPEALS_TOTAL,
    COUNT_VALUE,
    FEE_NOT_NEGATIVE,
    PROACTIVE_UNENTERED,
    CARRY_OVER,
    PROCESSING_FEE,
    NARRATIVE_COPY,
    NARRATIVE_EMPTY,
)
RULES_BY_ID: Mapping[str, Rule] = MappingProxyType({r.id: r for r in RULES})

# The 2021 sub-rows of （六）其他处理 and the single row that replaces them in the 2019
# trial table. Some 2021-format reports still print the single row (e.g. 洪泽区 2023), so
# the checks follow the rows the report actually has.
_OTHER_SUB_ROWS = ("3.6.1", "3.6.2", "3.6.3")
_OTHER_SINGLE_ROW = "3.6"


def _cell(*parts: str) -> str:
    return ".".join(parts)


def _finding(rule: Rule, message: str, cells: Iterable[str]) -> dict:
    return {"rule": rule.id, "severity": rule.severity, "message": message, "cells": list(cells)}


def _is_count(value: object) -> bool:
    """A count is a non-negative whole number; an integral float (from a parser) counts."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value >= 0
    return isinstance(value, float) and value.is_integer() and value >= 0


def _plus(values: Iterable[int]) -> str:
    """ "12+0=12" — the arithmetic spelled out, so a reader can redo it."""
    values = list(values)
    return f"{'+'.join(str(v) for v in values)}={sum(values)}"


def _fmt_number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def report_format_of(report: Mapping) -> ReportFormat:
    """The format a report dict uses: its ``"format"`` field, else its ``"year"``.

    Raises ``ValueError`` (in Chinese) for ``"old"`` reports and years before 2019, which
    have no standard tables to reconcile.
    """
    version = report.get("format")
    if version is not None:
        return format_by_version(str(version))
    year = report.get("year")
    if not isinstance(year, int):
        raise ValueError("年度报告既未注明表格格式（format），也未注明年度（year），无法核对。")
    return format_for_year(year)


class _Grid:
    """Read access to tables 三 and 四 that records invalid cells instead of crashing.

    Every arithmetic rule asks the grid for its cells; a missing or invalid cell is
    reported once by the ``cells.count`` rule and makes the equations using it unknown
    (``None``), so one misread number does not flood the audit with consequent findings.
    """

    def __init__(self, tables: Mapping, unreadable: Iterable[str] = ()) -> None:
        self.tables = tables
        self.findings: list[dict] = []
        self._unreadable = set(unreadable)
        self._reported: set[str] = set()

    def value(self, table: str, row: str, column: str, *, where: str) -> int | None:
        cell = _cell(table, row, column)
        if cell in self._unreadable:
            return None
        section = self.tables.get(table)
        row_data = section.get(row) if isinstance(section, Mapping) else None
        if not isinstance(row_data, Mapping) or column not in row_data:
            self._report(cell, f"{where}缺少数值")
            return None
        value = row_data[column]
        if not _is_count(value):
            self._report(cell, f"{where}的数值“{_fmt_number(value)}”不是非负整数")
            return None
        return int(value)

    def values(self, table: str, cells: Iterable[tuple[str, str, str]]) -> list[int] | None:
        """Several cells of one table; ``None`` if any of them is unusable."""
        got = [self.value(table, row, column, where=where) for row, column, where in cells]
        if any(v is None for v in got):
            return None
        return [v for v in got if v is not None]

    def _report(self, cell: str, message: str) -> None:
        if cell not in self._reported:
            self._reported.add(cell)
            self.findings.append(_finding(COUNT_VALUE, message + "。", [cell]))


def _result_rows(fmt: ReportFormat, applications: Mapping) -> tuple[str, ...]:
    """The result rows to add up: the format's, with （六） as the report actually prints it."""
    rows = list(fmt.applications.result_row_keys)
    has_sub_rows = any(k in applications for k in _OTHER_SUB_ROWS)
    has_single = _OTHER_SINGLE_ROW in applications
    if _OTHER_SINGLE_ROW in rows and has_sub_rows and not has_single:
        index = rows.index(_OTHER_SINGLE_ROW)
        rows[index : index + 1] = _OTHER_SUB_ROWS
    elif _OTHER_SUB_ROWS[0] in rows and has_single and not has_sub_rows:
        index = rows.index(_OTHER_SUB_ROWS[0])
        rows[index : index + len(_OTHER_SUB_ROWS)] = [_OTHER_SINGLE_ROW]
    return tuple(rows)


def _row_label(fmt: ReportFormat, row: str) -> str:
    try:
        return fmt.applications.row(row).full_label
    except KeyError:
        # The 2019-style single row inside a 2021-format report, or the reverse.
        other = format_by_version("2019" if fmt.version == "2021" else "2021")
        return other.applications.row(row).full_label


def _column_label(fmt: ReportFormat, column: str) -> str:
    return fmt.applications.column(column).label


def _check_applications(fmt: ReportFormat, grid: _Grid, findings: list[dict]) -> None:
    applications = grid.tables.get("applications")
    applications = applications if isinstance(applications, Mapping) else {}
    results = _result_rows(fmt, applications)
    rows = ("1", "2", *results, "3.7", "4")
    columns = (*APPLICANT_COLUMN_KEYS, TOTAL_COLUMN)

    @cache  # every cell is named several times: once per rule it takes part in
    def where(row: str, column: str) -> str:
        return f"“{_row_label(fmt, row)}”行“{_column_label(fmt, column)}”列"

    # Validate every cell first, in printed order, so cells.count findings read naturally.
    for row in rows:
        for column in columns:
            grid.value("applications", row, column, where=where(row, column))

    for column in columns:
        label = _column_label(fmt, column)
        # 第一项加第二项之和，等于第三项加第四项之和 (printed in the table).
        got = grid.values("applications", ((r, column, where(r, column)) for r in ("1", "2")))
        out = grid.values("applications", ((r, column, where(r, column)) for r in ("3.7", "4")))
        if got is not None and out is not None and sum(got) != sum(out):
            findings.append(
                _finding(
                    BALANCE,
                    f"“{label}”列：第一项加第二项（{_plus(got)}）"
                    f"不等于第三项加第四项（{_plus(out)}）",
                    (_cell("applications", r, column) for r in ("1", "2", "3.7", "4")),
                )
            )
        # （七）总计 = the sum of the result rows.
        parts = grid.values("applications", ((r, column, where(r, column)) for r in results))
        total = grid.value("applications", "3.7", column, where=where("3.7", column))
        if parts is not None and total is not None and sum(parts) != total:
            findings.append(
                _finding(
                    RESULTS_TOTAL,
                    f"“{label}”列：第三项“（七）总计”为{total}，"
                    f"但（一）至（六）各办理结果行之和为{sum(parts)}",
                    (_cell("applications", r, column) for r in (*results, "3.7")),
                )
            )

    for row in rows:
        parts = grid.values(
            "applications", ((row, c, where(row, c)) for c in APPLICANT_COLUMN_KEYS)
        )
        total = grid.value("applications", row, TOTAL_COLUMN, where=where(row, TOTAL_COLUMN))
        if parts is not None and total is not None and sum(parts) != total:
            findings.append(
                _finding(
                    ROW_TOTAL,
                    f"“{_row_label(fmt, row)}”行：自然人至其他六列之和（{_plus(parts)}）"
                    f"不等于“总计”列（{total}）",
                    (_cell("applications", row, c) for c in columns),
                )
            )


def _check_appeals(fmt: ReportFormat, grid: _Grid, findings: list[dict]) -> None:
    outcome_labels = {o.key: o.label for o in fmt.appeals.outcomes}
    for group in fmt.appeals.groups:

        def where(key: str, group_label: str = group.full_label) -> str:
            return f"表四“{group_label}”的“{outcome_labels[key]}”"

        for key in (*APPEAL_PART_KEYS, TOTAL_COLUMN):
            grid.value("appeals", group.key, key, where=where(key))
        parts = grid.values("appeals", ((group.key, k, where(k)) for k in APPEAL_PART_KEYS))
        total = grid.value("appeals", group.key, TOTAL_COLUMN, where=where(TOTAL_COLUMN))
        if parts is not None and total is not None and sum(parts) != total:
            names = "、".join(outcome_labels[k] for k in APPEAL_PART_KEYS)
            findings.append(
                _finding(
                    APPEALS_TOTAL,
                    f"{group.full_label}：{names}之和（{_plus(parts)}）不等于总计（{total}）",
                    (_cell("appeals", group.key, k) for k in (*APPEAL_PART_KEYS, TOTAL_COLUMN)),
                )
            )


def _check_unentered(
    fmt: ReportFormat, tables: Mapping, unreadable: Iterable[str], findings: list[dict]
) -> None:
    """Every table 二 cell given as ``None`` (nobody entered it), named in one finding.

    Only an explicit ``None`` counts: a report read from a published file lists the cells
    it could not read under ``unreadable`` instead, and those are not staff's omissions.
    """
    key = fmt.proactive.json_key
    proactive = tables.get(key)
    if not isinstance(proactive, Mapping):
        return
    skip = set(unreadable)
    missing: list[tuple[str, str]] = []
    for block in fmt.proactive.blocks:
        for row in block.rows:
            values = proactive.get(row.key)
            for column in block.columns:
                cell = _cell(key, row.key, column.key)
                if (
                    isinstance(values, Mapping)
                    and column.key in values
                    and values[column.key] is None
                    and cell not in skip
                ):
                    missing.append((f"{row.label}·{column.label}", cell))
    if missing:
        findings.append(
            _finding(
                PROACTIVE_UNENTERED,
                f"表二尚有{len(missing)}项数字{UNENTERED}（"
                + "、".join(label for label, _ in missing)
                + "）：请逐项填报并注明数据来源，没有此类事项的填0并说明",
                (cell for _, cell in missing),
            )
        )


def _check_fees(fmt: ReportFormat, tables: Mapping, findings: list[dict]) -> None:
    """2021 format only: the 2019 table reports item counts and a signed 本年增/减 instead.

    An unentered amount is :data:`PROACTIVE_UNENTERED`'s finding, not a negative one.
    """
    if fmt.proactive.json_key != "proactive":
        return
    proactive = tables.get("proactive")
    fees = proactive.get("fees") if isinstance(proactive, Mapping) else None
    if not isinstance(fees, Mapping) or fees.get("amount_wan_yuan") is None:
        return
    amount = fees["amount_wan_yuan"]
    if isinstance(amount, bool) or not isinstance(amount, int | float) or amount < 0:
        findings.append(
            _finding(
                FEE_NOT_NEGATIVE,
                f"表二“行政事业性收费”的本年收费金额（{_fmt_number(amount)}万元）不是非负数",
                ["proactive.fees.amount_wan_yuan"],
            )
        )


def _check_carry_over(
    fmt: ReportFormat, tables: Mapping, previous: Mapping, findings: list[dict]
) -> None:
    """This year's 二、上年结转 should be last year's 四、结转下年度继续办理, per column.

    A warning, not an error: an agency may legitimately correct last year's figure (a
    late-found application, a merger of agencies), but it should say so in the report.
    """
    prev_tables = previous.get("tables", previous)
    prev_apps = prev_tables.get("applications") if isinstance(prev_tables, Mapping) else None
    apps = tables.get("applications")
    if not isinstance(prev_apps, Mapping) or not isinstance(apps, Mapping):
        return
    this_row, last_row = apps.get("2"), prev_apps.get("4")
    if not isinstance(this_row, Mapping) or not isinstance(last_row, Mapping):
        return
    for column in (*APPLICANT_COLUMN_KEYS, TOTAL_COLUMN):
        now, before = this_row.get(column), last_row.get(column)
        if not (_is_count(now) and _is_count(before)) or now == before:
            continue
        findings.append(
            _finding(
                CARRY_OVER,
                f"“{_column_label(fmt, column)}”列：本年“二、上年结转政府信息公开申请数量”为"
                f"{_fmt_number(now)}，但上年报告“四、结转下年度继续办理”为{_fmt_number(before)}",
                [_cell("applications", "2", column), _cell("previous.applications", "4", column)],
            )
        )


def _check_processing_fee(
    fmt: ReportFormat, report: Mapping, tables: Mapping, findings: list[dict]
) -> None:
    """The 信息处理费 stated in 六 (yuan) against table 二's 行政事业性收费 (万元)."""
    stated = report.get("processing_fees")
    amount = stated.get("amount_yuan") if isinstance(stated, Mapping) else None
    proactive = tables.get(fmt.proactive.json_key)
    fees = proactive.get("fees") if isinstance(proactive, Mapping) else None
    table_wan = fees.get("amount_wan_yuan") if isinstance(fees, Mapping) else None
    numbers = (amount, table_wan)
    if any(isinstance(v, bool) or not isinstance(v, int | float) for v in numbers):
        return
    if amount > table_wan * 10_000 + 0.005:
        findings.append(
            _finding(
                PROCESSING_FEE,
                f"第六部分称收取信息处理费{_fmt_number(amount)}元，但表二“行政事业性收费”"
                f"本年收费金额仅为{_fmt_number(table_wan)}万元",
                ["processing_fees.amount_yuan", "proactive.fees.amount_wan_yuan"],
            )
        )


def check_report(report: Mapping, *, previous: Mapping | None = None) -> list[dict]:
    """All findings for one report dict (DESIGN.md shape), errors and warnings.

    ``report`` needs ``tables`` and either ``format`` ("2021"/"2019") or ``year``.
    ``previous`` is last year's report (or its ``tables``); when given, the carry-over
    continuity is checked too. Blank cells must already be 0: the rules cannot tell a
    blank printed as nothing from a missing number, and report a missing cell as such.
    A table 二 figure nobody entered is ``None`` (printed :data:`UNENTERED`): an error.
    A report read from a published file may list cells it could not read under
    ``unreadable``; equations using them are skipped rather than reported.
    """
    fmt = report_format_of(report)
    tables = report.get("tables")
    tables = tables if isinstance(tables, Mapping) else {}
    grid = _Grid(tables, report.get("unreadable") or ())
    arithmetic: list[dict] = []
    _check_applications(fmt, grid, arithmetic)
    _check_appeals(fmt, grid, arithmetic)
    findings: list[dict] = []
    _check_unentered(fmt, tables, report.get("unreadable") or (), findings)
    findings += [*grid.findings, *arithmetic]
    _check_fees(fmt, tables, findings)
    _check_processing_fee(fmt, report, tables, findings)
    if previous is not None:
        _check_carry_over(fmt, tables, previous, findings)
    return findings


def check_narrative(parts: Mapping[str, tuple[str, str]]) -> list[dict]:
    """An error naming every required part of the text that is empty.

    ``parts`` maps a part's key to its printed label and its text (the labels belong to
    the narrative's shape, :func:`gongkai.reports.narrative.required_parts`).
    """
    empty = [(key, label) for key, (label, text) in parts.items() if not text.strip()]
    if not empty:
        return []
    return [
        _finding(
            NARRATIVE_EMPTY,
            f"报告文字尚有{len(empty)}部分未填写（"
            + "、".join(label for _, label in empty)
            + "）：请逐部分写明本年度情况，没有可报告事项的写明“无”",
            (f"narrative.{key}" for key, _ in empty),
        )
    ]


# Two narratives sharing this share of their character 4-grams are 内容雷同.
NARRATIVE_COPY_THRESHOLD = 0.8
_SHINGLE = 4


def _shingles(text: str) -> set[str]:
    """Character 4-grams of the text with digits dropped (years and counts change yearly)."""
    letters = "".join(ch for ch in text if not ch.isdigit() and not ch.isspace())
    return {letters[i : i + _SHINGLE] for i in range(len(letters) - _SHINGLE + 1)}


def narrative_similarity(text: str, other: str) -> float:
    """Jaccard similarity of two narratives' 4-grams, 0–1 (cheap enough for big batches)."""
    a, b = _shingles(text), _shingles(other)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def check_narrative_copy(
    text: str, previous_text: str, *, year: int | None, previous_year: int | None
) -> list[dict]:
    """A warning when this year's narrative is near-identical to last year's (内容雷同)."""
    similarity = narrative_similarity(text, previous_text)
    if similarity < NARRATIVE_COPY_THRESHOLD:
        return []
    return [
        _finding(
            NARRATIVE_COPY,
            f"{year or '本'}年度报告正文与{previous_year or '上'}年度报告的相似度为"
            f"{similarity:.0%}，内容雷同",
            ["narrative"],
        )
    ]


__all__ = [
    "APPEALS_TOTAL",
    "BALANCE",
    "CARRY_OVER",
    "COUNT_VALUE",
    "FEE_NOT_NEGATIVE",
    "NARRATIVE_COPY",
    "NARRATIVE_COPY_THRESHOLD",
    "NARRATIVE_EMPTY",
    "PROACTIVE_UNENTERED",
    "PROCESSING_FEE",
    "RESULTS_TOTAL",
    "ROW_TOTAL",
    "RULES",
    "RULES_BY_ID",
    "UNENTERED",
    "Rule",
    "Severity",
    "check_narrative",
    "check_narrative_copy",
    "check_report",
    "narrative_similarity",
    "report_format_of",
]
