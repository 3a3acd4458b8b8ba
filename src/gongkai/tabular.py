"""Reading a clerk's spreadsheet (.xlsx or .csv) for an all-or-nothing import.

The application ledger and the catalogue import read files made by hand in Excel or WPS:
numbers turned into floats, dates as real dates or as text in three Chinese habits, CSV
in GB18030. One reader keeps those habits handled the same way everywhere.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from typing import Any
from xml.parsers.expat import ExpatError

from gongkai.spreadsheet_export import FORMULA_STARTS

_DATE_FORMATS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
)
# Spreadsheet programs saving a date cell as CSV often append a midnight time.
_MIDNIGHT = re.compile(r"\s+0{1,2}:00(:00)?$")

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv",)


class TableImportError(Exception):
    """The file cannot be imported; ``problems`` holds one Chinese line per bad row.

    Raised before anything is written, so the message can tell the clerk to fix the file
    and import it again in full.
    """

    def __init__(self, problems: Sequence[str], *, heading: str | None = None) -> None:
        self.problems = list(problems)
        if heading is None:
            heading = f"文件未导入（未写入任何数据），共{len(self.problems)}行有问题："
        super().__init__("\n".join([heading, *self.problems]))


Table = list[tuple[int, list[Any]]]  # (spreadsheet row number, cell values)


def read_table(content: bytes, *, file_name: str) -> Table:
    """The file's rows as (row number, values), header first, blank rows dropped.

    Which reader is used follows the file name, as a clerk would expect from the name
    they see; a mismatch (an .xlsx that is really a CSV) is reported, not guessed.
    """
    suffix = "." + file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if suffix in XLSX_SUFFIXES:
        rows = _read_xlsx(content, file_name)
    elif suffix in CSV_SUFFIXES:
        rows = _read_csv(content, file_name)
    else:
        raise TableImportError([], heading=f"无法导入“{file_name}”：仅支持 .xlsx 或 .csv 文件。")
    table = [(number, values) for number, values in rows if any(cell_text(v) for v in values)]
    if not table:
        raise TableImportError([], heading=f"“{file_name}”是空文件，没有表头和数据。")
    return table


# What openpyxl raises on a damaged workbook (besides its InvalidFileException): a broken
# zip or deflate stream, an encrypted member or an unknown compression method, a missing
# part, XML that is empty, not XML or not what it should be (ElementTree's, expat's and
# lxml's errors are all SyntaxError subclasses), and cells whose text does not parse.
# tests/abuse/test_damaged_spreadsheets.py fuzzes for more.
_DAMAGED = (
    zipfile.BadZipFile,
    RuntimeError,
    NotImplementedError,
    zlib.error,
    EOFError,
    OSError,
    SyntaxError,
    ExpatError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    AttributeError,
)


def _read_xlsx(content: bytes, file_name: str) -> Iterable[tuple[int, list[Any]]]:
    """Every row, read in full here: openpyxl parses the sheet lazily, while iterating."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    from gongkai.extraction import ExtractionError, Reason
    from gongkai.extraction.limits import DEFAULT_LIMITS
    from gongkai.extraction.ooxml import check_container

    try:  # the zip bomb checks screening uses, before openpyxl inflates anything
        check_container(content, file_name, DEFAULT_LIMITS)
    except ExtractionError as error:
        if error.reason in (Reason.ZIP_BOMB, Reason.TOO_LARGE):
            raise TableImportError([], heading=f"无法读取：{error}") from None
        # Other damage is reported below, in the import's own words.
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            return [
                (number, list(values))
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
            ]
        finally:
            workbook.close()
    except (InvalidFileException, *_DAMAGED):
        raise TableImportError(
            [],
            heading=f"无法读取“{file_name}”：不是有效的Excel（.xlsx）文件，或文件已损坏。"
            "请在Excel或WPS中打开并另存为.xlsx后重新导入。",
        ) from None


