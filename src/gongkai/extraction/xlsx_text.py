"""The cell values of every sheet of an XLSX, hidden sheets included (a hidden sheet
is still published with the file), one row per line, cells separated by tabs.

openpyxl in read-only mode streams rows instead of building the workbook in memory,
reads stored values (data_only: what the reader sees, not formulas) and parses XML
through defusedxml when it is installed (it is a gongkai dependency).
"""

from __future__ import annotations

import io
from datetime import date, datetime, time

from gongkai.extraction.errors import ExtractionError, Reason
from gongkai.extraction.limits import Limits


def xlsx_to_text(data: bytes, name: str, limits: Limits) -> str:
    import openpyxl

    workbook = openpyxl.load_workbook(
        io.BytesIO(data), read_only=True, data_only=True, keep_links=False
    )
    lines: list[str] = []
    cells = 0
    try:
        for sheet in workbook.worksheets:
            lines.append(f"【{sheet.title}】")
            # Some exporters declare A1:XFD1048576; without this every row would be
            # padded to 16,384 empty cells.
            sheet.reset_dimensions()
            for row in sheet.iter_rows(values_only=True):
                cells += len(row)
                if cells > limits.max_sheet_cells:
                    raise ExtractionError(
                        f"“{name}”的单元格超过{limits.max_sheet_cells}个的上限。",
                        reason=Reason.TOO_LARGE,
                    )
                values = [_cell_text(value) for value in row]
                while values and not values[-1]:
                    values.pop()
                if values:
                    lines.append("\t".join(values))
    finally:
        workbook.close()
    return "\n".join(lines)


def _cell_text(value: object) -> str:
    """As a reader sees it: 13812345678 not 13812345678.0, dates without midnight."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)
