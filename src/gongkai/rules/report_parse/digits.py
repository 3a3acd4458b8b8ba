"""Reading the numbers of one printed row, including digits run together.

Pingtan's published pages flatten each table row into one run of digits: "801000081" is
80/1/0/0/0/0/81. Only the table's own arithmetic splits it: in table 三 the six applicant
columns add up to 总计, in table 四 each group's four outcomes add up to its 总计. This
module lists every split a run admits under those sums (white space in the run is always a
boundary, a number never starts with 0 unless it is 0); choosing among several splits is
left to the table parser, which knows the column sums as well.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from gongkai.rules.report_parse.layout import BLANK, Token

# More candidate splits than this means the run says nothing certain: give up on it.
MAX_CANDIDATES = 2000
# Digits beyond one per column that a run may carry (multi-digit numbers); a longer run
# has too many splits to enumerate and is not a table row anyway.
MAX_EXTRA_DIGITS = 18
# Splits tried before giving up on a run. Eighteen extra digits over fifteen columns
# still allow hundreds of millions (fuzzing found a text whose rows took 1.4 s each); the
# labelled reports of the test suite need at most 50.
MAX_SPLITS = 2_000


@dataclass(frozen=True)
class RowSpec:
    """How many numbers a row holds, and which of them are sums of which.

    ``sums`` lists (first, last) index ranges whose last number is the sum of the others,
    e.g. ((0, 6),) for table 三 (columns 0–5 add up to column 6).
    """

    width: int
    sums: tuple[tuple[int, int], ...] = ()

    def holds(self, numbers: Sequence[int]) -> bool:
        return all(sum(numbers[a:b]) == numbers[b] for a, b in self.sums)


def _trim_blanks(tokens: Sequence[Token], width: int) -> list[Token]:
    """Drop blank cells at the ends of a grid row that has more cells than columns.

    A table drawn with an extra empty column (or a merged label cell left empty) yields
    more cells than numbers; only blanks can be dropped, never a printed number.
    """
    out = list(tokens)
    while len(out) > width and out[0] is BLANK:
        out.pop(0)
    while len(out) > width and out[-1] is BLANK:
        out.pop()
    return out


def parse_number(token: str) -> int | float | str:
    """A printed cell as a number; money with a unit stays as printed ("251000元")."""
    if token.endswith("元"):
        return token
    value = float(token)
    if "." in token:
        return value
    if math.isinf(value):  # hundreds of digits: no report's figure, kept as printed
        return token
    return int(value)


def _splits(runs: Sequence[str], count: int) -> Iterator[list[str]]:
    """All ways to cut the digit runs into ``count`` numbers without leading zeros."""
    if not runs:
        if count == 0:
            yield []
        return
    first, rest = runs[0], runs[1:]
    min_rest = len(rest)
    max_rest = sum(len(r) for r in rest)
    for parts in range(1, min(len(first), count - min_rest) + 1):
        if count - parts > max_rest:
            continue
        for head in _cut(first, parts):
            for tail in _splits(rest, count - parts):
                yield head + tail


def _cut(run: str, parts: int) -> Iterator[list[str]]:
    if parts == 1:
        if run == "0" or not run.startswith("0"):
            yield [run]
        return
    for end in range(1, len(run) - parts + 2):
        head = run[:end]
        if head != "0" and head.startswith("0"):
            continue
        for tail in _cut(run[end:], parts - 1):
            yield [head, *tail]


def candidates(tokens: Sequence[Token], spec: RowSpec) -> list[tuple[int | float | str, ...]]:
    """:func:`_candidates`, once per distinct row: a text repeating one row thousands of
    times (a mangled copy, or a hostile one) costs one row's splits."""
    return list(_candidates(tuple(tokens), spec))


@lru_cache(maxsize=1024)
def _candidates(row: tuple[Token, ...], spec: RowSpec) -> tuple[tuple[int | float | str, ...], ...]:
    """Every reading of a row's printed tokens as ``spec.width`` numbers.

    Exactly ``width`` cells are read as printed, even if their sums do not hold — a
    published error is reported, not corrected. Fewer tokens than columns means digits
    ran together: every split that satisfies the row's sums is a candidate. Returns none
    when the row cannot be read (too many numbers, too many splits, or none adds up).
    """
    tokens = _trim_blanks(row, spec.width)
    if len(tokens) == spec.width:
        return (tuple(0 if t is BLANK else parse_number(t) for t in tokens),)
    if len(tokens) > spec.width or any(t is BLANK or not t.isdigit() for t in tokens):
        return ()
    if sum(len(t) for t in tokens) > spec.width + MAX_EXTRA_DIGITS:
        return ()
    found: list[tuple[int | float | str, ...]] = []
    for tried, split in enumerate(_splits(list(tokens), spec.width), 1):
        if tried > MAX_SPLITS:
            return ()
        numbers = tuple(int(p) for p in split)
        if spec.holds(numbers):
            found.append(numbers)
            if len(found) > MAX_CANDIDATES:
                return ()
    return tuple(found)
