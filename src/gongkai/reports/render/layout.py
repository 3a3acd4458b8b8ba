"""The printed report laid out once, for every output format.

The HTML page, the DOCX and the PDF must show the same numbers in the same cells under
the same merged headers. So the report is laid out here, from the report JSON and the
format definition (:mod:`gongkai.rules.report_format`), into headings, paragraphs and
grids of cells; each renderer only translates that layout into its own markup. A cell
knows whether it is a column header, a row header, a note or a figure, which is what
HTML needs for ``<th scope>`` and what a round-trip test needs to find every figure.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from gongkai.reports.narrative import normalize_narrative, number_text, paragraphs
from gongkai.rules.report_checks import UNENTERED
from gongkai.rules.report_format import (
    APPLICATION_LABEL_COLUMNS,
    RECONCILIATION_NOTE,
    SECTIONS,
    Cell,
    ReportFormat,
    format_by_version,
)

CellRole = Literal["column_header", "row_header", "note", "figure"]

# A report not yet published is a draft: marked as such on every page, and undated.
DRAFT_MARK = "草稿"


@dataclass(frozen=True)
class GridCell:
    """One printed cell; ``key`` names a figure's place in the JSON ("applications.3.1.total")."""

    text: str
    role: CellRole
    rowspan: int = 1
    colspan: int = 1
    key: str = ""


@dataclass(frozen=True)
class Grid:
    """A table as printed: rows of cells, merged cells written once (HTML-style)."""

    name: str  # "proactive", "applications" or "appeals": the JSON table it prints
    rows: tuple[tuple[GridCell, ...], ...]
    header_rows: int
    col_widths: tuple[float, ...]

    def figures(self) -> dict[str, str]:
        """Every figure cell's printed text by its JSON key (for round-trip checks)."""
        return {c.key: c.text for row in self.rows for c in row if c.role == "figure"}


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Text:
    text: str


Block = Heading | Text | Grid


@dataclass(frozen=True)
class ReportLayout:
    """Title, blocks in reading order, and the sign-off of one annual report.

    ``date`` is the publication date; a draft has none and carries ``draft_mark``.
    """

    title: str
    agency: str
    year: int
    blocks: tuple[Block, ...]
    date: datetime.date | None
    draft_mark: str | None
    grids: dict[str, Grid] = field(default_factory=dict)


def report_title(report: Mapping[str, Any]) -> str:
    """「武汉市硚口区大数据中心2021年度政府信息公开工作年度报告」."""
    return f"{report['agency']}{report['year']}年度政府信息公开工作年度报告"


def layout_report(
    report: Mapping[str, Any], narrative: Mapping[str, Any] | None = None
) -> ReportLayout:
    """Lay out ``report`` (DESIGN.md JSON) with its narrative.

    ``narrative`` defaults to ``report["narrative"]`` (a final report's snapshot carries
    it) and then to empty parts, so the tables alone can always be rendered. A report
    without ``published_on`` is a draft: it gets :data:`DRAFT_MARK` and no date.
    """
    fmt = format_by_version(report["format"])
    text = normalize_narrative(narrative if narrative is not None else report.get("narrative"))
    grids = {
        "proactive": proactive_grid(report, fmt),
        "applications": applications_grid(report, fmt),
        "appeals": appeals_grid(report, fmt),
    }
    blocks: list[Block] = [Heading(SECTIONS[0])]
    for part in text["overview"]:
        blocks.append(Heading(part["heading"], level=2))
        blocks.extend(Text(p) for p in paragraphs(part["text"]))
    notes = ("proactive_note", "applications_note", "appeals_note")
    for section, note, grid in zip(SECTIONS[1:4], notes, grids.values(), strict=True):
        blocks.append(Heading(section))
        blocks.extend(Text(p) for p in paragraphs(text[note]))
        blocks.append(grid)
    for section, name in zip(SECTIONS[4:], ("problems", "other"), strict=True):
        blocks.append(Heading(section))
        blocks.extend(Text(p) for p in paragraphs(text[name]))
    published = report.get("published_on")
    return ReportLayout(
        title=report_title(report),
        agency=report["agency"],
        year=report["year"],
        blocks=tuple(blocks),
        date=datetime.date.fromisoformat(published) if published else None,
        draft_mark=None if published else DRAFT_MARK,
        grids=grids,
    )


