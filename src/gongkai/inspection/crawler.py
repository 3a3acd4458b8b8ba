"""The crawler: the listed hosts only, robots.txt respected, a rate per host, a page budget,
conditional requests, attachments read through ``gongkai.extraction``.

An async httpx crawler rather than Scrapy — chosen by measurement (README, 巡检; the
figures come from ``bench/inspection.py``). Pages that answer 304 Not Modified are taken
from the previous run's ``cache`` with everything the checks need, so an unchanged site
costs one small request a page.
"""

from __future__ import annotations

import asyncio
from collections.abc import MutableMapping
from dataclasses import asdict, dataclass, field
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from gongkai.extraction import ExtractionError, extract_text
from gongkai.extraction.plain_text import decode_text
from gongkai.inspection.fetch import Answer, Fetcher
from gongkai.inspection.page import Link, parse_page
from gongkai.inspection.robots import Robots
from gongkai.rules.site_inspection import PROBE_TIMEOUT_SECONDS

ATTACHMENT_SUFFIXES = frozenset({".pdf", ".docx", ".xlsx", ".doc", ".wps", ".xls"})
MAX_REDIRECTS = 5


@dataclass
class CrawlOptions:
    max_pages: int = 2000
    delay: float = 0.5  # seconds between two requests to one host
    timeout: float = PROBE_TIMEOUT_SECONDS
    concurrency: int = 8
    check_external: bool = False
    probes: int = 20  # availability probes per listed site


