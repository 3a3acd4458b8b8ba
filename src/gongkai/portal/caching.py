"""The public page cache: whole responses, invalidated when anything public changes.

A traffic spike (a policy announced, a disaster) hits the same few pages; rendering
each from the database every time would not hold it. Responses to anonymous GETs
are cached whole, keyed on the *catalogue version*: a stamp file under the home
directory, touched after any publication, withdrawal or edit of a public object
commits. Reading it is one stat() per request and every server process sees the
same stamp, so a publication invalidates every worker's cache at once without a
shared cache server.

Never cached: anything for a signed-in user (a session cookie), responses that set a
cookie or vary on it (forms with a CSRF token: apply, track), search (the index
updates on its own schedule and the engine answers in milliseconds), staff paths,
and non-200 answers.
"""

from __future__ import annotations

import functools
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from gongkai.portal.display import display_mode

CACHE_SECONDS = 600  # a safety net; publication invalidates sooner
BROWSER_MAX_AGE = 60  # browsers and proxies revalidate after a minute (ETag → 304)
UNCACHED_PREFIXES = ("/admin/", "/search/", "/api/search/", "/documents/", "/display/", "/healthz")
HEADER = "X-Portal-Cache"
CACHE_ALIAS = "portal"  # in settings.CACHES

T = TypeVar("T")


def version_file() -> Path:
    return Path(settings.HOME) / "portal-version"


def catalogue_version() -> int:
    try:
        return version_file().stat().st_mtime_ns
    except FileNotFoundError:
        return 0


def kept_per_version(build: Callable[[], T]) -> Callable[[], T]:
    """``build``'s result kept in this process until the catalogue version changes.

    For data that only a publication changes (the home page's latest entries): a
    request the page cache cannot answer — a new query string on a popular URL — then
    skips the queries as well, and the next publication still shows at once.
    """
    kept: dict[int, T] = {}
    lock = threading.Lock()

    @functools.wraps(build)
    def current() -> T:
        version = catalogue_version()
        with lock:
            if version not in kept:
                kept.clear()
                kept[version] = build()
            return kept[version]

    return current


def touch_catalogue_version() -> None:
    path = version_file()
    path.touch()
    now = time.time_ns()
    os.utime(path, ns=(now, now))


def bump_catalogue_version(**_: Any) -> None:
    """Signal receiver: invalidate every cached public page once the change commits."""
    transaction.on_commit(touch_catalogue_version)


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(UNCACHED_PREFIXES)
    )


def _cacheable_response(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.cookies
        and not getattr(response, "streaming", False)
        and "private" not in response.get("Cache-Control", "")
    )


class PortalCacheMiddleware:
    """Serve public pages from the cache; store what is safe to store."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable_request(request):
            return self.get_response(request)
        version = catalogue_version()
        key = f"portal:{version}:{display_mode(request)}:{request.get_full_path()}"
        cache = caches[CACHE_ALIAS]
        cached = cache.get(key)
        if cached is not None:
            cached[HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if _cacheable_response(response) and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE)
            patch_vary_headers(response, ("Cookie",))
            if version and not response.has_header("Last-Modified"):
                response["Last-Modified"] = http_date(version / 1e9)
            cache.set(key, response, CACHE_SECONDS)
            response[HEADER] = "miss"
        return response
