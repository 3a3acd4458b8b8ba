"""hidden_link: links a reader cannot see, and 暗链 — hidden links to outside hosts.

A hidden link to the site's own pages (a collapsed menu) is worth a look; a hidden link
to a host that is not listed is how a compromised page sells links, and is a veto item
(内容被篡改, 国办秘函〔2019〕19号 安全、泄密事故等严重问题).
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from gongkai.inspection.crawler import CrawlResult
from gongkai.inspection.findings import FindingKind, Observation, Severity


def check_hidden(result: CrawlResult, *, hosts: set[str]) -> Iterator[Observation]:
    for page in result.pages.values():
        for link in page.links:
            if not link.hidden:
                continue
            outside = urlsplit(link.href).netloc not in hosts
            label = "暗链：指向外部网站的隐藏链接" if outside else "隐藏链接"
            yield Observation(
                FindingKind.HIDDEN_LINK,
                page.url,
                f"{label}（{link.hidden}）“{link.text[:40]}”",
                Severity.HIGH if outside else Severity.LOW,
                link.href,
            )


def is_dark_link(observation: Observation) -> bool:
    return observation.type is FindingKind.HIDDEN_LINK and observation.severity is Severity.HIGH
