"""The annual report as accessible HTML: real header cells tied to every figure.

The official tables have merged headers three levels deep; a screen reader can only say
"法人或其他组织 · 商业企业 · 予以公开: 3" if each figure names its headers. Every header is
a ``<th>`` with ``scope`` and an ``id``, and every figure a ``<td headers="…">`` listing
the column headers above it and the row headers beside it. All text is escaped: staff
write the narrative, and it is published.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Any

from gongkai.documents.tablegrid import PlacedCell, resolve
from gongkai.reports.render.document import grid_table
from gongkai.reports.render.layout import Grid, GridCell, Heading, Text, layout_report
from gongkai.rules.report_format import SECTIONS

# A wide table scrolls inside its own box on a phone; the box is a named region a keyboard
# can reach (and scroll), named for the section the table prints.
TABLE_REGIONS = {
    name: f"{section.split('、', 1)[1]}表"
    for name, section in zip(("proactive", "applications", "appeals"), SECTIONS[1:4], strict=True)
}

# Inline so a saved file (gongkai report build --format html) reads the same offline.
STANDALONE_CSS = """
body{font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun",serif;margin:2rem auto;
max-width:60rem;padding:0 1rem;line-height:1.8;color:#1a1a1a}
h1{text-align:center;font-size:1.6rem}
""".strip()

# The portal's report pages link this file; a saved report file inlines it.
TABLE_CSS = (
    (Path(__file__).resolve().parents[1] / "static/gongkai/reports/tables.css").read_text().strip()
)


def render_html(report: Mapping[str, Any], narrative: Mapping[str, Any] | None = None) -> str:
    """A complete HTML document of the report (for a file or an e-mail)."""
    title = escape(f"{report['agency']}{report['year']}年度政府信息公开工作年度报告")
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>{STANDALONE_CSS}\n{TABLE_CSS}</style>\n</head>\n"
        f"<body>\n{report_article(report, narrative)}\n</body>\n</html>\n"
    )


def report_article(report: Mapping[str, Any], narrative: Mapping[str, Any] | None = None) -> str:
    """The report as one ``<article>`` for embedding in a page (the portal's report page)."""
    layout = layout_report(report, narrative)
    out = ['<article class="annual-report">']
    if layout.draft_mark:
        out.append(f'<p class="draft-mark">{escape(layout.draft_mark)}</p>')
    out.append(f"<h1>{escape(layout.title)}</h1>")
    for block in layout.blocks:
        if isinstance(block, Heading):
            tag = "h2" if block.level == 1 else "h3"
            out.append(f"<{tag}>{escape(block.text)}</{tag}>")
        elif isinstance(block, Text):
            out.append(f"<p>{escape(block.text)}</p>")
        else:
            out.append(grid_html(block))
    out.append("</article>")
    return "\n".join(out)


def grid_html(grid: Grid) -> str:
    """One table, with ``id``/``headers`` so every figure is announced with its headers."""
    placed = resolve(grid_table(grid)).cells
    cells = [cell for row in grid.rows for cell in row]
    spots = dict(zip(map(id, cells), placed, strict=True))
    ids = {id(c): f"{grid.name}-h{i}" for i, c in enumerate(cells) if c.role != "figure"}
    header_rows = {r for r, row in enumerate(grid.rows) if _is_header_row(row)}
    total = sum(grid.col_widths)
    columns = "".join(f'<col style="width:{w / total:.1%}">' for w in grid.col_widths)
    out = [
        f'<div class="table-wrap" role="region" tabindex="0" '
        f'aria-label="{escape(TABLE_REGIONS.get(grid.name, "统计表"))}">'
        f'<table class="report-table report-{grid.name}">',
        f"<colgroup>{columns}</colgroup>",
    ]
    for r, row in enumerate(grid.rows):
        if r == grid.header_rows and grid.header_rows:
            out.append("</thead><tbody>")
        elif r == 0:
            out.append("<thead>" if grid.header_rows else "<tbody>")
        parts = []
        for cell in row:
            attrs = _spans(cell)
            if cell.role == "figure":
                headers = _headers_of(spots[id(cell)], cells, spots, header_rows, ids)
                parts.append(
                    f'<td{attrs} headers="{headers}" data-cell="{cell.key}">'
                    f"{escape(cell.text)}</td>"
                )
            elif cell.role == "note":
                parts.append(
                    f'<td{attrs} class="note" id="{ids[id(cell)]}">{escape(cell.text)}</td>'
                )
            else:
                scope = _scope(cell)
                parts.append(
                    f'<th{attrs} scope="{scope}" id="{ids[id(cell)]}">{escape(cell.text)}</th>'
                )
        out.append(f"<tr>{''.join(parts)}</tr>")
    out.append("</tbody></table></div>")
    return "\n".join(out)


def _is_header_row(row: tuple[GridCell, ...]) -> bool:
    return all(c.role in ("column_header", "note") for c in row)


def _spans(cell: GridCell) -> str:
    rowspan = f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else ""
    colspan = f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
    return rowspan + colspan


def _scope(cell: GridCell) -> str:
    if cell.role == "row_header":
        return "rowgroup" if cell.rowspan > 1 else "row"
    return "colgroup" if cell.colspan > 1 else "col"


def _covers(placed: PlacedCell, row: int, first: int, last: int) -> bool:
    return placed.row <= row <= placed.last_row and placed.col <= last and first <= placed.last_col


def _headers_of(
    spot: PlacedCell,
    cells: list[GridCell],
    spots: dict[int, PlacedCell],
    header_rows: set[int],
    ids: dict[int, str],
) -> str:
    """The nearest band of header rows above the figure, plus the row headers beside it.

    Table 二 repeats its header rows per block, so only the closest band applies.
    """
    band: list[int] = []
    for r in range(spot.row - 1, -1, -1):
        if r in header_rows:
            band.append(r)
        elif band:
            break
    found = []
    for cell in cells:
        where = spots[id(cell)]
        above = cell.role == "column_header" and any(
            _covers(where, r, spot.col, spot.last_col) for r in band
        )
        beside = cell.role == "row_header" and where.row <= spot.row <= where.last_row
        if above or beside:
            found.append(ids[id(cell)])
    return " ".join(found)
