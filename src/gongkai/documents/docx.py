"""Render an :class:`~gongkai.documents.model.OfficialDocument` as an editable DOCX.

Officers open the DOCX in Word or WPS to adjust wording, add a seal and print, so it
must already be laid out like a 公文 on their machine: A4 with the standard margins,
a document grid of 22 lines × 28 characters, exact 28.95 pt line spacing, and the
fonts by the names those machines have (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312).
DOCX names fonts instead of embedding them, and Chinese text is drawn with the
w:eastAsia font, which python-docx does not set by itself — every run sets it here.
Line breaking and justification are left to Word, which does them by the same rules.
"""

from __future__ import annotations

import datetime
import io
import math

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from gongkai.documents.fonts import DOCX_FONT_NAMES, HEADING_ROLES, FontRole
from gongkai.documents.linebreak import title_lines
from gongkai.documents.model import Heading, OfficialDocument, Paragraph, Table
from gongkai.documents.standard import (
    BODY_INDENT_CHARS,
    BODY_SIZE_PT,
    CHAR_PITCH_PT,
    COPY_NOTE_SIZE_PT,
    DRAFT_MARK_SIZE_PT,
    HEADER_RULE_GAP_MM,
    ISSUER_HEADER_OFFSET_MM,
    LINE_PITCH_PT,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    MM,
    PAGE_HEIGHT_MM,
    PAGE_NUMBER_GAP_MM,
    PAGE_NUMBER_SIDE_CHARS,
    PAGE_NUMBER_SIZE_PT,
    PAGE_WIDTH_MM,
    RED,
    TABLE_CAPTION_SIZE_PT,
    TABLE_SIZE_PT,
    TEXT_WIDTH_MM,
    THICK_RULE_MM,
    TITLE_SIZE_PT,
    format_document_date,
    grid_width,
    header_size,
    signoff_right_gaps,
    with_prefix,
)
from gongkai.documents.tablegrid import column_fractions, resolve

Align = WD_ALIGN_PARAGRAPH
TABLE_BORDER_EIGHTHS = 4  # w:sz is in eighths of a point: 0.5 pt
# A single-spaced 4号 line is about 1.3 em tall; the footer's bottom sits that far under
# the page number's top, which the standard puts 7 mm under the text block.
FOOTER_LINE_PT = PAGE_NUMBER_SIZE_PT * 1.3
# Character spacing (twentieths of a point) that fits 28 body characters in 156 mm:
# 16 pt glyphs at a 15.79 pt pitch need -0.21 pt, rounded down to -0.25 pt so that
# Word's twip-rounded text width still holds all 28.
BODY_SPACING_TWIPS = math.floor((CHAR_PITCH_PT - BODY_SIZE_PT) * 20)


def render_docx(doc: OfficialDocument) -> bytes:
    """The document as DOCX bytes, laid out per GB/T 9704-2012."""
    out = Document()
    _setup_page(out)
    _setup_styles(out)
    _setup_metadata(out, doc)
    _page_numbers(out)
    if doc.draft_mark:
        _draft_mark(out, doc.draft_mark)
    _Writer(out).write(doc)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


