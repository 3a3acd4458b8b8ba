"""Table 二's figures: where each comes from, checked against the format, merged into the JSON.

The figures of table 二 are the one part of the report the records cannot count yet.
Each figure is therefore a value *with its source*: today a staff entry with a note
(「区司法局规范性文件备案台账」), later a count from the disclosure catalogue. This module
does not care which: :func:`apply_figures` takes ``{(row, column): Figure}`` from any
source, fills the JSON and lists each cell's source, and a cell nobody has given a
figure for becomes an error finding — printed as 0 only so the table stays readable,
never publishable that way.

Pure Python, no Django.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from gongkai.rules.report_format import ProactiveBlock, ProactiveRow, ValueColumn, format_by_version

# Columns that hold a change (本年增/减, 2019 trial format), not a count: may be negative.
SIGNED_COLUMNS = frozenset({"change_this_year"})

MAX_VALUE = Decimal("9999999999")


@dataclass(frozen=True)
class Figure:
    """One figure and the note saying where it comes from."""

    value: int | float
    source: str


@dataclass(frozen=True)
class FigureCell:
    """A cell of table 二 as a person names it: 「第二十条第（一）项 规章 · 本年制发件数」."""

    block: ProactiveBlock
    row: ProactiveRow
    column: ValueColumn

    @property
    def key(self) -> tuple[str, str]:
        return (self.row.key, self.column.key)

    @property
    def label(self) -> str:
        return f"{self.row.label}·{self.column.label}"


def figure_cells(version: str) -> list[FigureCell]:
    """Every cell of table 二 in the format ``version``, in printed order."""
    fmt = format_by_version(version)
    return [
        FigureCell(block, row, column)
        for block in fmt.proactive.blocks
        for row in block.rows
        for column in block.columns
    ]


def cell_for(version: str, row: str, column: str) -> FigureCell:
    """The cell at ``row``/``column``, or a ValueError naming what does not exist."""
    for cell in figure_cells(version):
        if cell.key == (row, column):
            return cell
    raise ValueError(f"{version}年格式的表二没有“{row}”行“{column}”栏。")


def clean_figure(cell: FigureCell, value: object, source: str) -> Figure:
    """Check one entry: a whole number for counts, money for amounts, and a source note."""
    note = (source or "").strip()
    if not note:
        raise ValueError(f"“{cell.label}”须注明数据来源。")
    if len(note) > 300:
        raise ValueError(f"“{cell.label}”的数据来源过长（不超过300字）。")
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValueError(f"“{cell.label}”应填写数字，而不是“{value}”。") from None
    if not number.is_finite() or abs(number) > MAX_VALUE:
        raise ValueError(f"“{cell.label}”的数字“{value}”不正确。")
    if number < 0 and cell.column.key not in SIGNED_COLUMNS:
        raise ValueError(f"“{cell.label}”不能为负数。")
    if cell.column.kind == "amount":
        if number != number.quantize(Decimal("0.0001")):
            raise ValueError(f"“{cell.label}”最多保留四位小数。")
        return Figure(float(number), note)
    if number != number.to_integral_value():
        raise ValueError(f"“{cell.label}”是件数，应为整数。")
    return Figure(int(number), note)


def apply_figures(
    report: dict[str, Any], figures: Mapping[tuple[str, str], Figure]
) -> dict[str, Any]:
    """Put ``figures`` into ``report`` (in place): values and per-cell sources.

    ``report["proactive_sources"]`` maps "row.column" to its source note; every cell
    without a figure becomes ``None`` (unentered), whatever the table held before.
    Check the report after this, never before: the checks read these figures.
    """
    fmt = format_by_version(report["format"])
    table = report["tables"][fmt.proactive.json_key]
    sources: dict[str, str] = {}
    for cell in figure_cells(fmt.version):
        figure = figures.get(cell.key)
        value: int | float | None = None
        if figure is not None:
            kind = cell.column.kind
            value = round(float(figure.value), 4) if kind == "amount" else int(figure.value)
            sources[f"{cell.row.key}.{cell.column.key}"] = figure.source
        table[cell.row.key][cell.column.key] = value
    report["proactive_sources"] = sources
    return report
