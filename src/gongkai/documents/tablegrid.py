"""Place a :class:`~gongkai.documents.model.Table`'s cells on a rectangular grid.

Tables are written HTML-style (a merged cell once, with its span; covered positions
left out), which is how people describe them, but both renderers need to know which
grid column every cell starts in and which rows are tied together by a rowspan. This
module answers that once, and rejects ragged or overlapping tables with a message
that names the row, instead of letting a renderer draw a broken grid.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.documents.model import Cell, Table


@dataclass(frozen=True)
class PlacedCell:
    """A cell with its top-left grid position."""

    cell: Cell
    row: int
    col: int

    @property
    def last_row(self) -> int:
        return self.row + self.cell.rowspan - 1

    @property
    def last_col(self) -> int:
        return self.col + self.cell.colspan - 1


@dataclass(frozen=True)
class TableGrid:
    """The resolved grid: every position is covered by exactly one placed cell."""

    n_rows: int
    n_cols: int
    cells: tuple[PlacedCell, ...]
    header_rows: int

    def row_groups(self) -> list[range]:
        """Consecutive rows that must stay on one page because a rowspan ties them.

        The header rows always form the first group, so they are never split either.
        """
        groups: list[range] = []
        start = 0
        end = self.header_rows - 1 if self.header_rows else 0
        for placed in sorted(self.cells, key=lambda p: p.row):
            if placed.row > end:
                groups.append(range(start, end + 1))
                start, end = placed.row, placed.row
            end = max(end, placed.last_row)
        groups.append(range(start, end + 1))
        return groups


def resolve(table: Table) -> TableGrid:
    """Assign grid positions to ``table``'s cells, or raise ``ValueError`` saying where."""
    occupied: dict[tuple[int, int], PlacedCell] = {}
    placed_cells: list[PlacedCell] = []
    n_rows = len(table.rows)
    for r, row in enumerate(table.rows):
        col = 0
        for cell in row:
            while (r, col) in occupied:
                col += 1
            if r + cell.rowspan > n_rows:
                raise ValueError(f"表格第{r + 1}行的单元格“{cell.text}”跨行超出表格末尾")
            placed = PlacedCell(cell=cell, row=r, col=col)
            for rr in range(r, r + cell.rowspan):
                for cc in range(col, col + cell.colspan):
                    if (rr, cc) in occupied:
                        raise ValueError(
                            f"表格第{r + 1}行的单元格“{cell.text}”与其他合并单元格重叠"
                        )
                    occupied[(rr, cc)] = placed
            placed_cells.append(placed)
            col += cell.colspan
    n_cols = max((c for _, c in occupied), default=-1) + 1
    for r in range(n_rows):
        filled = sum(1 for c in range(n_cols) if (r, c) in occupied)
        if filled != n_cols:
            raise ValueError(f"表格第{r + 1}行只有{filled}列，应为{n_cols}列")
    if table.col_widths is not None and len(table.col_widths) != n_cols:
        raise ValueError(f"表格有{n_cols}列，但给出了{len(table.col_widths)}个列宽")
    for placed in placed_cells:
        if placed.row < table.header_rows <= placed.last_row:
            raise ValueError(f"表头单元格“{placed.cell.text}”跨入了表体")
    return TableGrid(
        n_rows=n_rows, n_cols=n_cols, cells=tuple(placed_cells), header_rows=table.header_rows
    )


def column_fractions(table: Table, n_cols: int) -> list[float]:
    """Each column's share of the table width, from ``col_widths`` or equal shares."""
    weights = list(table.col_widths) if table.col_widths is not None else [1.0] * n_cols
    total = sum(weights)
    return [w / total for w in weights]
