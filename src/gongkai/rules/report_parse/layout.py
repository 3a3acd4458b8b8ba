"""A published report flattened into one stream of label text and groups of numbers.

Reports reach us as PDF tables, HTML tables with merged cells, markdown, or text pulled
out of a PDF in which a table row became "label 0  0 0 0 0 0 0" or, worse, one run of
digits ("640020470"). Every reader turns its input into the same stream — label text,
then the numbers printed after it — so one table parser serves every layout. A grid row
keeps its cell boundaries (a blank cell is a blank, i.e. zero); in running text only the
order of label and digits survives.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# A blank value cell of a grid: printed as nothing (or &nbsp;), read as zero.
BLANK = None

Token = str | None

# A number as printed in a table cell: counts, money ("24252.311082", "251000元") and the
# 2019 format's signed 本年增/减 ("-3").
_NUMBER = r"-?[0-9]+(?:\.[0-9]+)?(?:万元|元)?"
NUMBER_CELL = re.compile(rf"\s*{_NUMBER}\s*")
_NUMBER_TOKEN = re.compile(rf"(?<![0-9A-Za-z.]){_NUMBER}")
# Between two numbers of one printed row there is only white space or a markdown bar.
_SEPARATOR_ONLY = re.compile(r"[\s|]*")
# "2.其他法律…", "3、危及…": the digit numbers the label that follows, it is not a value.
# In flattened text it is glued to the previous row's digits ("00000002.其他").
_LABEL_NUMBER = re.compile(r"([0-9])(\s*[.、])(?=\s*[\u4e00-\u9fff“\"])")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨"
# "1,234" in a cell; only in a cell, where a comma cannot separate two numbers.
_THOUSANDS = re.compile(r"-?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_MARKDOWN_RULE = re.compile(r"^\s*\|?[\s:|-]*-[\s:|-]*\|?\s*$")


@dataclass(frozen=True)
class Values:
    """The numbers printed after a label: one grid row's value cells, or one digit run.

    ``tokens`` are the printed strings in order; ``BLANK`` is an empty grid cell. A token
    of running text may hold several numbers run together ("640020470").
    """

    tokens: tuple[Token, ...]


Item = str | Values


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Text for matching labels: full-width forms folded, white space and bars removed.

    Cached: the table readers match the same label items many times.
    """
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s|\u3000]+", "", text)


def _mask_label_numbers(text: str) -> str:
    """Replace a label's leading "2." digit by a circled digit so it is not read as a value."""
    return _LABEL_NUMBER.sub(
        lambda m: (_CIRCLED[int(m.group(1)) - 1] if m.group(1) != "0" else "⓪") + m.group(2),
        text,
    )


def text_items(text: str) -> list[Item]:
    """Running text → items: label text, and a ``Values`` per run of numbers."""
    text = _mask_label_numbers(unicodedata.normalize("NFKC", text))
    items: list[Item] = []
    position = 0
    current: list[str] = []
    for match in _NUMBER_TOKEN.finditer(text):
        between = text[position : match.start()]
        if current and not _SEPARATOR_ONLY.fullmatch(between):
            items.append(Values(tuple(current)))
            current = []
        if not current and between.strip():
            items.append(between)
        current.append(match.group())
        position = match.end()
    if current:
        items.append(Values(tuple(current)))
    if text[position:].strip():
        items.append(text[position:])
    return items


def _is_number(cell: str) -> bool:
    return bool(NUMBER_CELL.fullmatch(cell))


# What tables print in an empty cell instead of leaving it blank.
_DASHES = {"-", "--", "—", "——", "–", "/", "\\", "－", "／", "—-"}


# A label cell that also holds its row's first numbers ("本年新收…数量 3"), split by spaces.
_LABEL_THEN_NUMBERS = re.compile(r"(.*?[^\s0-9.,-])\s+((?:-?[0-9]+(?:\.[0-9]+)?\s*)+)")


def _cell(cell: str) -> tuple[str, list[str]]:
    """One grid cell as (label text, numbers printed in it).

    A number wrapped over lines in a narrow cell ("1290\n2") is rejoined; numbers side by
    side ("0 0", a cell whose ruling the extraction missed) are several; a dash is blank.
    """
    text = unicodedata.normalize("NFKC", cell).strip()
    if text in _DASHES:
        return "", [""]
    joined = re.sub(r"\s*\n\s*", "", text)
    if _THOUSANDS.fullmatch(joined):
        joined = joined.replace(",", "")
    parts = joined.split()
    if parts and all(_is_number(p) for p in parts):
        return "", parts
    match = _LABEL_THEN_NUMBERS.fullmatch(text)
    if match:
        return match.group(1), match.group(2).split()
    return text, [""] if not text else []


def grid_row_items(cells: Sequence[str | None]) -> list[Item]:
    """One table row → its label text and its value cells.

    ``None`` is a cell covered by a merge (nothing printed there); ``""`` is a blank cell.
    Cells after the last label cell are values, blanks included — the labels sit on the
    left of every table of the format.
    """
    split = [_cell(c) for c in cells if c is not None]
    last_label = max((i for i, (label, _) in enumerate(split) if label), default=-1)
    label = " ".join(text for text, _ in split[: last_label + 1] if text)
    numbers = split[last_label][1] if last_label >= 0 else []
    for _, found in split[last_label + 1 :]:
        numbers = [*numbers, *found]
    tokens = tuple(BLANK if n == "" else n for n in numbers)
    items: list[Item] = [label] if label else []
    if tokens:
        items.append(Values(tokens))
    return items


def markdown_items(text: str) -> list[Item]:
    """Text with markdown tables (PDF-to-markdown extractions): bars delimit grid cells."""
    items: list[Item] = []
    prose: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            if _MARKDOWN_RULE.fullmatch(stripped):
                continue
            items.extend(text_items("\n".join(prose)))
            prose = []
            items.extend(grid_row_items([c for c in stripped[1:-1].split("|")]))
        else:
            prose.append(line)
    items.extend(text_items("\n".join(prose)))
    return items
