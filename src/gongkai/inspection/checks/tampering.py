"""tampered_page: for the portal, is what is served what was approved?

An outside monitor can only see that a page changed; gongkai knows what the page should
say — its live (approved) revision. The served page's main document (``<div
class="document">``) must read as the approved title, document number and body; a cache
entry or template altered behind gongkai's back reads otherwise. Whitespace is ignored,
so layout changes are not tampering.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from gongkai.inspection.crawler import CrawlResult
from gongkai.inspection.findings import FindingKind, Observation, Severity

_SPACE = re.compile(r"\s+")
CONTEXT = 20


def squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def difference(served: str, approved: str) -> str:
    """The first place the two texts part, with a little context, for the evidence."""
    a, b = squeeze(served), squeeze(approved)
    at = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    start = max(0, at - CONTEXT)
    return f"页面为“…{a[start : at + CONTEXT]}…”，审核通过的版本为“…{b[start : at + CONTEXT]}…”"


def check_tampering(result: CrawlResult, *, approved: Mapping[str, str]) -> Iterator[Observation]:
    """``approved`` maps a portal URL to the text its live revision's document should show."""
    for url, expected in approved.items():
        page = result.resolve(url)
        if page is None or page.broken:
            continue  # not served: a broken link, judged by check_links
        if squeeze(page.document_text) != squeeze(expected):
            yield Observation(
                FindingKind.TAMPERED_PAGE,
                url,
                "页面正文与审核通过的版本不一致：" + difference(page.document_text, expected),
                Severity.HIGH,
            )
