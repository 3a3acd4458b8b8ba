"""Numbered pages for the portal's lists, with a jump to any page.

A column of 270 pages is read by jumping, not by 「下一页」 270 times. A page number that
is not a page (a word, 0, past the end) is answered on the nearest page with a Chinese
message, never with an error page: it comes from a form a person typed into.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator

PER_PAGE = 20
AROUND = 2  # page numbers linked on each side of the current one
SHOWN_INPUT = 20  # characters of a bad page number repeated back in the message
MAX_DIGITS = 9


@dataclass(frozen=True)
class Paging:
    page: Page
    numbers: list[int | None]  # the page numbers to link; None stands for a gap (…)
    error: str  # why the page shown is not the one asked for
    params: list[tuple[str, str]]  # the list's other query parameters, kept by every link

    @property
    def query(self) -> str:
        """The other parameters as the start of a query string (``a=1&``), or empty."""
        return f"{urlencode(self.params)}&" if self.params else ""


def _numbers(current: int, last: int) -> list[int | None]:
    wanted = {1, last, *range(current - AROUND, current + AROUND + 1)}
    shown = sorted(n for n in wanted if 1 <= n <= last)
    out: list[int | None] = []
    for n in shown:
        if out and n - (out[-1] or 0) > 1:
            out.append(None)
        out.append(n)
    return out


def _requested(raw: str, last: int) -> tuple[int, str]:
    """The page to show for what was typed, and the message when it is not that page."""
    # Full-width digits (１２) from a Chinese input method are digits all the same.
    text = unicodedata.normalize("NFKC", raw).strip()
    if not text:
        return 1, ""
    if not (text.isascii() and text.isdigit()):
        return 1, f"页码“{raw.strip()[:SHOWN_INPUT]}”不是数字，已显示第1页。"
    if len(text) > MAX_DIGITS:  # past any list, and past what int() will parse
        return last, f"共{last}页，没有第{text[:SHOWN_INPUT]}页，已显示第{last}页。"
    number = int(text)
    if number < 1:
        return 1, f"页码应为1到{last}之间的整数，已显示第1页。"
    if number > last:
        return last, f"共{last}页，没有第{number}页，已显示第{last}页。"
    return number, ""


def paginate(
    items: Sequence[Any] | Any,
    raw_page: str | None,
    *,
    params: list[tuple[str, str]] | None = None,
    per_page: int | None = None,
) -> Paging:
    paginator = Paginator(items, per_page or PER_PAGE)
    number, error = _requested(raw_page or "", paginator.num_pages)
    page = paginator.page(number)
    return Paging(page, _numbers(number, paginator.num_pages), error, params or [])
