"""Tables written for spreadsheet programs: no formulas from data, and a BOM for Excel.

A cell whose text starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return,
which Excel skips before reading one of those) is run as a formula when a CSV file is
opened: an applicant who calls themself ``=HYPERLINK(…)`` would put a link in front of
the officer who exports the ledger. Such text gets a leading ``'``, which spreadsheet
programs read as "this is text". In .xlsx the cell is typed as text instead.

Excel on Chinese Windows reads a CSV file without a byte-order mark as GBK, so every
CSV file starts with the UTF-8 BOM.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """``value`` as a spreadsheet will show it, never as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> bytes:
    """A whole CSV file: BOM, header, rows, every text cell neutralised."""
    buffer = io.StringIO(newline="")
    buffer.write(BOM)
    writer = csv.writer(buffer)
    writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")


def text_cell_type(cell: Any) -> None:
    """An openpyxl cell whose text looks like a formula is stored as text."""
    if cell.data_type == "f":
        cell.data_type = "s"


class SafeSpreadsheetExportMixin:
    """For Wagtail's admin list export (``?export=csv``): neutralised cells and a BOM.

    Wagtail already types formula-like .xlsx cells as text; its CSV has neither guard.
    """

    def preprocess_field_value(self, field: str, value: Any, export_format: str) -> Any:
        processed = super().preprocess_field_value(field, value, export_format)  # type: ignore[misc]
        return neutralise(processed) if export_format == "csv" else processed

    def stream_csv(self, queryset: Any) -> Iterator[bytes]:
        yield BOM.encode("utf-8")
        yield from super().stream_csv(queryset)  # type: ignore[misc]
