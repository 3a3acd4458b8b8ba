"""robots.txt, read once per host through the crawler's own fetcher.

``urllib.robotparser`` judges; this only feeds it. As the parser itself does: a missing
robots.txt (404) allows everything, 401/403 forbids everything. A host whose robots.txt
cannot be read at all (timeout, 5xx) is not crawled: not knowing is not permission.
"""

from __future__ import annotations

from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from gongkai.inspection.fetch import USER_AGENT, Fetcher


class Robots:
    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher
        self._parsers: dict[str, RobotFileParser | None] = {}
        self.unreadable: dict[str, str] = {}  # host → why its robots.txt was not read

    async def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.netloc not in self._parsers:
            self._parsers[parts.netloc] = await self._load(f"{parts.scheme}://{parts.netloc}")
        parser = self._parsers[parts.netloc]
        return parser is not None and parser.can_fetch(USER_AGENT, url)

    async def _load(self, origin: str) -> RobotFileParser | None:
        answer = await self.fetcher.request(f"{origin}/robots.txt")
        parser = RobotFileParser()
        if answer.status in (401, 403):
            parser.disallow_all = True
        elif answer.status == 200:
            parser.parse(answer.body.decode("utf-8", errors="replace").splitlines())
            delay = parser.crawl_delay(USER_AGENT)
            if delay:
                self.fetcher.host_delay[urlsplit(origin).netloc] = float(delay)
        elif 400 <= answer.status < 500:
            parser.allow_all = True
        else:
            self.unreadable[urlsplit(origin).netloc] = answer.error or f"HTTP {answer.status}"
            return None
        return parser
