"""Render an :class:`~gongkai.documents.model.OfficialDocument` as a GB/T 9704 PDF.

fpdf2 is used because it is pure Python: ``pip install`` is enough on a fresh machine
(WeasyPrint needs Pango and Cairo from the system) and it embeds TrueType subsets as
Identity-H CID fonts, which every reader and text extractor handles. The Noto CJK faces
are OpenType/CFF, which reportlab cannot embed at all and which fpdf2 embeds in a form
extractors misread, so :mod:`.embedding` converts the document's subset to TrueType
first. fpdf2's own text flow knows nothing of the 公文 grid or Chinese line-breaking
rules, so this module places every line itself: body text sits on the 22 × 28 grid
(lines 28.95 pt apart, characters 15.79 pt apart), lines are justified by character
spacing, and each character is drawn from a face that has it — a character no face has
is refused before drawing, never printed as a box.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from fpdf import FPDF
from fpdf.enums import TextMode

from gongkai.documents.embedding import embeddable_font
from gongkai.documents.fonts import HEADING_ROLES, FontFace, FontRole, FontSet, default_fonts
from gongkai.documents.linebreak import break_lines, title_lines
from gongkai.documents.model import Block, Cell, Heading, OfficialDocument, Paragraph, Table
from gongkai.documents.standard import (
    BLACK,
    BODY_INDENT_CHARS,
    BODY_SIZE_PT,
    CHAR_PITCH_PT,
    COPY_NOTE_SIZE_PT,
    DRAFT_MARK_GAP_MM,
    DRAFT_MARK_SIZE_PT,
    HEADER_RULE_GAP_MM,
    ISSUER_HEADER_OFFSET_MM,
    LINE_PITCH_PT,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    MM,
    PAGE_NUMBER_GAP_MM,
    PAGE_NUMBER_SIDE_CHARS,
    PAGE_NUMBER_SIZE_PT,
    RED,
    TABLE_CAPTION_SIZE_PT,
    TABLE_SIZE_PT,
    TEXT_HEIGHT_MM,
    TEXT_WIDTH_MM,
    THICK_RULE_MM,
    TITLE_SIZE_PT,
    format_document_date,
    header_size,
    page_number_text,
    signoff_right_gaps,
    with_prefix,
)
from gongkai.documents.tablegrid import PlacedCell, TableGrid, column_fractions, resolve

Measure = Callable[[str], float]

LEFT = MARGIN_LEFT_MM * MM
TOP = MARGIN_TOP_MM * MM
WIDTH = TEXT_WIDTH_MM * MM
HEIGHT = TEXT_HEIGHT_MM * MM
BOTTOM = TOP + HEIGHT
SLOTS_PER_PAGE = int((HEIGHT + 0.5) // LINE_PITCH_PT)  # 22
# The signature and the date: the grid lines that must follow the last text on its page.
SIGNOFF_SLOTS = 2

# Character spacing that puts 16 pt glyphs on the 15.79 pt grid (negative: a hair tighter).
BODY_TRACKING = round(CHAR_PITCH_PT - BODY_SIZE_PT, 2)
# Justifying a line by more than this per character would look gappy; leave it ragged.
MAX_JUSTIFY_EM = 0.5
# Emboldening by stroking the outline, as Word and WPS do for faces without a bold.
SYNTHETIC_BOLD_EM = 0.028
HEADER_RULE_PT = 1.0

TABLE_LINE_HEIGHT = TABLE_SIZE_PT * 1.4
TABLE_PAD_X = 4.0
TABLE_PAD_Y = 4.0
TABLE_BORDER_PT = 0.5
TABLE_GAP_AFTER = 6.0


def render_pdf(doc: OfficialDocument, fonts: FontSet | None = None) -> bytes:
    """The document as PDF bytes, with subset Chinese fonts embedded.

    ``fonts`` defaults to the best faces on this machine (see :mod:`.fonts`); raises
    :class:`~gongkai.documents.fonts.FontUnavailableError` when there are none, and
    :class:`~gongkai.documents.fonts.MissingGlyphError` for characters no face has.
    """
    fonts = fonts if fonts is not None else default_fonts()
    characters = set("".join(_all_text(doc)))
    fonts.check_coverage(characters)
    with tempfile.TemporaryDirectory(prefix="gongkai-fonts-") as scratch:
        return _Renderer(doc, fonts, characters, Path(scratch)).render()


def _all_text(doc: OfficialDocument) -> Iterator[str]:
    yield doc.title
    yield doc.signature
    if doc.date is not None:
        yield format_document_date(doc.date)
    if doc.draft_mark:
        yield doc.draft_mark
    yield page_number_text(1234567890)
    for optional in (
        doc.number,
        doc.addressee,
        doc.issuer_header,
        doc.attachments_note,
        doc.copy_note,
    ):
        if optional:
            yield optional
    yield "附件：抄送"
    for block in doc.blocks:
        if isinstance(block, Table):
            yield block.caption or ""
            for row in block.rows:
                for cell in row:
                    yield cell.text
        else:
            yield block.text


class _Canvas(FPDF):
    """An A4 FPDF in points whose footer is the standard's page number."""

    def __init__(self, renderer: _Renderer) -> None:
        super().__init__(orientation="portrait", unit="pt", format="A4")
        self._renderer = renderer

    def header(self) -> None:
        self._renderer.draw_draft_mark()

    def footer(self) -> None:
        self._renderer.draw_page_number(self.page_no())