class _Writer:
    def __init__(self, out: DocxDocument) -> None:
        self.out = out

    def write(self, doc: OfficialDocument) -> None:
        if doc.issuer_header:
            self.issuer_header(doc.issuer_header, doc.number)
        # Word would break a long title wherever the line ends (「2025年/度」): the lines
        # are decided here, as for the PDF, and set with explicit breaks.
        lines = title_lines(doc.title, _title_measure, TEXT_WIDTH_MM * MM)
        title = self.paragraph("\n".join(lines), FontRole.TITLE, TITLE_SIZE_PT, align=Align.CENTER)
        title.paragraph_format.keep_with_next = True
        _no_grid_snap(title)  # a 2号 line must not grow to two grid lines
        if doc.number and not doc.issuer_header:
            self.paragraph(doc.number, FontRole.FANGSONG, align=Align.RIGHT)
        self.blank()
        if doc.addressee:
            self.paragraph(doc.addressee, FontRole.FANGSONG)
        last = None
        for block in doc.blocks:
            if isinstance(block, Paragraph):
                indent = BODY_INDENT_CHARS if block.indent else 0
                last = self.paragraph(
                    block.text, FontRole.FANGSONG, first_line=indent, bold=block.bold
                )
            elif isinstance(block, Heading):
                p = self.paragraph(
                    block.text, HEADING_ROLES[block.level], first_line=BODY_INDENT_CHARS
                )
                p.paragraph_format.keep_with_next = True
                _outline_level(p, block.level - 1)
            else:
                self.table(block)
                last = None
        if doc.attachments_note:
            self.blank()
            last = self.attachments(doc.attachments_note)
        if last is not None:
            # The signature never stands alone on a page: the text before it comes along.
            last.paragraph_format.keep_with_next = True
        date = format_document_date(doc.date) if doc.date is not None else None
        self.signoff(doc.signature, date)
        if doc.copy_note:
            self.copy_note(doc.copy_note)

    # --- elements -----------------------------------------------------------------

    def issuer_header(self, header: str, number: str | None) -> None:
        """版头: red agency mark 35 mm into the text block, the number, the red rule."""
        size = header_size(header, TEXT_WIDTH_MM * MM)
        p = self.paragraph(header, FontRole.TITLE, size, align=Align.CENTER, color=RED)
        fmt = p.paragraph_format
        fmt.space_before = Mm(ISSUER_HEADER_OFFSET_MM)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        _no_grid_snap(p)
        self.blank()
        self.blank()
        rule_holder = (
            self.paragraph(number, FontRole.FANGSONG, align=Align.CENTER)
            if number
            else self.blank()
        )
        _border(rule_holder, "bottom", eighths=8, color=RED, space_pt=HEADER_RULE_GAP_MM * MM)
        self.blank()
        self.blank()

    def attachments(self, note: str) -> DocxParagraph | None:
        """附件说明: later lines align with the text after 附件： (hanging indent).

        Returns the last paragraph written, which the signature keeps with it.
        """
        label_chars = grid_width("附件：")
        hang = BODY_INDENT_CHARS + label_chars
        p = None
        for n, item in enumerate(with_prefix(note, "附件：").splitlines()):
            if not item.strip():
                continue
            p = self.paragraph(item.strip(), FontRole.FANGSONG)
            if n == 0:
                _indent(p, left=hang, hanging=label_chars)
            else:
                _indent(p, left=hang)
        return p

    def signoff(self, signature: str, date: str | None) -> None:
        """发文机关署名 and 成文日期 without a seal (7.3.5.2); a draft's signature stands alone."""
        sig_gap, date_gap = signoff_right_gaps(grid_width(signature), grid_width(date or ""))
        self.blank().paragraph_format.keep_with_next = True
        sig = self.paragraph(signature, FontRole.FANGSONG, align=Align.RIGHT)
        _indent(sig, right=sig_gap)
        if date is None:
            return
        sig.paragraph_format.keep_with_next = True
        dated = self.paragraph(date, FontRole.FANGSONG, align=Align.RIGHT)
        _indent(dated, right=date_gap)

    def copy_note(self, note: str) -> None:
        """版记: 抄送 between thick rules, framed at the bottom of the last page's text block."""
        text = with_prefix(note, "抄送：")
        if not text.endswith("。"):
            text += "。"
        p = self.paragraph(text, FontRole.FANGSONG, COPY_NOTE_SIZE_PT)
        label = grid_width("抄送：") * COPY_NOTE_SIZE_PT
        fmt = p.paragraph_format
        fmt.left_indent = Pt(COPY_NOTE_SIZE_PT + label)
        fmt.first_line_indent = Pt(-label)
        fmt.right_indent = Pt(COPY_NOTE_SIZE_PT)
        eighths = round(THICK_RULE_MM * MM * 8)
        _border(p, "top", eighths=eighths, space_pt=4)
        _border(p, "bottom", eighths=eighths, space_pt=4)
        _bottom_frame(p)

    def table(self, table: Table) -> None:
        """A bordered grid with merged cells; header rows repeat, rows never split."""
        grid = resolve(table)
        if table.caption:
            cap = self.paragraph(
                table.caption, FontRole.HEI, TABLE_CAPTION_SIZE_PT, align=Align.CENTER
            )
            cap.paragraph_format.keep_with_next = True
        t = self.out.add_table(rows=grid.n_rows, cols=grid.n_cols)
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        total = Mm(TEXT_WIDTH_MM)
        widths = [int(total * f) for f in column_fractions(table, grid.n_cols)]
        _table_layout(t, widths)
        for r, row in enumerate(t.rows):
            _row_flags(row._tr, header=r < grid.header_rows)
        for placed in grid.cells:
            cell = t.cell(placed.row, placed.col)
            if placed.cell.rowspan > 1 or placed.cell.colspan > 1:
                cell = cell.merge(t.cell(placed.last_row, placed.last_col))
            for extra in cell.paragraphs[1:]:
                extra._p.getparent().remove(extra._p)
            p = cell.paragraphs[0]
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            align = {"left": Align.LEFT, "center": Align.CENTER, "right": Align.RIGHT}
            p.alignment = align[placed.cell.align]
            _cell_spacing(p)
            run = p.add_run(placed.cell.text)
            _font(run, FontRole.SONG, TABLE_SIZE_PT, bold=placed.cell.bold)

    # --- paragraphs ---------------------------------------------------------------

    def paragraph(
        self,
        text: str,
        role: FontRole,
        size: float = BODY_SIZE_PT,
        align: WD_ALIGN_PARAGRAPH = Align.JUSTIFY,
        first_line: float = 0,
        bold: bool = False,
        color: tuple[int, int, int] | None = None,
    ) -> DocxParagraph:
        p = self.out.add_paragraph()
        p.alignment = align
        _exact_spacing(p)
        if first_line:
            _indent(p, first_line=first_line)
        run = p.add_run(text)
        _font(run, role, size, bold=bold, color=color)
        return p

    def blank(self) -> DocxParagraph:
        """An empty body line: the standard's 空一行."""
        p = self.out.add_paragraph()
        _exact_spacing(p)
        return p


