"""How often one address may search: the search page and the search API together.

Search is the public read that is never served from the page cache: every request runs
the engine, so a script looping over queries could hold the server. An address (an IPv6
client by its /64, :func:`gongkai.client_address.client_key`) may search
``GONGKAI_SEARCHES_PER_MINUTE`` times in each minute (0: no limit), counted in this
process's memory: nothing is written per search, which would queue every search behind
SQLite's single writer. Under ``gongkai serve``'s N processes an address can therefore
reach at most N times the limit, which still bounds it. A person searching never comes
near 60 a minute; an office behind one NAT address shares the budget.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse

from gongkai.client_address import client_ip, client_key

WINDOW_SECONDS = 60
THROTTLED = "检索过于频繁：本网络地址一分钟内的检索次数已达上限，请一分钟后再试。"

View = Callable[..., HttpResponse]


def search_allowed(*, client: str, now: float) -> bool:
    """Count one search by ``client`` (a :func:`client_key`); whether it may run."""
    limit = settings.GONGKAI_SEARCHES_PER_MINUTE
    if limit <= 0:
        return True
    key = f"search-limit:{client}:{int(now // WINDOW_SECONDS)}"
    cache = caches["default"]
    # add() starts the minute's count; incr() is atomic within the process.
    count = 1 if cache.add(key, 1, timeout=WINDOW_SECONDS * 2) else cache.incr(key)
    return count <= limit


def search_limited(refusal: Callable[[HttpRequest], HttpResponse]) -> Callable[[View], View]:
    """Run the view while the address is within its limit, else answer ``refusal`` (a 429)."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            now = time.time()
            if search_allowed(client=client_key(client_ip(request)), now=now):
                return view(request, *args, **kwargs)
            response = refusal(request)
            response["Retry-After"] = str(WINDOW_SECONDS - int(now % WINDOW_SECONDS))
            return response

        return limited

    return decorate