class _Renderer:
    def __init__(
        self, doc: OfficialDocument, fonts: FontSet, characters: set[str], scratch: Path
    ) -> None:
        self.doc = doc
        self.fonts = fonts
        self.characters = characters  # every character the document can draw
        self.scratch = scratch  # font files for fpdf2, which reads them until output()
        self.pdf = _Canvas(self)
        self.pdf.set_margins(LEFT, TOP, MARGIN_RIGHT_MM * MM)
        self.pdf.set_auto_page_break(False)
        self.pdf.set_title(doc.title)
        self.pdf.set_author(doc.signature)
        self.pdf.set_subject(doc.number or doc.title)
        self.pdf.set_creator("gongkai")
        self.pdf.set_lang("zh-CN")
        self._registered: set[str] = set()
        self.y = 0.0  # used height of the current page's text block

    # --- document structure -------------------------------------------------------

    def render(self) -> bytes:
        doc = self.doc
        self.new_page()
        if doc.issuer_header:
            self.issuer_header(doc.issuer_header, doc.number)
        self.title(doc.title)
        if doc.number and not doc.issuer_header:
            self.aligned_line(doc.number, FontRole.FANGSONG, "right")
        self.blank_line()
        if doc.addressee:
            self.flow(doc.addressee, FontRole.FANGSONG, indent=0.0)
        final = len(doc.blocks) - 1 if not doc.attachments_note else -1
        for i, block in enumerate(doc.blocks):
            if isinstance(block, Heading):
                self.keep_with_next(doc.blocks, i)
            if isinstance(block, Paragraph):
                indent = BODY_INDENT_CHARS * CHAR_PITCH_PT if block.indent else 0.0
                reserve = SIGNOFF_SLOTS if i == final else 0
                self.flow(
                    block.text, FontRole.FANGSONG, indent=indent, bold=block.bold, reserve=reserve
                )
            elif isinstance(block, Heading):
                role = HEADING_ROLES[block.level]
                self.flow(block.text, role, indent=BODY_INDENT_CHARS * CHAR_PITCH_PT)
            else:
                self.table(block)
        if doc.attachments_note:
            self.blank_line()
            self.attachments(doc.attachments_note)
        date = format_document_date(doc.date) if doc.date is not None else None
        self.signoff(doc.signature, date)
        if doc.copy_note:
            self.copy_note(doc.copy_note)
        return bytes(self.pdf.output())

    def issuer_header(self, header: str, number: str | None) -> None:
        """版头: red agency mark, the document number two lines under it, the red rule."""
        role = self.fonts[FontRole.TITLE]
        size = header_size(header, WIDTH)
        top = TOP + ISSUER_HEADER_OFFSET_MM * MM
        width = self.measure(header, FontRole.TITLE, size)
        baseline = top + role.face.ascender * size
        self.draw(LEFT + (WIDTH - width) / 2, baseline, header, FontRole.TITLE, size, color=RED)
        self.y = top + size - TOP
        self.blank_line(2)
        if number:
            self.aligned_line(number, FontRole.FANGSONG, "center")
            face = self.fonts[FontRole.FANGSONG].face
            slot_top = TOP + self.y - LINE_PITCH_PT
            text_bottom = self.baseline(slot_top, face, BODY_SIZE_PT) + 0.12 * BODY_SIZE_PT
            rule_y = text_bottom + HEADER_RULE_GAP_MM * MM
        else:
            rule_y = TOP + self.y
        self.pdf.set_draw_color(*RED)
        self.pdf.set_line_width(HEADER_RULE_PT)
        self.pdf.line(LEFT, rule_y, LEFT + WIDTH, rule_y)
        self.y = rule_y - TOP
        self.blank_line(2)

    def title(self, title: str) -> None:
        """Centred title; a long one is broken into lines of similar length."""
        measure = self.measurer(FontRole.TITLE, TITLE_SIZE_PT)
        for line in title_lines(title, measure, WIDTH):
            slot = self.next_slot()
            x = LEFT + (WIDTH - measure(line)) / 2
            self.draw_in_slot(x, slot, line, FontRole.TITLE, TITLE_SIZE_PT)

    def flow(
        self,
        text: str,
        role: FontRole,
        indent: float,
        hang: float = 0.0,
        bold: bool = False,
        reserve: int = 0,
    ) -> None:
        """A justified paragraph on the body grid: first line at ``indent``, others at ``hang``.

        ``reserve`` grid lines must follow the paragraph on its page (the signature and
        date): when they would not, its last lines move to the next page with them, so the
        signature never stands alone on a page (7.3.5). Two lines move (one line left
        behind alone is a widow) unless the paragraph is shorter.
        """
        lines = self.body_lines(text, role, indent, hang)
        carried = min(len(lines), 2)
        for i, line in enumerate(lines):
            if reserve and i == len(lines) - carried:
                fits = self.free_slots() >= carried + reserve
                if not fits and carried + reserve <= SLOTS_PER_PAGE:
                    self.new_page()
            x = indent if i == 0 else hang
            last = i == len(lines) - 1
            tracking = BODY_TRACKING if last else self.justified(line, role, WIDTH - x)
            slot = self.next_slot()
            self.draw_in_slot(LEFT + x, slot, line, role, BODY_SIZE_PT, tracking, bold=bold)

    def body_lines(self, text: str, role: FontRole, indent: float, hang: float) -> list[str]:
        """Body text broken into grid lines.

        Lines are filled by character pitch (advance plus tracking, 15.79 pt), which is how
        the standard counts 28 characters to the line; justification then pulls the last
        glyph's edge back inside the margin.
        """

        def pitch(line: str) -> float:
            return self.measure(line, role, BODY_SIZE_PT, BODY_TRACKING) + BODY_TRACKING

        return break_lines(text, pitch, WIDTH - indent, WIDTH - hang)

    def keep_with_next(self, blocks: Sequence[Block], start: int) -> None:
        """Move a heading (and headings right after it) to a new page rather than leave
        it at the foot of a page without a line of the text it introduces."""
        needed = 1  # the first line of what follows
        for block in blocks[start:]:
            if not isinstance(block, Heading):
                break
            indent = BODY_INDENT_CHARS * CHAR_PITCH_PT
            needed += len(self.body_lines(block.text, HEADING_ROLES[block.level], indent, 0.0))
        if needed <= SLOTS_PER_PAGE and self.free_slots() < needed:
            self.new_page()

    def attachments(self, note: str) -> None:
        """附件说明 (7.3.4): lines after the first align with the text after 附件：."""
        indent = BODY_INDENT_CHARS * CHAR_PITCH_PT
        label = "附件："
        hang = indent + self.measure(label, FontRole.FANGSONG, BODY_SIZE_PT, BODY_TRACKING)
        hang += BODY_TRACKING
        items = [item.strip() for item in with_prefix(note, label).splitlines() if item.strip()]
        for n, item in enumerate(items):
            reserve = SIGNOFF_SLOTS if n == len(items) - 1 else 0
            self.flow(item, FontRole.FANGSONG, indent if n == 0 else hang, hang, reserve=reserve)

    def aligned_line(self, text: str, role: FontRole, align: Literal["center", "right"]) -> None:
        """One body-size line, centred or flush right (发文字号)."""
        width = self.measure(text, role, BODY_SIZE_PT, BODY_TRACKING)
        x = LEFT + (WIDTH - width) / 2 if align == "center" else LEFT + WIDTH - width
        self.draw_in_slot(x, self.next_slot(), text, role, BODY_SIZE_PT, BODY_TRACKING)

    def signoff(self, signature: str, date: str | None) -> None:
        """发文机关署名 and 成文日期 without a seal (7.3.5.2), kept together on one page.

        A draft has no date: its signature stands alone where it would stand.
        """
        measure = self.measurer(FontRole.FANGSONG, BODY_SIZE_PT, BODY_TRACKING)
        sig_gap, date_gap = signoff_right_gaps(
            measure(signature), measure(date or ""), CHAR_PITCH_PT
        )
        lines = [(signature, sig_gap)] + ([(date, date_gap)] if date else [])
        free = self.free_slots()
        if free >= 3:
            self.blank_line()
        elif free < 2:
            self.new_page()
        # With exactly two lines left the blank line gives way: the standard would rather
        # tighten the page than leave the signature alone on the next one (7.3.5).
        for text, gap in lines:
            x = LEFT + WIDTH - gap - measure(text)
            slot = self.next_slot()
            self.draw_in_slot(x, slot, text, FontRole.FANGSONG, BODY_SIZE_PT, BODY_TRACKING)

    def copy_note(self, note: str) -> None:
        """版记: 抄送 between thick rules, the last rule on the bottom of the text block."""
        size = COPY_NOTE_SIZE_PT
        measure = self.measurer(FontRole.FANGSONG, size)
        text = with_prefix(note, "抄送：")
        if not text.endswith("。"):
            text += "。"
        label_width = measure("抄送：")
        room = WIDTH - 2 * size
        first = break_lines(text, measure, room, room - label_width)
        block_height = len(first) * LINE_PITCH_PT
        if TOP + self.y > BOTTOM - block_height:
            self.new_page()
        top = BOTTOM - block_height
        rule = THICK_RULE_MM * MM
        self.pdf.set_draw_color(*BLACK)
        self.pdf.set_line_width(rule)
        self.pdf.line(LEFT, top + rule / 2, LEFT + WIDTH, top + rule / 2)
        self.pdf.line(LEFT, BOTTOM - rule / 2, LEFT + WIDTH, BOTTOM - rule / 2)
        for i, line in enumerate(first):
            x = LEFT + size + (label_width if i else 0.0)
            self.draw_in_slot(x, top + i * LINE_PITCH_PT, line, FontRole.FANGSONG, size)
        self.y = HEIGHT

    def draw_draft_mark(self) -> None:
        """A draft's mark, red 黑体 flush right in the top margin of every page."""
        mark = self.doc.draft_mark
        if not mark:
            return
        size = DRAFT_MARK_SIZE_PT
        width = self.measure(mark, FontRole.HEI, size)
        baseline = TOP - DRAFT_MARK_GAP_MM * MM
        self.draw(LEFT + WIDTH - width, baseline, mark, FontRole.HEI, size, color=RED)

    def draw_page_number(self, page: int) -> None:
        """— n — in 4号 宋体, odd pages at the right, even pages at the left (7.5)."""
        text = page_number_text(page)
        size = PAGE_NUMBER_SIZE_PT
        face = self.fonts[FontRole.SONG].face
        width = self.measure(text, FontRole.SONG, size)
        side = PAGE_NUMBER_SIDE_CHARS * size
        x = LEFT + WIDTH - side - width if page % 2 else LEFT + side
        baseline = BOTTOM + PAGE_NUMBER_GAP_MM * MM + face.ascender * size
        self.draw(x, baseline, text, FontRole.SONG, size)

    # --- tables -------------------------------------------------------------------

    def table(self, table: Table) -> None:
        """A bordered grid whose header rows repeat on every page it reaches.

        Rows tied together by a rowspan move to the next page as a whole; only a group
        taller than a page is broken, between rows, with the spanning cell continued
        (and its text repeated) on the next page. A single row is never split.
        """
        layout = self.table_layout(table)
        header_h = layout.height(layout.header)
        groups = layout.grid.row_groups()
        if layout.header:
            groups.pop(0)
        # Keep the caption and header with the first body rows: the whole first group
        # when rows tied by a rowspan would move on together (a header left alone at the
        # foot of a page), else its first row.
        first = 0.0
        if groups:
            first = layout.height(groups[0])
            if header_h + first > HEIGHT:
                first = layout.height(range(groups[0].start, groups[0].start + 1))
        caption_lines = 0
        if table.caption:
            measure = self.measurer(FontRole.HEI, TABLE_CAPTION_SIZE_PT)
            caption_lines = len(break_lines(table.caption, measure, WIDTH))
        start = self.slot_top_offset() + caption_lines * LINE_PITCH_PT if table.caption else self.y
        if start + header_h + first > HEIGHT:
            self.new_page()
        if table.caption:
            measure = self.measurer(FontRole.HEI, TABLE_CAPTION_SIZE_PT)
            for line in break_lines(table.caption, measure, WIDTH):
                slot = self.next_slot()
                x = LEFT + (WIDTH - measure(line)) / 2
                self.draw_in_slot(x, slot, line, FontRole.HEI, TABLE_CAPTION_SIZE_PT)
        y = TOP + self.y
        y = self.draw_rows(layout, layout.header, y)
        for group in groups:
            fits_here = y + layout.height(group) <= BOTTOM + 0.01
            if not fits_here and header_h + layout.height(group) <= HEIGHT:
                y = self.continue_table(layout)
            row = group.start
            while row < group.stop:
                end = row
                while end < group.stop and y + layout.height(range(row, end + 1)) <= BOTTOM:
                    end += 1
                if end == row:
                    if y <= TOP + header_h + 0.01:
                        raise ValueError(f"表格第{row + 1}行内容过多，一页放不下")
                    y = self.continue_table(layout)
                    continue
                y = self.draw_rows(layout, range(row, end), y)
                row = end
        self.y = y - TOP + TABLE_GAP_AFTER

    def table_layout(self, table: Table) -> _TableLayout:
        """Column edges, each cell's wrapped lines and the row heights that fit them."""
        grid = resolve(table)
        col_x = [LEFT]
        for fraction in column_fractions(table, grid.n_cols):
            col_x.append(col_x[-1] + fraction * WIDTH)
        measure = self.measurer(FontRole.SONG, TABLE_SIZE_PT)
        lines: dict[PlacedCell, list[str]] = {}
        for placed in grid.cells:
            room = col_x[placed.last_col + 1] - col_x[placed.col] - 2 * TABLE_PAD_X
            text = placed.cell.text.strip()
            lines[placed] = break_lines(text, measure, room) if text else []
        heights = _row_heights(grid, {placed: len(ls) for placed, ls in lines.items()})
        return _TableLayout(grid, col_x, heights, lines, range(grid.header_rows))

    def continue_table(self, layout: _TableLayout) -> float:
        """Start a new page and repeat the header rows; returns where the body resumes."""
        self.new_page()
        return self.draw_rows(layout, layout.header, TOP)

    def draw_rows(self, layout: _TableLayout, rows: range, y: float) -> float:
        """Draw the part of every cell that lies in ``rows``; returns the bottom edge."""
        self.pdf.set_draw_color(*BLACK)
        self.pdf.set_line_width(TABLE_BORDER_PT)
        for placed in layout.grid.cells:
            first = max(placed.row, rows.start)
            last = min(placed.last_row, rows.stop - 1)
            if first > last:
                continue
            x = layout.col_x[placed.col]
            w = layout.col_x[placed.last_col + 1] - x
            top = y + layout.height(range(rows.start, first))
            h = layout.height(range(first, last + 1))
            self.pdf.rect(x, top, w, h)
            self.cell_text(placed.cell, layout.portion(placed, h), x, top, w, h)
        return y + layout.height(rows)

    def cell_text(
        self, cell: Cell, lines: list[str], x: float, y: float, w: float, h: float
    ) -> None:
        face = self.fonts[FontRole.SONG].face
        text_top = y + (h - len(lines) * TABLE_LINE_HEIGHT) / 2
        for i, line in enumerate(lines):
            width = self.measure(line, FontRole.SONG, TABLE_SIZE_PT)
            if cell.align == "left":
                lx = x + TABLE_PAD_X
            elif cell.align == "right":
                lx = x + w - TABLE_PAD_X - width
            else:
                lx = x + (w - width) / 2
            slot_top = text_top + i * TABLE_LINE_HEIGHT
            baseline = slot_top + (TABLE_LINE_HEIGHT - TABLE_SIZE_PT) / 2
            baseline += face.ascender * TABLE_SIZE_PT
            self.draw(lx, baseline, line, FontRole.SONG, TABLE_SIZE_PT, bold=cell.bold)

    # --- the grid -----------------------------------------------------------------

    def new_page(self) -> None:
        self.pdf.add_page()
        self.y = 0.0

    def slot_top_offset(self) -> float:
        """Top of the next free grid line, relative to the text block."""
        return math.ceil(self.y / LINE_PITCH_PT - 1e-6) * LINE_PITCH_PT

    def free_slots(self) -> int:
        return SLOTS_PER_PAGE - round(self.slot_top_offset() / LINE_PITCH_PT)

    def next_slot(self) -> float:
        """Top of the next grid line (absolute), starting a new page when this one is full."""
        if self.free_slots() < 1:
            self.new_page()
        top = self.slot_top_offset()
        self.y = top + LINE_PITCH_PT
        return TOP + top

    def blank_line(self, count: int = 1) -> None:
        """Empty grid lines, which are not carried over to the top of a new page."""
        for _ in range(count):
            if self.free_slots() < 1:
                return
            self.next_slot()

    # --- drawing ------------------------------------------------------------------

    def measurer(self, role: FontRole, size: float, tracking: float = 0.0) -> Measure:
        def measure(text: str) -> float:
            return self.measure(text, role, size, tracking)

        return measure

    def measure(self, text: str, role: FontRole, size: float, tracking: float = 0.0) -> float:
        """Set width of ``text``: advances plus tracking between (not after) characters."""
        total = 0.0
        for ch in text:
            face = self.fonts.face_for(role, ch)
            total += face.advance(ch) * size if face else 0.0
        return total + max(len(text) - 1, 0) * tracking

    def justified(self, line: str, role: FontRole, room: float) -> float:
        """Character spacing that makes ``line`` fill ``room`` exactly."""
        if len(line) < 2:
            return BODY_TRACKING
        natural = self.measure(line, role, BODY_SIZE_PT)
        tracking = (room - natural) / (len(line) - 1)
        if tracking > MAX_JUSTIFY_EM * BODY_SIZE_PT:
            return BODY_TRACKING
        return math.floor(tracking * 100) / 100  # fpdf2 writes two decimals; never overflow

    def baseline(self, slot_top: float, face: FontFace, size: float) -> float:
        """Baseline that centres the em box of a ``size`` font in a grid line."""
        return slot_top + (LINE_PITCH_PT - size) / 2 + face.ascender * size

    def draw_in_slot(
        self,
        x: float,
        slot_top: float,
        text: str,
        role: FontRole,
        size: float,
        tracking: float = 0.0,
        bold: bool = False,
    ) -> None:
        baseline = self.baseline(slot_top, self.fonts[role].face, size)
        self.draw(x, baseline, text, role, size, tracking, bold)

    def draw(
        self,
        x: float,
        baseline: float,
        text: str,
        role: FontRole,
        size: float,
        tracking: float = 0.0,
        bold: bool = False,
        color: tuple[int, int, int] = BLACK,
    ) -> None:
        """Draw ``text`` in runs, each from a face that has its characters.

        Inside a saved graphics state, because stroking (synthetic bold) and character
        spacing are graphics-state settings that would otherwise leak into later text.
        """
        pdf = self.pdf
        style: dict[str, object] = {"text_color": color}
        if bold or self.fonts[role].synthetic_bold:
            style.update(
                text_mode=TextMode.FILL_STROKE,
                draw_color=color,
                line_width=SYNTHETIC_BOLD_EM * size,
            )
        with pdf.local_context(**style):
            pdf.set_char_spacing(tracking)
            for face, run in self.runs(text, role):
                self.use_face(face, size)
                pdf.text(x, baseline, run)
                x += sum(face.advance(ch) for ch in run) * size + len(run) * tracking

    def runs(self, text: str, role: FontRole) -> Iterator[tuple[FontFace, str]]:
        current: FontFace | None = None
        start = 0
        for i, ch in enumerate(text):
            face = self.fonts.face_for(role, ch) or self.fonts[role].face
            if face != current:
                if current is not None and i > start:
                    yield current, text[start:i]
                current, start = face, i
        if current is not None:
            yield current, text[start:]

    def use_face(self, face: FontFace, size: float) -> None:
        if face.key not in self._registered:
            used = {ch for ch in self.characters if face.covers(ch)}
            self.pdf.add_font(face.key, fname=embeddable_font(face, used, self.scratch))
            self._registered.add(face.key)
        self.pdf.set_font(face.key, size=size)


