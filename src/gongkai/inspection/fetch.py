"""HTTP for the crawler: one async client, a minimum interval per host, a size cap.

A government site is inspected, not load-tested: each host gets at most one request per
``delay`` seconds whatever the concurrency, and a body larger than the extraction limit
is not read to the end (it is reported, not downloaded).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from gongkai.extraction.limits import DEFAULT_LIMITS

USER_AGENT = "gongkai-inspection/0.1 (government website inspection)"


@dataclass
class Answer:
    """What a request got: ``status`` 0 with ``error`` in Chinese when nothing came back."""

    url: str
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: str = ""
    seconds: float = 0.0
    location: str = ""  # a redirect's target (redirects are not followed here)


class Fetcher:
    def __init__(
        self,
        *,
        delay: float,
        timeout: float,
        concurrency: int,
        max_bytes: int = DEFAULT_LIMITS.max_file_bytes,
    ) -> None:
        self.delay = delay
        self.max_bytes = max_bytes
        self.client = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": USER_AGENT},
            follow_redirects=False,
            limits=httpx.Limits(max_connections=concurrency),
            trust_env=False,
        )
        self._slots = asyncio.Semaphore(concurrency)
        self._host_locks: dict[str, asyncio.Lock] = {}
        self._next_at: dict[str, float] = {}
        self.host_delay: dict[str, float] = {}  # a robots.txt Crawl-delay, when longer

    async def close(self) -> None:
        await self.client.aclose()

    async def _wait_turn(self, host: str) -> None:
        lock = self._host_locks.setdefault(host, asyncio.Lock())
        async with lock:
            now = time.monotonic()
            start = max(now, self._next_at.get(host, now))
            self._next_at[host] = start + max(self.delay, self.host_delay.get(host, 0.0))
        if start > now:
            await asyncio.sleep(start - now)

    async def request(
        self, url: str, *, method: str = "GET", headers: dict[str, str] | None = None
    ) -> Answer:
        await self._wait_turn(urlsplit(url).netloc)
        answer = Answer(url)
        began = time.monotonic()
        async with self._slots:
            try:
                async with self.client.stream(method, url, headers=headers) as response:
                    answer.status = response.status_code
                    answer.headers = {k.lower(): v for k, v in response.headers.items()}
                    answer.location = response.headers.get("location", "")
                    if method == "GET":
                        answer.body, answer.error = await self._read(response)
            except httpx.TimeoutException:
                answer.error = "超时未响应"
            except httpx.ConnectError:
                answer.error = "无法连接（连接被拒绝或域名无法解析）"
            except httpx.HTTPError as error:
                answer.error = f"请求失败：{type(error).__name__}"
        answer.seconds = time.monotonic() - began
        return answer

    async def _read(self, response: httpx.Response) -> tuple[bytes, str]:
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                return b"", f"文件超过{self.max_bytes // (1024 * 1024)}MB，未读取"
            chunks.append(chunk)
        return b"".join(chunks), ""
