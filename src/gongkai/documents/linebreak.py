"""Break Chinese text into lines the way a typesetter would (避头尾, unbroken numbers).

The PDF renderer places every line itself (Word does this on its own for DOCX), so it
needs the same rules a reader expects of a 公文: no line may start with closing
punctuation such as ，。）》 or end with an opening one such as （《; numbers, Latin
words and the paired ——/…… stay whole. Widths come from a callback so the rules can be
tested without fonts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

# Characters that may not begin a line (行首禁则) or end one (行尾禁则).
NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉］｝”’…—·%‰,.;:?!)]}>％")
NO_LINE_END = frozenset("（《「『【〔〈［｛“‘([{<")

# Runs that are never split: Latin words and numbers (with their inner punctuation such
# as 12.5% or www.gov.cn), the two-character dashes and ellipses, and runs of spaces.
# A number keeps the counter after it (2024年, 2024年度, 12号) so a line never ends in a
# bare number and a title never reads 「2025年/度」.
_TOKEN_PATTERN = (
    r"[A-Za-z0-9](?:[A-Za-z0-9.,:/@_%&+\-']*[A-Za-z0-9%])?(?<=\d)"
    r"(?:年度|[年月日号件个次项条款元万亿])"
    r"|[A-Za-z0-9](?:[A-Za-z0-9.,:/@_%&+\-']*[A-Za-z0-9%])?|——|……| +|."
)
_TOKEN = re.compile(_TOKEN_PATTERN, re.S)

# Word units a title is never broken inside. Titles are short and read as phrases; a
# break inside 「年度报告」 or 「政府信息公开」 is what a reader notices first.
TITLE_UNITS = (
    "政府信息公开",
    "工作年度报告",
    "年度报告",
    "告知书",
    "申请表",
    "工作要点",
    "实施方案",
    "通知",
)
# Tabs and other control characters have no glyph; they are set as a space.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


@lru_cache(maxsize=8)
def _token_pattern(units: tuple[str, ...]) -> re.Pattern[str]:
    if not units:
        return _TOKEN
    whole = "|".join(re.escape(unit) for unit in sorted(units, key=len, reverse=True))
    return re.compile(f"{whole}|{_TOKEN_PATTERN}", re.S)


def tokens(text: str, units: Sequence[str] = ()) -> list[str]:
    """Split ``text`` into the smallest pieces a line may break between.

    ``units`` are words kept whole on top of the general rules (see ``TITLE_UNITS``).
    """
    return _token_pattern(tuple(units)).findall(text)


def break_lines(
    text: str,
    measure: Callable[[str], float],
    first_width: float,
    width: float | None = None,
    units: Sequence[str] = (),
) -> list[str]:
    """Greedy line breaking with 避头尾 by pushing a character down to the next line.

    ``measure`` returns the set width of a string; ``first_width`` is the room on the
    first line (less an indent) and ``width`` on every later one (defaults to the same).
    Trailing spaces are dropped from line ends. A token wider than a whole line is cut
    character by character rather than overflowing the margin.
    """
    if width is None:
        width = first_width
    lines: list[list[str]] = [[]]
    limit = first_width
    tolerance = 0.01

    def fits(parts: list[str]) -> bool:
        return measure("".join(parts).rstrip(" ")) <= limit + tolerance

    pending = tokens(_CONTROL.sub(" ", text.replace("\n", "")), units)
    pending.reverse()
    while pending:
        token = pending.pop()
        line = lines[-1]
        if fits([*line, token]):
            line.append(token)
            continue
        if token.isspace():
            continue  # a break at a space swallows the space
        if not line:
            # Too wide even for an empty line: cut it rather than overflow the margin.
            head = _longest_prefix(token, measure, limit + tolerance)
            line.append(head)
            if len(head) < len(token):
                pending.append(token[len(head) :])
        else:
            # Every line closed here keeps at least one token, so the loop always ends.
            carried: list[str] = []
            if token[0] in NO_LINE_START:
                while len(line) > 1:
                    carried.insert(0, line.pop())  # push-out: the character before comes too
                    if carried[0][0] not in NO_LINE_START:
                        break
            while len(line) > 1 and line[-1][-1] in NO_LINE_END:
                carried.insert(0, line.pop())
            pending.append(token)
            pending.extend(reversed(carried))
        lines.append([])
        limit = width
    result = ["".join(parts).rstrip(" ") for parts in lines]
    while len(result) > 1 and not result[-1]:
        result.pop()
    return result


def title_lines(title: str, measure: Callable[[str], float], width: float) -> list[str]:
    """A centred title broken into lines of similar length, never inside a word unit.

    Both renderers use this, so the PDF and the DOCX break a long title at the same
    places (Word would otherwise break 「2025年度」 wherever the line ends).
    """
    lines = break_lines(title, measure, width, units=TITLE_UNITS)
    if len(lines) < 2:
        return lines
    # The narrowest width that still gives as many lines: a symmetric title.
    low, high, best = measure(title) / len(lines), width, lines
    for _ in range(20):
        mid = (low + high) / 2
        trial = break_lines(title, measure, mid, units=TITLE_UNITS)
        if len(trial) <= len(lines):
            best, high = trial, mid
        else:
            low = mid
    return best


def _longest_prefix(token: str, measure: Callable[[str], float], limit: float) -> str:
    """The longest start of ``token`` that fits in ``limit`` (at least one character)."""
    for end in range(len(token), 0, -1):
        if measure(token[:end]) <= limit:
            return token[:end]
    return token[:1]
