"""The batch summary: one row per report, written as CSV or XLSX for supervisors."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from gongkai.reports.audit.audit import AuditResult
from gongkai.spreadsheet_export import neutralise, text_cell_type

HEADER = ("文件", "机构", "年度", "表格格式", "错误", "警告", "无法读取的表格")
FORMAT_NAMES = {"2021": "2021年格式", "2019": "2019年试行格式", "old": "2019年以前旧格式"}
SUFFIXES = (".csv", ".xlsx")


def _text(value: str) -> str:
    """A file name may start like a formula ("=cmd…"); a spreadsheet must not run it."""
    return "'" + value if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value


def summary_rows(results: Sequence[AuditResult]) -> list[tuple]:
    """One row per report, in batch order, in the columns of :data:`HEADER`."""
    return [
        (
            _text(r.file),
            r.agency,
            r.year if r.year is not None else "",
            FORMAT_NAMES.get(r.format or "", "未识别"),
            r.errors,
            r.warnings,
            "、".join(r.unreadable_tables),
        )
        for r in results
    ]


def write_summary(path: Path, results: Sequence[AuditResult]) -> None:
    """Write the summary as .csv (UTF-8 with BOM, so Excel shows Chinese) or .xlsx."""
    rows = summary_rows(results)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows([neutralise(cell) for cell in row] for row in rows)
        return
    if suffix != ".xlsx":
        raise ValueError(f"汇总表只能保存为{'或'.join(SUFFIXES)}文件，不能是“{path.name}”。")
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "年度报告核查汇总"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            text_cell_type(cell)
    workbook.save(path)
