"""What an official document (公文) says, independent of DOCX or PDF.

The renderers turn one :class:`OfficialDocument` into either format with the same layout,
so a letter mailed as PDF and the DOCX an officer edits before sealing look alike. The
layout is GB/T 9704-2012《党政机关公文格式》; its numbers live in
:mod:`gongkai.documents.standard` and come from these clauses:

* 5.2.1 / 5.2.2 — A4 paper (210 mm × 297 mm); 版心 (text block) 156 mm × 225 mm, placed by
  the margins top 37 mm (天头), bottom 35 mm, left 28 mm (订口), right 26 mm.
* 5.2.3 / 6.3 — body text in 3号 (16 pt) 仿宋; 22 lines per page and 28 characters per line,
  so the line pitch is 225 mm / 22 ≈ 28.95 pt (the "固定值 28.95 磅" of office templates) and
  the character pitch is 156 mm / 28 ≈ 15.79 pt, a hair narrower than the 16 pt glyphs.
* 7.2.1 – 7.2.5 — 版头: the issuing agency's mark (发文机关标志) in red 小标宋, its top edge
  35 mm below the top of the text block; the document number (发文字号) two blank lines
  below it, centred; a red rule as wide as the text block 4 mm under the number.
* 7.3.1 — the title in 2号 (22 pt) 小标宋, centred, two blank lines under the red rule
  (at the top of the text block when there is no 版头).
* 7.3.2 — the addressee (主送机关) one blank line under the title, flush left, ending in a
  full-width colon.
* 7.3.3 — body paragraphs indented two characters; headings 一、 in 黑体, （一） in 楷体,
  1. and （1） in 仿宋.
* 7.3.4 — the attachments note one blank line under the body, indented two characters.
* 7.3.5.2 — without a seal: the signature (发文机关署名) one blank line under the body, two
  characters from the right; the date on the next line, shifted two characters right of
  the signature's start, and never closer than two characters to the right edge.
* 7.3.5.3 — the date in Arabic numerals with year, month and day in full and no leading
  zeros: 2025年3月4日.
* 7.4 — 版记: the copy note (抄送) in 4号 仿宋 between thick rules, the last rule on the
  bottom edge of the text block of the last page.
* 7.5 — page numbers in 4号 (14 pt) half-width 宋体 Arabic numerals with an em dash on each
  side (— 1 —), 7 mm under the text block; odd pages one character from the right, even
  pages one character from the left.

Tables (annual reports) are not specified by the standard beyond fitting the text block;
they are set in 五号 (10.5 pt) with full borders so a grid of figures stays legible.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Align = Literal["left", "center", "right"]
_ALIGNS = ("left", "center", "right")


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph; indented two characters unless it continues a list or quote."""

    text: str
    indent: bool = True
    bold: bool = False


@dataclass(frozen=True)
class Heading:
    """A structural heading; ``text`` carries its own ordinal (一、 / （一） / 1．).

    The ordinal is not generated because agencies number headings by hand and a renderer
    that renumbered them would silently disagree with cross-references in the text.
    Level 1 is set in 黑体, level 2 in 楷体, level 3 in the body face (7.3.3).
    """

    text: str
    level: int = 1

    def __post_init__(self) -> None:
        if self.level not in (1, 2, 3):
            raise ValueError(f"Heading level must be 1, 2 or 3, not {self.level}")


@dataclass(frozen=True)
class Cell:
    """One table cell; a merged cell is written once with its span, HTML-style.

    Positions covered by another cell's rowspan/colspan are simply left out of the
    following rows, so a table reads like the grid a person drew.
    """

    text: str
    rowspan: int = 1
    colspan: int = 1
    align: Align = "center"
    bold: bool = False

    def __post_init__(self) -> None:
        if self.rowspan < 1 or self.colspan < 1:
            raise ValueError(f"Cell spans must be at least 1: {self!r}")
        if self.align not in _ALIGNS:
            raise ValueError(f"Cell align must be one of {_ALIGNS}, not {self.align!r}")


@dataclass(frozen=True)
class Table:
    """A bordered grid; the first ``header_rows`` rows repeat on every page it spans.

    ``col_widths`` are relative weights (any unit); the table always fills the text block.
    """

    rows: Sequence[Sequence[Cell]]
    header_rows: int = 0
    caption: str | None = None
    col_widths: Sequence[float] | None = None

    def __post_init__(self) -> None:
        # Stored as tuples so a frozen document really cannot change under a renderer.
        object.__setattr__(self, "rows", tuple(tuple(row) for row in self.rows))
        if self.col_widths is not None:
            object.__setattr__(self, "col_widths", tuple(float(w) for w in self.col_widths))
            if any(w <= 0 for w in self.col_widths):
                raise ValueError("Table col_widths must all be positive")
        if not self.rows:
            raise ValueError("A table needs at least one row")
        if not 0 <= self.header_rows <= len(self.rows):
            raise ValueError(f"header_rows {self.header_rows} outside 0..{len(self.rows)}")


Block = Paragraph | Heading | Table


@dataclass(frozen=True)
class OfficialDocument:
    """A complete 公文: 版头 (optional), 主体 and 版记, in reading order.

    ``number`` is the 发文字号 such as ``硚政办公开〔2025〕12号``; ``addressee`` the 主送
    line including its colon (``张三：``); ``issuer_header`` the red 发文机关标志 (for
    example ``武汉市硚口区人民政府办公室文件``); ``attachments_note`` the 附件说明, one
    attachment per line; ``copy_note`` the 抄送 list.

    A draft is not yet a 公文: it has no 成文日期 (``date`` is ``None``: the signature
    stands alone) and carries ``draft_mark`` (``草稿``) at the head of every page, so a
    printed draft is never taken for the issued document.
    """

    title: str
    number: str | None
    addressee: str | None
    blocks: Sequence[Block]
    signature: str
    date: datetime.date | None
    issuer_header: str | None = None
    attachments_note: str | None = None
    copy_note: str | None = None
    draft_mark: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "blocks", tuple(self.blocks))
        if not self.title.strip():
            raise ValueError("An official document needs a title")
        if not self.signature.strip():
            raise ValueError("An official document needs a signature (发文机关署名)")