def _title_measure(text: str) -> float:
    """A title's width in points as Word sets it: full-width characters at 2号 size."""
    return grid_width(text) * TITLE_SIZE_PT


# --- page, styles, metadata ---------------------------------------------------------


def _setup_page(out: DocxDocument) -> None:
    section = out.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width = Mm(PAGE_WIDTH_MM)
    section.page_height = Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGIN_TOP_MM)
    section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
    section.left_margin = Mm(MARGIN_LEFT_MM)
    section.right_margin = Mm(MARGIN_RIGHT_MM)
    section.header_distance = Mm(15)
    footer_mm = MARGIN_BOTTOM_MM - PAGE_NUMBER_GAP_MM - FOOTER_LINE_PT / MM
    section.footer_distance = Mm(footer_mm)
    # The 22-line grid: Word and WPS space lines by linePitch (twentieths of a point).
    # The 28-character line comes from condensed character spacing (BODY_SPACING_TWIPS)
    # rather than a character grid (type="linesAndChars"): LibreOffice gives each 16 pt
    # character two 15.79 pt grid cells, halving the line, while spacing works everywhere.
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH_PT * 20)))
    grid.attrib.pop(qn("w:charSpace"), None)


def _setup_styles(out: DocxDocument) -> None:
    """Normal is body text (仿宋_GB2312 3号, exact 28.95 pt), with no theme fonts left."""
    normal = out.styles["Normal"]
    normal.font.size = Pt(BODY_SIZE_PT)
    normal_rpr = normal.element.get_or_add_rPr()
    _font_names(normal_rpr, DOCX_FONT_NAMES[FontRole.FANGSONG])
    _char_spacing(normal_rpr, BODY_SPACING_TWIPS)  # text typed later keeps the 28/line
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(LINE_PITCH_PT)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.widow_control = False
    # No extra gap between Chinese and Latin/digits: it would break the 28-character line.
    style_ppr = normal.element.get_or_add_pPr()
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        _p_pr_child(style_ppr, tag).set(qn("w:val"), "0")
    defaults = out.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if r_pr is not None:
            # Word and LibreOffice size the character grid from the default font size;
            # left at 11 pt, each 16 pt character would take two grid cells.
            _font_names(r_pr, DOCX_FONT_NAMES[FontRole.FANGSONG])
            for tag in ("w:sz", "w:szCs"):
                size = r_pr.find(qn(tag))
                if size is None:
                    size = OxmlElement(tag)
                    r_pr.append(size)
                size.set(qn("w:val"), str(round(BODY_SIZE_PT * 2)))
            lang = r_pr.find(qn("w:lang"))
            if lang is None:
                lang = OxmlElement("w:lang")
                r_pr.append(lang)
            lang.set(qn("w:eastAsia"), "zh-CN")


