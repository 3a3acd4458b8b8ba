"""Findings about a published report that only reading it can produce.

The arithmetic rules live in :mod:`gongkai.rules.report_checks` (shared with the
generator); these say what the audit could not read or did not find, in the same
finding shape, so one list per report holds everything a supervisor must look at.
"""

from __future__ import annotations

from collections.abc import Sequence

from gongkai.rules.report_checks import Rule
from gongkai.rules.report_format import format_for_year

FILE_UNREADABLE = Rule("file.unreadable", "error", "文件无法读取（加密、扫描件、损坏或为空）")
NOT_A_REPORT = Rule("file.not_a_report", "error", "文件不是政府信息公开工作年度报告")
OLD_REPORT = Rule(
    "format.old",
    "warning",
    "2019年度以前的报告没有统一格式的三张表格，不核对表格",
)
TABLE_UNREADABLE = Rule(
    "table.unreadable", "warning", "表格未找到或部分数字无法确定，相关单元格未核对"
)
FORMAT_FOR_YEAR = Rule(
    "format.year",
    "warning",
    "报告应使用其年度适用的表格格式（2019—2020年度为试行格式，2021年度起为2021年格式）",
)
SECTION_MISSING = Rule("sections.missing", "warning", "年度报告应包含格式规定的六个部分")
# A heading with nothing under it tells the reader nothing: the format asks for the content
# of each part, and gongkai's own generator refuses such a report (narrative.empty).
SECTION_EMPTY = Rule("sections.empty", "error", "年度报告的每个部分都须有内容，不能只有标题")
NARRATIVE_MISMATCH = Rule(
    "narrative.table_mismatch",
    "warning",
    "报告文字所述数字（收到、办结、结转的申请，行政复议、行政诉讼，规范性文件）应与表格一致",
)

AUDIT_RULES: tuple[Rule, ...] = (
    FILE_UNREADABLE,
    NOT_A_REPORT,
    OLD_REPORT,
    FORMAT_FOR_YEAR,
    TABLE_UNREADABLE,
    SECTION_MISSING,
    SECTION_EMPTY,
    NARRATIVE_MISMATCH,
)

# How a message names each table (its section in the format).
TABLE_NAMES = {
    "proactive": "表二（主动公开政府信息情况）",
    "proactive_2019": "表二（主动公开政府信息情况）",
    "applications": "表三（收到和处理政府信息公开申请情况）",
    "appeals": "表四（政府信息公开行政复议、行政诉讼情况）",
}


def finding(rule: Rule, message: str, cells: list[str] | None = None) -> dict:
    """A finding in the DESIGN.md shape."""
    return {"rule": rule.id, "severity": rule.severity, "message": message, "cells": cells or []}


def table_findings(problems: dict[str, str], unreadable: list[str]) -> list[dict]:
    """One finding per table that was not found or has cells left unread."""
    out = []
    for table, problem in problems.items():
        cells = [c for c in unreadable if c.startswith(f"{table}.")]
        count = f"，{len(cells)}个单元格未核对" if cells else ""
        out.append(
            finding(TABLE_UNREADABLE, f"{TABLE_NAMES.get(table, table)}：{problem}{count}。", cells)
        )
    return out


def format_findings(version: str, year: int | None) -> list[dict]:
    """A warning when the tables are in another format than the report's year requires."""
    if year is None or year < 2019:
        return []
    expected = format_for_year(year)
    if expected.version == version:
        return []
    return [
        finding(
            FORMAT_FOR_YEAR,
            f"{year}年度报告应使用{expected.document}，但表格为{version}年格式。",
        )
    ]


def section_findings(missing: Sequence[str], empty: Sequence[str] = ()) -> list[dict]:
    """One finding per missing section and per empty one, named by its official title."""
    return [finding(SECTION_MISSING, f"未找到“{title}”部分。") for title in missing] + [
        finding(SECTION_EMPTY, f"“{title}”部分只有标题，没有内容。") for title in empty
    ]
