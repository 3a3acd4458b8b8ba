"""GB/T 9704-2012 numbers and rules shared by the DOCX and PDF renderers.

Kept in one place so both formats put every element in the same spot; the clauses these
numbers come from are listed in :mod:`gongkai.documents.model`. Lengths are in points
(1 pt = 1/72 inch) unless the name says ``_MM``.
"""

from __future__ import annotations

import datetime
import unicodedata

MM = 72 / 25.4  # points per millimetre

PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_TOP_MM = 37.0
MARGIN_BOTTOM_MM = 35.0
MARGIN_LEFT_MM = 28.0
MARGIN_RIGHT_MM = 26.0
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 156
TEXT_HEIGHT_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM  # 225

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
# 225 mm / 22 lines is 28.99 pt; office templates use 28.95 pt so that 22 lines fit with
# rounding to spare, and Word stores line pitch in twentieths of a point (579).
LINE_PITCH_PT = 28.95
CHAR_PITCH_PT = TEXT_WIDTH_MM * MM / CHARS_PER_LINE  # ≈ 15.79

TITLE_SIZE_PT = 22.0  # 2号
BODY_SIZE_PT = 16.0  # 3号
PAGE_NUMBER_SIZE_PT = 14.0  # 4号
COPY_NOTE_SIZE_PT = 14.0  # 4号
TABLE_SIZE_PT = 10.5  # 五号
TABLE_CAPTION_SIZE_PT = 14.0  # 4号
# The standard caps the mark at 22 mm × 15 mm per character; offices set it around 初号.
ISSUER_HEADER_MAX_PT = 40.0

BODY_INDENT_CHARS = 2
SIGNOFF_GAP_CHARS = 2  # signature/date distance from the right edge (no seal)
DATE_SHIFT_CHARS = 2  # date starts this much right of the signature
PAGE_NUMBER_SIDE_CHARS = 1
ISSUER_HEADER_OFFSET_MM = 35.0  # top of the mark below the top of the text block
HEADER_RULE_GAP_MM = 4.0  # red rule below the document number
PAGE_NUMBER_GAP_MM = 7.0  # page number below the text block
THICK_RULE_MM = 0.35  # 版记 first and last rules
THIN_RULE_MM = 0.25

RED = (255, 0, 0)
BLACK = (0, 0, 0)


def format_document_date(d: datetime.date) -> str:
    """成文日期 in Arabic numerals without leading zeros (7.3.5.3): 2025年3月4日."""
    return f"{d.year}年{d.month}月{d.day}日"


# A draft's mark at the head of every page: 黑体 3号 in red, flush right, in the top margin
# this far above the text block (the standard has no drafts; this stays clear of 版头).
DRAFT_MARK_SIZE_PT = 16.0
DRAFT_MARK_GAP_MM = 10.0


def page_number_text(number: int) -> str:
    """Page number flanked by em dashes (7.5): — 1 —."""
    return f"— {number} —"


def grid_width(text: str) -> float:
    """Width of ``text`` in body characters: CJK full width counts 1, Latin and digits ½.

    Used where real glyph widths are unknown (DOCX, laid out by Word on the reader's
    machine) to place elements that the standard positions in whole characters.
    """
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def signoff_right_gaps(signature: float, date: float, char: float = 1.0) -> tuple[float, float]:
    """Distances from the right edge to the signature and to the date (7.3.5.2, no seal).

    The signature sits two characters from the right and the date starts two characters
    right of the signature's first character; when that would bring the date closer than
    two characters to the edge, the date is held there and the signature moves left.
    Widths and result share a unit; ``char`` is one body character in that unit.
    """
    gap = SIGNOFF_GAP_CHARS * char
    shift = DATE_SHIFT_CHARS * char
    date_gap = signature - shift - date + gap  # date start = signature start + shift
    if date_gap >= gap:
        return gap, date_gap
    return gap + shift + date - signature, gap


def header_size(text: str, text_width_pt: float) -> float:
    """Font size of the red 发文机关标志: as large as allowed, but on one line."""
    width = max(grid_width(text), 1.0)
    return min(ISSUER_HEADER_MAX_PT, text_width_pt / width)


def with_prefix(text: str, prefix: str) -> str:
    """``text`` starting with ``prefix`` (附件： / 抄送：), added only when missing."""
    stripped = text.strip()
    if stripped.startswith(prefix.rstrip("：")):
        return stripped
    return prefix + stripped
