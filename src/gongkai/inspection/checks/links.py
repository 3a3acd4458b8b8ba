"""broken_link and redirected_link: links and attachments that do not lead where they say.

Every page that links a dead target gets its own finding (the fix is on that page); an
outside link is judged only when the operator allowed outside checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from gongkai.inspection.crawler import CrawlResult, ExternalCheck, FetchedPage
from gongkai.inspection.findings import FindingKind, Observation, Severity

# Second-level labels under which a registrant gets the third label (gov.cn, com.cn …).
SHARED_SECOND_LEVEL = frozenset({"gov", "com", "edu", "org", "net", "ac"})


def registered_domain(host: str) -> str:
    """The domain a registrant holds (``www.wuhan.gov.cn`` → ``wuhan.gov.cn``); an IP as is."""
    name = host.lower().rsplit(":", 1)[0].rstrip(".")
    labels = name.split(".")
    if all(label.isdigit() for label in labels):
        return name
    keep = 3 if len(labels) >= 3 and labels[-2] in SHARED_SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def _why(status: int, error: str) -> str:
    return error or f"HTTP {status}"


def check_links(result: CrawlResult) -> Iterator[Observation]:
    for page in result.pages.values():
        for link in page.links:
            target = result.resolve(link.href)
            if target is not None:
                yield from _internal(page, link.href, target)
            elif link.href in result.external:
                yield from _external(page, result.external[link.href])


def _internal(page: FetchedPage, href: str, target: FetchedPage) -> Iterator[Observation]:
    if target.broken:
        kind = "附件" if target.is_attachment else "链接"
        yield Observation(
            FindingKind.BROKEN_LINK,
            page.url,
            f"{kind}无法打开：{_why(target.status, target.error)}",
            Severity.MEDIUM,
            href,
        )


def _external(page: FetchedPage, check: ExternalCheck) -> Iterator[Observation]:
    if check.error or check.status >= 400:
        yield Observation(
            FindingKind.BROKEN_LINK,
            page.url,
            f"外部链接无法打开：{_why(check.status, check.error)}",
            Severity.MEDIUM,
            check.url,
        )
    before = registered_domain(urlsplit(check.url).netloc)
    after = registered_domain(urlsplit(check.final_url).netloc)
    if check.final_url and before != after:
        yield Observation(
            FindingKind.REDIRECTED_LINK,
            page.url,
            f"外部链接从{before}跳转到{after}（{check.final_url}），域名可能已易主",
            Severity.HIGH,
            check.url,
        )