@dataclass
class _TableLayout:
    grid: TableGrid
    col_x: list[float]  # left edges of the columns, then the right edge of the table
    heights: list[float]
    lines: dict[PlacedCell, list[str]]
    header: range
    shown: dict[PlacedCell, int] = field(default_factory=dict)

    def height(self, rows: range) -> float:
        return sum(self.heights[r] for r in rows)

    def portion(self, placed: PlacedCell, height: float) -> list[str]:
        """The lines of a cell to draw in a part of it ``height`` tall.

        A cell split by a page break repeats its text where it fits (a reader of the
        second page still sees the row label); where it does not, its lines continue
        from the previous part, so no text is lost.
        """
        lines = self.lines[placed]
        room = max(int((height - 2 * TABLE_PAD_Y + 0.01) // TABLE_LINE_HEIGHT), 1)
        if room >= len(lines):
            return lines
        start = self.shown.get(placed, 0)
        self.shown[placed] = start + room
        return lines[start : start + room]


def _row_heights(grid: TableGrid, line_counts: dict[PlacedCell, int]) -> list[float]:
    """Row heights that fit every cell; a spanning cell's extra need is shared out evenly."""

    def need(placed: PlacedCell) -> float:
        return max(line_counts[placed], 1) * TABLE_LINE_HEIGHT + 2 * TABLE_PAD_Y

    heights = [TABLE_LINE_HEIGHT + 2 * TABLE_PAD_Y] * grid.n_rows
    for placed in grid.cells:
        if placed.cell.rowspan == 1:
            heights[placed.row] = max(heights[placed.row], need(placed))
    for placed in sorted(grid.cells, key=lambda p: p.cell.rowspan):
        if placed.cell.rowspan > 1:
            rows = range(placed.row, placed.last_row + 1)
            short = need(placed) - sum(heights[r] for r in rows)
            if short > 0:
                for r in rows:
                    heights[r] += short / len(rows)
    return heights