def _figure(value: object, key: str, colspan: int = 1) -> GridCell:
    """A figure as printed; one nobody entered says so, never 0."""
    text = UNENTERED if value is None else number_text(value)
    return GridCell(text, "figure", colspan=colspan, key=key)


def proactive_grid(report: Mapping[str, Any], fmt: ReportFormat) -> Grid:
    """Table 二: per block a heading row, a 信息内容 header row, then its rows.

    Blocks have one to three value columns; the table is as wide as the widest block and
    a narrower block's last column spans the rest, as the printed tables do.
    """
    spec = fmt.proactive
    width = max(len(block.columns) for block in spec.blocks)
    values = report["tables"][spec.json_key]
    rows: list[tuple[GridCell, ...]] = []
    for block in spec.blocks:
        rows.append((GridCell(block.heading, "column_header", colspan=width + 1),))
        spans = [1] * (len(block.columns) - 1) + [width - len(block.columns) + 1]
        rows.append(
            (
                GridCell(block.content_label, "column_header"),
                *(
                    GridCell(c.label, "column_header", colspan=s)
                    for c, s in zip(block.columns, spans, strict=True)
                ),
            )
        )
        for row in block.rows:
            rows.append(
                (
                    GridCell(row.label, "row_header"),
                    *(
                        _figure(values[row.key][c.key], f"{spec.json_key}.{row.key}.{c.key}", s)
                        for c, s in zip(block.columns, spans, strict=True)
                    ),
                )
            )
    return Grid("proactive", tuple(rows), header_rows=0, col_widths=(2.2,) + (1.6,) * width)


def _header_rows(cells: tuple[Cell, ...], note: str = "") -> list[tuple[GridCell, ...]]:
    """Header :class:`Cell`s (grid positions) as rows of cells in reading order."""
    count = max(c.row + c.rowspan for c in cells)
    rows: list[list[Cell]] = [[] for _ in range(count)]
    for cell in cells:
        rows[cell.row].append(cell)
    return [
        tuple(
            GridCell(
                c.text,
                "note" if c.text == note else "column_header",
                rowspan=c.rowspan,
                colspan=c.colspan,
            )
            for c in sorted(row, key=lambda c: c.col)
        )
        for row in rows
    ]


def applications_grid(report: Mapping[str, Any], fmt: ReportFormat) -> Grid:
    """Table 三 with its three header rows, the 勾稽关系 note and the merged row labels."""
    spec = fmt.applications
    values = report["tables"]["applications"]
    rows = _header_rows(spec.header, note=RECONCILIATION_NOTE)
    for row in spec.rows:
        labels = tuple(
            GridCell(c.text, "row_header", rowspan=c.rowspan, colspan=c.colspan)
            for c in sorted(row.label_cells, key=lambda c: c.col)
        )
        figures = tuple(
            _figure(values[row.key][c.key], f"applications.{row.key}.{c.key}") for c in spec.columns
        )
        rows.append(labels + figures)
    widths = (1.3, 1.5, 3.4) + (1.0,) * len(spec.columns)
    assert len(widths) == APPLICATION_LABEL_COLUMNS + len(spec.columns)
    return Grid(
        "applications", tuple(rows), header_rows=len(rows) - len(spec.rows), col_widths=widths
    )


def appeals_grid(report: Mapping[str, Any], fmt: ReportFormat) -> Grid:
    """Table 四: three header rows over fifteen figures, one data row."""
    spec = fmt.appeals
    values = report["tables"]["appeals"]
    rows = _header_rows(spec.header)
    rows.append(
        tuple(
            _figure(values[g.key][o.key], f"appeals.{g.key}.{o.key}")
            for g in spec.groups
            for o in spec.outcomes
        )
    )
    columns = len(spec.groups) * len(spec.outcomes)
    return Grid("appeals", tuple(rows), header_rows=len(rows) - 1, col_widths=(1.0,) * columns)
