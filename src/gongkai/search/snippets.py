"""Highlighted snippets, built from the stored text and escaped for HTML.

A snippet is a list of fragments, each marked or not; rendering is separate, so the
portal gets escaped HTML with <mark> and the CLI gets plain text with brackets. The
text comes from documents anyone could have uploaded, and the query from anyone on
the internet: both are escaped, fragment by fragment, before any tag is added.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

SNIPPET_CHARS = 120
LEAD_CHARS = 24  # context kept before the first match
ELLIPSIS = "…"


@dataclass(frozen=True)
class Snippet:
    fragments: tuple[tuple[str, bool], ...]  # (text, is a match)

    def html(self) -> str:
        return "".join(
            f"<mark>{html.escape(text)}</mark>" if marked else html.escape(text)
            for text, marked in self.fragments
        )

    def text(self, before: str = "【", after: str = "】") -> str:
        return "".join(
            f"{before}{text}{after}" if marked else text for text, marked in self.fragments
        )


def pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    """One alternation of the terms, longest first so 最低生活保障 wins over 低保."""
    unique = sorted({t for t in terms if t}, key=len, reverse=True)
    if not unique:
        return None
    return re.compile("|".join(re.escape(t) for t in unique), re.IGNORECASE)


def _mark(text: str, matcher: re.Pattern[str] | None) -> list[tuple[str, bool]]:
    if matcher is None:
        return [(text, False)] if text else []
    out: list[tuple[str, bool]] = []
    position = 0
    for match in matcher.finditer(text):
        if match.start() > position:
            out.append((text[position : match.start()], False))
        out.append((match.group(), True))
        position = match.end()
    if position < len(text):
        out.append((text[position:], False))
    return out


def highlight(text: str, matcher: re.Pattern[str] | None) -> Snippet:
    """The whole of ``text`` (a title) with every match marked."""
    return Snippet(tuple(_mark(text, matcher)))


def excerpt(texts: Iterable[str], matcher: re.Pattern[str] | None) -> Snippet:
    """A window of the first text that contains a match, around its first match.

    With no match anywhere (the entry matched by 文号, or on a synonym in a title),
    the opening of the first non-empty text is shown.
    """
    candidates = [" ".join(t.split()) for t in texts if t and t.strip()]
    if not candidates:
        return Snippet(())
    chosen, start = candidates[0], 0
    for text in candidates:
        found = matcher.search(text) if matcher else None
        if found:
            chosen, start = text, max(found.start() - LEAD_CHARS, 0)
            break
    window = chosen[start : start + SNIPPET_CHARS]
    fragments = _mark(window, matcher)
    if start > 0:
        fragments.insert(0, (ELLIPSIS, False))
    if start + SNIPPET_CHARS < len(chosen):
        fragments.append((ELLIPSIS, False))
    return Snippet(tuple(fragments))