def _read_csv(content: bytes, file_name: str) -> Iterable[tuple[int, list[Any]]]:
    # Excel on Chinese Windows saves CSV as GB18030 (GBK); everything else as UTF-8,
    # sometimes with a BOM. UTF-8 is tried first because GB18030 decodes almost any bytes.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise TableImportError(
            [], heading=f"无法读取“{file_name}”：文件编码不是UTF-8或GB18030（GBK）。"
        )
    if "\x00" in text:
        # No database text column can hold NUL; a CSV with one is a binary file or damaged.
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise TableImportError(
            [],
            heading=f"无法读取“{file_name}”：第{line}行含有空字符（NUL），"
            "文件可能已损坏或不是文本文件。请在Excel或WPS中打开并另存为CSV后重新导入。",
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = []
    try:
        for row in reader:
            rows.append((reader.line_num, [_formula_text(cell) for cell in row]))
    except csv.Error:
        # The one error the csv module raises on text: a cell past its field limit
        # (an unclosed quote swallows the rest of the file into one cell too).
        raise TableImportError(
            [],
            heading=f"无法读取“{file_name}”：第{reader.line_num}行有单元格超过"
            f"{csv.field_size_limit()}个字符（或引号不成对）。请检查该行后重新导入。",
        ) from None
    return rows


def _formula_text(cell: str) -> str:
    """Undo :func:`gongkai.spreadsheet_export.neutralise`, so an export imports back as is."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def cell_text(value: Any) -> str:
    """A cell as text: spreadsheets turn numeric-looking receipt numbers into numbers."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    return str(value).strip()


def parse_sheet_date(value: Any) -> date:
    """A date cell: a real Excel date, or text as 2025-03-01, 2025/3/1 or 2025年3月1日."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _MIDNIGHT.sub("", cell_text(value))
    for pattern in _DATE_FORMATS:
        match = pattern.fullmatch(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            return date(year, month, day)  # ValueError for 2025-02-30
    raise ValueError(text)


def cell_is_blank(value: Any) -> bool:
    return not cell_text(value)


def date_cell(value: Any, name: str, reasons: list[str], *, required: bool) -> date | None:
    if cell_is_blank(value):
        if required:
            reasons.append(f"{name}为空")
        return None
    try:
        return parse_sheet_date(value)
    except ValueError:
        reasons.append(
            f"{name}“{cell_text(value)}”无法识别（应写作2025-03-01、2025/3/1或2025年3月1日）"
        )
        return None


def column_positions(
    header: Sequence[Any],
    *,
    required: Sequence[str],
    optional: Iterable[str] = (),
    what: str,
    error: type[TableImportError] = TableImportError,
) -> dict[str, int]:
    """Column index by header name; every missing, unknown or repeated header in one error.

    Clerks reorder columns freely, so columns are found by name; ``what`` (台账, 目录)
    names the file in the message.
    """
    names = [cell_text(cell) for cell in header]
    while names and not names[-1]:
        names.pop()
    allowed = set(required) | set(optional)
    missing = [name for name in required if name not in names]
    extra = [name or f"（第{index + 1}列无表头）" for index, name in enumerate(names)]
    extra = [name for name in extra if name not in allowed]
    repeated = sorted({name for name in names if name and names.count(name) > 1})
    if missing or extra or repeated:
        parts = []
        if missing:
            parts.append("缺少" + "、".join(f"“{name}”" for name in missing))
        if extra:
            parts.append("多出" + "、".join(f"“{name}”" for name in extra))
        if repeated:
            parts.append("重复" + "、".join(f"“{name}”" for name in repeated))
        raise error(
            [],
            heading=(
                f"{what}未导入（未写入任何数据）：第1行表头不符，{'；'.join(parts)}。"
                f"表头应为：{'、'.join(required)}。"
            ),
        )
    return {name: names.index(name) for name in names if name}