def _setup_metadata(out: DocxDocument, doc: OfficialDocument) -> None:
    props = out.core_properties
    props.title = doc.title
    props.author = doc.signature
    props.last_modified_by = doc.signature
    props.subject = doc.number or ""
    props.comments = ""
    props.keywords = ""
    props.category = "公文"
    props.language = "zh-CN"
    props.revision = 1
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0, tzinfo=None)
    props.created = now
    props.modified = now


def _page_numbers(out: DocxDocument) -> None:
    """— PAGE — in 4号 宋体: odd pages right, even pages left, one character in (7.5)."""
    out.settings.odd_and_even_pages_header_footer = True
    section = out.sections[0]
    side = Pt(PAGE_NUMBER_SIDE_CHARS * PAGE_NUMBER_SIZE_PT)
    for footer, align in ((section.footer, Align.RIGHT), (section.even_page_footer, Align.LEFT)):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.alignment = align
        fmt = p.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        if align == Align.RIGHT:
            fmt.right_indent = side
        else:
            fmt.left_indent = side
        _no_grid_snap(p)
        _font(p.add_run("— "), FontRole.SONG, PAGE_NUMBER_SIZE_PT)
        _page_field(p)
        _font(p.add_run(" —"), FontRole.SONG, PAGE_NUMBER_SIZE_PT)


def _draft_mark(out: DocxDocument, mark: str) -> None:
    """A draft's mark in red 黑体, flush right in the header of every page (odd and even)."""
    section = out.sections[0]
    for header in (section.header, section.even_page_header):
        header.is_linked_to_previous = False
        p = header.paragraphs[0]
        p.alignment = Align.RIGHT
        fmt = p.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        _no_grid_snap(p)
        _font(p.add_run(mark), FontRole.HEI, DRAFT_MARK_SIZE_PT, color=RED)


# --- XML helpers (python-docx has no API for these) ---------------------------------


def _font(
    run: Run,
    role: FontRole,
    size: float,
    bold: bool = False,
    color: tuple[int, int, int] | None = None,
) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold or None
    if color is not None:
        run.font.color.rgb = RGBColor(*color)
    r_pr = run._r.get_or_add_rPr()
    _font_names(r_pr, DOCX_FONT_NAMES[role])
    _char_spacing(r_pr, BODY_SPACING_TWIPS if size == BODY_SIZE_PT else 0)


def _font_names(r_pr: OxmlElement, name: str) -> None:
    """Name the face for Latin and Chinese text alike, dropping theme-font overrides."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


# CT_RPr children that come after w:spacing in the schema.
_AFTER_SPACING = {
    qn(f"w:{name}")
    for name in [
        "w",
        "kern",
        "position",
        "sz",
        "szCs",
        "highlight",
        "u",
        "effect",
        "bdr",
        "shd",
        "fitText",
        "vertAlign",
        "rtl",
        "cs",
        "em",
        "lang",
        "eastAsianLayout",
        "specVanish",
        "oMath",
    ]
}


def _char_spacing(r_pr: OxmlElement, twips: int) -> None:
    """Condense (negative) or expand character spacing, in twentieths of a point."""
    spacing = r_pr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        later = next((el for el in r_pr if el.tag in _AFTER_SPACING), None)
        if later is None:
            r_pr.append(spacing)
        else:
            later.addprevious(spacing)
    spacing.set(qn("w:val"), str(twips))


def _exact_spacing(p: DocxParagraph) -> None:
    fmt = p.paragraph_format
    fmt.line_spacing = Pt(LINE_PITCH_PT)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)


def _indent(
    p: DocxParagraph,
    first_line: float = 0,
    left: float = 0,
    right: float = 0,
    hanging: float = 0,
) -> None:
    """Indents in body characters: w:*Chars for Word's grid, twips for other readers."""
    ind = p._p.get_or_add_pPr().get_or_add_ind()
    char_twips = BODY_SIZE_PT * 20
    for name, chars in (("firstLine", first_line), ("left", left), ("right", right)):
        if chars:
            ind.set(qn(f"w:{name}"), str(round(chars * char_twips)))
            ind.set(qn(f"w:{name}Chars"), str(round(chars * 100)))
    if hanging:
        ind.set(qn("w:hanging"), str(round(hanging * char_twips)))
        ind.set(qn("w:hangingChars"), str(round(hanging * 100)))