@dataclass
class FetchedPage:
    """A fetched page or attachment, as the checks read it (and the cache keeps it)."""

    url: str
    status: int = 0
    error: str = ""
    is_attachment: bool = False
    text: str = ""
    document_text: str = ""
    links: list[Link] = field(default_factory=list)
    redirect_to: str = ""
    etag: str = ""
    last_modified: str = ""
    unreadable: str = ""  # an attachment the extraction could not read, and why
    from_cache: bool = False

    def to_cache(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("from_cache")
        return data

    @classmethod
    def restored(cls, data: dict[str, Any]) -> FetchedPage:
        links = [Link(**link) for link in data.get("links", [])]
        return cls(**{**data, "links": links, "from_cache": True})

    @property
    def broken(self) -> bool:
        return bool(self.error) or self.status >= 400


@dataclass
class ExternalCheck:
    url: str
    status: int = 0
    error: str = ""
    final_url: str = ""


@dataclass
class CrawlResult:
    pages: dict[str, FetchedPage] = field(default_factory=dict)
    external: dict[str, ExternalCheck] = field(default_factory=dict)
    probes: dict[str, tuple[int, int]] = field(default_factory=dict)  # site → (probes, failed)
    robots_refused: list[str] = field(default_factory=list)
    robots_unreadable: dict[str, str] = field(default_factory=dict)
    over_budget: list[str] = field(default_factory=list)
    not_checked: list[str] = field(default_factory=list)  # outside links, checks not allowed

    def resolve(self, url: str) -> FetchedPage | None:
        """The page ``url`` ends at after internal redirects."""
        page = self.pages.get(url)
        for _ in range(MAX_REDIRECTS):
            if page is None or not page.redirect_to:
                break
            page = self.pages.get(page.redirect_to)
        return page


def is_attachment(url: str) -> bool:
    return PurePosixPath(unquote(urlsplit(url).path)).suffix.lower() in ATTACHMENT_SUFFIXES


class Crawler:
    def __init__(
        self,
        *,
        seeds: list[str],
        options: CrawlOptions,
        cache: MutableMapping[str, dict[str, Any]] | None = None,
    ) -> None:
        self.seeds = list(dict.fromkeys(seeds))
        self.hosts = {urlsplit(url).netloc for url in self.seeds}
        self.options = options
        self.cache = cache if cache is not None else {}
        self.result = CrawlResult()
        self._seen: set[str] = set()
        self._queue: asyncio.Queue[str] = asyncio.Queue()
        self._external: set[str] = set()

    def run(self) -> CrawlResult:
        return asyncio.run(self._run())

    async def _run(self) -> CrawlResult:
        self.fetcher = Fetcher(
            delay=self.options.delay,
            timeout=self.options.timeout,
            concurrency=self.options.concurrency,
        )
        self.robots = Robots(self.fetcher)
        try:
            for url in self.seeds:
                self._enqueue(url)
            workers = [asyncio.create_task(self._worker()) for _ in range(self.options.concurrency)]
            await self._queue.join()
            for worker in workers:
                worker.cancel()
            await self._check_external()
            await self._probe()
        finally:
            await self.fetcher.close()
        self.result.robots_unreadable = dict(self.robots.unreadable)
        return self.result

    def _enqueue(self, url: str) -> None:
        if url in self._seen:
            return
        if urlsplit(url).netloc not in self.hosts:
            self._external.add(url)
            return
        self._seen.add(url)
        if len(self._seen) > self.options.max_pages:
            self.result.over_budget.append(url)
            return
        self._queue.put_nowait(url)

    async def _worker(self) -> None:
        while True:
            url = await self._queue.get()
            try:
                page = await self._visit(url)
                if page is not None:
                    self.result.pages[url] = page
                    self._follow(page)
            finally:
                self._queue.task_done()

    def _follow(self, page: FetchedPage) -> None:
        if page.redirect_to:
            self._enqueue(page.redirect_to)
        for link in page.links:
            self._enqueue(link.href)

    async def _visit(self, url: str) -> FetchedPage | None:
        if not await self.robots.allowed(url):
            self.result.robots_refused.append(url)
            return None
        cached = self.cache.get(url)
        headers = {}
        if cached and cached.get("etag"):
            headers["If-None-Match"] = cached["etag"]
        if cached and cached.get("last_modified"):
            headers["If-Modified-Since"] = cached["last_modified"]
        answer = await self.fetcher.request(url, headers=headers)
        if answer.status == 304 and cached:
            return FetchedPage.restored(cached)
        page = await self._read(url, answer)
        if page.etag or page.last_modified:
            self.cache[url] = page.to_cache()
        return page

    async def _read(self, url: str, answer: Answer) -> FetchedPage:
        page = FetchedPage(
            url,
            status=answer.status,
            error=answer.error,
            etag=answer.headers.get("etag", ""),
            last_modified=answer.headers.get("last-modified", ""),
        )
        if 300 <= answer.status < 400 and answer.location:
            page.redirect_to = urljoin(url, answer.location)
            return page
        if page.broken:
            return page
        content_type = answer.headers.get("content-type", "")
        if is_attachment(url):
            page.is_attachment = True
            name = PurePosixPath(unquote(urlsplit(url).path)).name
            try:
                page.text = await asyncio.to_thread(extract_text, answer.body, name)
            except ExtractionError as error:
                page.unreadable = str(error)
        elif "html" in content_type or not content_type:
            html = decode_text(answer.body, "page.html")
            parsed = parse_page(html, url)
            page.text, page.document_text, page.links = (
                parsed.text,
                parsed.document_text,
                parsed.links,
            )
        return page

    async def _check_external(self) -> None:
        if not self.options.check_external:
            self.result.not_checked = sorted(self._external)
            return
        checks = await asyncio.gather(*(self._check_one(url) for url in sorted(self._external)))
        self.result.external = {check.url: check for check in checks}

    async def _check_one(self, url: str) -> ExternalCheck:
        check = ExternalCheck(url)
        target = url
        for _ in range(MAX_REDIRECTS + 1):
            answer = await self.fetcher.request(target, method="HEAD")
            if answer.status in (405, 501):  # HEAD not allowed: ask with GET
                answer = await self.fetcher.request(target)
            if 300 <= answer.status < 400 and answer.location:
                target = urljoin(target, answer.location)
                continue
            check.status, check.error = answer.status, answer.error
            break
        check.final_url = target
        return check

    async def _probe(self) -> None:
        """``probes`` requests per listed site root, each failing past the timeout."""
        roots = dict.fromkeys(f"{urlsplit(u).scheme}://{urlsplit(u).netloc}/" for u in self.seeds)
        for root in roots:
            answers = [await self.fetcher.request(root) for _ in range(self.options.probes)]
            failed = sum(1 for a in answers if a.error or a.status >= 500)
            self.result.probes[root] = (len(answers), failed)
