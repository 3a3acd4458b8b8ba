"""PDF pages as pdfplumber's table finder and text layout read them, parsed by PDFium.

pdfplumber spends nearly all its time in pdfminer parsing page content in Python; PDFium
(pypdfium2, C++) parses the same page many times faster. What the audit needs from a page
is small: its characters with their boxes, the ruling lines of its tables, and its size.
This module gets those from PDFium in the shapes pdfplumber uses (dicts with ``x0``,
``top``, …) and leaves the rest — finding ruled tables, grouping characters into lines
and words — to pdfplumber's own pure-Python code, so both readers lay a page out by the
same rules and differ only in who parsed it.

Geometry follows pdfplumber: the origin is the top-left corner of the media box, y grows
downwards. A path is cut into sub-paths at each move, and each straight segment between
consecutive end points is an edge (pdfminer reads lines, rectangles and curves the same
way, and the table finder keeps only horizontal and vertical edges).
"""

from __future__ import annotations

import ctypes
import itertools
import threading
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.table import Table as PlumberTable
from pdfplumber.table import TableFinder
from pdfplumber.utils import chars_to_textmap, crop_to_bbox, extract_text

# PDFium is not thread-safe, not even across documents, and the task queue runs jobs in
# threads: every call into it holds this lock (the layout afterwards is plain Python).
_LOCK = threading.Lock()

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# Characters PDFium adds that the page does not draw: line ends it infers.
_CONTROL = {"\r", "\n", "\x02", "\ufffe", "\x00"}


@dataclass
class Page:
    """One page, or part of one, with the methods of pdfplumber's page the reader calls."""

    chars: list[dict]
    edges: list[dict]
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom

    @property
    def width(self) -> float:
        return self.bbox[2] - self.bbox[0]

    @property
    def height(self) -> float:
        return self.bbox[3] - self.bbox[1]

    def find_tables(self) -> list[Table]:
        """Ruled tables, found by pdfplumber's default ("lines") settings."""
        by_middle = sorted(
            (((c["top"] + c["bottom"]) / 2, i) for i, c in enumerate(self.chars)),
        )
        middles = [m for m, _ in by_middle]
        order = [i for _, i in by_middle]
        return [Table(t, self.chars, middles, order) for t in TableFinder(self).tables]

    def crop(self, bbox: tuple[float, float, float, float]) -> Page:
        """The part of the page in ``bbox``: characters overlapping it, cut to it."""
        return Page(crop_to_bbox(self.chars, bbox), [], bbox)

    def extract_text(self) -> str:
        """The text in reading lines, as pdfplumber's ``page.extract_text()``."""
        if not self.chars:
            return ""
        return chars_to_textmap(
            self.chars, layout_bbox=self.bbox, layout_width=self.width, layout_height=self.height
        ).as_string


@dataclass(frozen=True)
class Table:
    """pdfplumber's table, whose cells get the characters pdfplumber's ``extract`` gives
    them: those whose middle is inside, in page order. pdfplumber tests every character
    of the page for every row; here a row's are found by bisecting the characters sorted
    by their vertical middle, which is most of the reader's time saved on a long table."""

    found: PlumberTable
    chars: list[dict]
    middles: list[float]  # vertical middles of the characters, ascending
    order: list[int]  # the characters' indices in that order

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.found.bbox

    def extract(self) -> list[list[str | None]]:
        rows = []
        for row in self.found.rows:
            _, top, _, bottom = row.bbox
            span = self.order[bisect_left(self.middles, top) : bisect_left(self.middles, bottom)]
            row_chars = [self.chars[i] for i in sorted(span) if _inside(self.chars[i], row.bbox)]
            rows.append([_cell_text(cell, row_chars) for cell in row.cells])
        return rows


def _inside(char: dict, bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    middle_x, middle_y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return x0 <= middle_x < x1 and top <= middle_y < bottom


def _cell_text(cell: tuple[float, float, float, float] | None, chars: list[dict]) -> str | None:
    """A merged-over cell is None, an empty one "" (as pdfplumber's ``Table.extract``)."""
    if cell is None:
        return None
    inside = [c for c in chars if _inside(c, cell)]
    return extract_text(inside) if inside else ""


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _matrix(raw_object) -> Matrix:
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(raw_object, matrix):
        return _IDENTITY
    return (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)


def _paths(page: pdfium.PdfPage) -> Iterator[tuple[object, Matrix]]:
    """Every path object of the page with its matrix to page space, forms descended."""

    def walk(count, get, parent, outer: Matrix, depth: int) -> Iterator[tuple[object, Matrix]]:
        for index in range(count(parent)):
            raw = get(parent, index)
            kind = pdfium_c.FPDFPageObj_GetType(raw)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                yield raw, _multiply(_matrix(raw), outer)
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 15:
                inner = _multiply(_matrix(raw), outer)
                yield from walk(
                    pdfium_c.FPDFFormObj_CountObjects,
                    pdfium_c.FPDFFormObj_GetObject,
                    raw,
                    inner,
                    depth + 1,
                )

    yield from walk(
        pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, page.raw, _IDENTITY, 0
    )


def _subpaths(raw_path, matrix: Matrix) -> Iterator[list[tuple[float, float]]]:
    """The path's sub-paths as lists of end points in page space (closing point added)."""
    x, y = ctypes.c_float(), ctypes.c_float()
    a, b, c, d, e, f = matrix
    points: list[tuple[float, float]] = []
    bezier = 0
    for index in range(pdfium_c.FPDFPath_CountSegments(raw_path)):
        segment = pdfium_c.FPDFPath_GetPathSegment(raw_path, index)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            # A Bézier curve is three segments: two control points, then its end point.
            bezier = (bezier + 1) % 3
            if bezier:
                continue
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if len(points) > 1:
                yield points
            points = [point]
        else:
            points.append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment) and points:
            points.append(points[0])
    if len(points) > 1:
        yield points


