"""Report dicts for the renderer tests: every figure different, so a swapped cell shows."""

from __future__ import annotations

from typing import Any

from gongkai.rules.report_format import empty_tables, format_for_year

NARRATIVE = {
    "overview": [
        {
            "key": "proactive",
            "heading": "（一）政府信息主动公开情况",
            "text": "按要求公开部门预算。",
        },
        {"key": "applications", "text": "本年度收到依申请公开申请7件。"},
    ],
    "applications_note": "办理情况见下表。",
    "problems": "主动公开的简报信息还不够。\n下一步提升主动公开意识。",
    "other": "<script>alert(1)</script>收取信息处理费0元。",
}


def distinct_report(year: int = 2025, agency: str = "测试区教育局") -> dict[str, Any]:
    """A report whose cells hold 1, 2, 3, … in printed order (amounts get a decimal)."""
    fmt = format_for_year(year)
    tables = empty_tables(fmt)
    counter = iter(range(1, 10_000))
    for table in tables.values():
        for row in table.values():
            for key, value in row.items():
                n = next(counter)
                row[key] = n + 0.5 if isinstance(value, float) else n
    return {
        "agency": agency,
        "year": year,
        "format": fmt.version,
        "tables": tables,
        "processing_fees": {"count": 1, "amount_yuan": 100},
        "findings": [],
    }