def _p_pr_child(p: DocxParagraph | OxmlElement, tag: str) -> OxmlElement:
    """Get or add a child of a paragraph's (or style's) pPr, in schema order."""
    p_pr = p._p.get_or_add_pPr() if isinstance(p, DocxParagraph) else p
    child = p_pr.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        p_pr.append(child)
        _reorder_ppr(p_pr)
    return child


def _border(
    p: DocxParagraph,
    side: str,
    eighths: int,
    color: tuple[int, int, int] = (0, 0, 0),
    space_pt: float = 0,
) -> None:
    borders = _p_pr_child(p, "w:pBdr")
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), str(eighths))
    edge.set(qn("w:space"), str(round(space_pt)))
    edge.set(qn("w:color"), "{:02X}{:02X}{:02X}".format(*color))
    borders.append(edge)


def _no_grid_snap(p: DocxParagraph) -> None:
    _p_pr_child(p, "w:snapToGrid").set(qn("w:val"), "0")


def _outline_level(p: DocxParagraph, level: int) -> None:
    """Let Word's navigation pane list the heading without a heading style."""
    _p_pr_child(p, "w:outlineLvl").set(qn("w:val"), str(level))


def _bottom_frame(p: DocxParagraph) -> None:
    """Frame the paragraph at the bottom of the text block, full width (版记 position)."""
    frame = _p_pr_child(p, "w:framePr")
    frame.set(qn("w:w"), str(round(TEXT_WIDTH_MM * MM * 20)))
    frame.set(qn("w:wrap"), "around")
    frame.set(qn("w:vAnchor"), "margin")
    frame.set(qn("w:hAnchor"), "margin")
    frame.set(qn("w:xAlign"), "center")
    frame.set(qn("w:yAlign"), "bottom")


# CT_PPr child order from the schema, so strict readers accept the file.
_PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]


def _reorder_ppr(p_pr: OxmlElement) -> None:
    rank = {qn(f"w:{name}"): i for i, name in enumerate(_PPR_ORDER)}
    children = sorted(p_pr, key=lambda el: rank.get(el.tag, len(rank)))
    for child in children:
        p_pr.append(child)


def _page_field(p: DocxParagraph) -> None:
    """A PAGE field (complex form, which WPS updates as reliably as Word)."""
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1")):
        run = p.add_run()
        _font(run, FontRole.SONG, PAGE_NUMBER_SIZE_PT)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "text":
            run.text = text or ""
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
    end = p.add_run()
    _font(end, FontRole.SONG, PAGE_NUMBER_SIZE_PT)
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)


def _table_layout(t: DocxTable, widths: list[int]) -> None:
    """Fixed column widths across the text block, 0.5 pt borders, 2 pt/4 pt cell padding."""
    tbl_pr = t._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(round(sum(widths) / 635)))
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), str(TABLE_BORDER_EIGHTHS))
        edge.set(qn("w:space"), "0")
        edge.set(qn("w:color"), "000000")
        borders.append(edge)
    tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for side, twips in (("top", 40), ("left", 80), ("bottom", 40), ("right", 80)):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    tbl_pr.append(margins)
    _reorder_tblpr(tbl_pr)
    for i, column in enumerate(t.columns):
        column.width = widths[i]
        for cell in column.cells:
            cell.width = widths[i]


_TBLPR_ORDER = [
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
]


def _reorder_tblpr(tbl_pr: OxmlElement) -> None:
    rank = {qn(f"w:{name}"): i for i, name in enumerate(_TBLPR_ORDER)}
    for child in sorted(tbl_pr, key=lambda el: rank.get(el.tag, len(rank))):
        tbl_pr.append(child)


def _row_flags(tr: OxmlElement, header: bool) -> None:
    """Rows never break across pages; header rows repeat at the top of each page."""
    tr_pr = tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _cell_spacing(p: DocxParagraph) -> None:
    """Table text is single-spaced and off the body grid, or rows would be 29 pt tall."""
    fmt = p.paragraph_format
    fmt.line_spacing = 1.0
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    _no_grid_snap(p)