def _edge(p0: tuple[float, float], p1: tuple[float, float], height: float, line: bool) -> dict:
    """One segment as pdfplumber's edge dict; a two-point path is a "line", as pdfminer's.

    (pdfplumber calls any line that is not horizontal vertical; a diagonal one then spans
    its box, as it does there.)
    """
    x0, x1 = sorted((p0[0], p1[0]))
    top, bottom = sorted((height - p0[1], height - p1[1]))
    if line:
        orientation = "h" if top == bottom else "v"
    else:
        orientation = "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None)
    return {
        "object_type": "line" if line else "curve_edge",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
    }


def _edges(page: pdfium.PdfPage, left: float, height: float) -> list[dict]:
    """Every straight segment of every path, as pdfplumber's edges (``height``: the
    media box's top, from which y is measured down)."""
    edges = []
    for raw, matrix in _paths(page):
        shifted = (*matrix[:4], matrix[4] - left, matrix[5])
        for points in _subpaths(raw, shifted):
            line = len(points) == 2
            edges.extend(_edge(p0, p1, height, line) for p0, p1 in itertools.pairwise(points))
    return edges


def _char_box(raw_textpage, index: int, loose: pdfium_c.FS_RECTF) -> tuple[float, ...] | None:
    """A character's box as pdfminer draws it: (left, bottom, right, top), y upwards.

    PDFium's loose box has pdfminer's left, right and bottom (origin plus the font's
    descent) but reaches up to the font's ascent; pdfminer's is exactly one font size
    tall, and line grouping depends on it. For vertical writing (CJK table labels set in
    a column) PDFium leaves the loose box unscaled; pdfminer's box there is a square of
    the font size around the origin, its top 0.12 of the size above it (the default
    vertical metrics, DW2 = [880 -1000]).
    """
    if not pdfium_c.FPDFText_GetLooseCharBox(raw_textpage, index, loose):
        return None
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFText_GetMatrix(raw_textpage, index, matrix):
        return (loose.left, loose.bottom, loose.right, loose.top)
    scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
    size = pdfium_c.FPDFText_GetFontSize(raw_textpage, index) * scale
    if size <= 0:
        return (loose.left, loose.bottom, loose.right, loose.top)
    if max(loose.right - loose.left, loose.top - loose.bottom) > 2 * size:
        # The matrix's translation is the character's origin on the page.
        bottom = matrix.f - 0.88 * size
        return (matrix.e - size / 2, bottom, matrix.e + size / 2, bottom + size)
    return (loose.left, loose.bottom, loose.right, loose.bottom + size)


def _chars(page: pdfium.PdfPage, left: float, height: float) -> list[dict]:
    """The characters the page draws, with their boxes as pdfminer's."""
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        loose = pdfium_c.FS_RECTF()
        chars = []
        for index in range(textpage.count_chars()):
            if pdfium_c.FPDFText_IsGenerated(raw, index) == 1:
                continue
            text = chr(pdfium_c.FPDFText_GetUnicode(raw, index))
            box = None if text in _CONTROL else _char_box(raw, index, loose)
            if box is None:
                continue
            x0, bottom, x1, top = box
            chars.append(
                {
                    "text": text,
                    "x0": x0 - left,
                    "x1": x1 - left,
                    "top": height - top,
                    "doctop": height - top,
                    "bottom": height - bottom,
                    "upright": abs(pdfium_c.FPDFText_GetCharAngle(raw, index)) < 1e-3,
                }
            )
        return chars
    finally:
        textpage.close()


class Encrypted(Exception):
    """The PDF needs a password."""


class Unsuitable(Exception):
    """PDFium cannot read this file as pdfminer would (damaged, or a rotated page)."""


def read_pages(data: bytes, check_count: Callable[[int], None]) -> list[Page]:
    """Every page of the PDF ``data``; ``check_count`` sees the page count first (and may
    refuse it by raising)."""
    with _LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            if error.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
                raise Encrypted from error
            raise Unsuitable from error
        try:
            check_count(len(pdf))
            pages = []
            for index in range(len(pdf)):
                page = pdf[index]
                try:
                    if page.get_rotation():
                        raise Unsuitable("rotated page")
                    pages.append(read_page(page))
                finally:
                    page.close()
            return pages
        except pdfium.PdfiumError as error:
            raise Unsuitable from error
        finally:
            pdf.close()


def read_page(page: pdfium.PdfPage) -> Page:
    """A PDFium page as characters and edges in pdfplumber's coordinates."""
    # PDFium does not inherit a MediaBox from the page tree; its bounding box does.
    left, bottom, right, top = page.get_mediabox(fallback_ok=False) or page.get_bbox()
    # PDF y is measured upwards from the media box's bottom, pdfplumber's down from its top.
    return Page(
        _chars(page, left, top), _edges(page, left, top), (0.0, 0.0, right - left, top - bottom)
    )
