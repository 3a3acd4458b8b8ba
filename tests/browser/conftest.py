"""Browser tests: the system Chromium driven by Playwright against a live server.

Playwright's own browser download is not used; Debian's Chromium is. Where it is
missing the tests skip, except on CI (``CI=true``), which installs it and must
not silently skip them.

Playwright's sync API runs an asyncio loop in a greenlet and, between its calls,
leaves that loop marked as the main thread's running loop. Django notices:

* its ORM refuses to run (``SynchronousOnlyOperation``) under a running loop,
  unless ``DJANGO_ALLOW_ASYNC_UNSAFE`` is set;
* its connections live in an asgiref ``Local(thread_critical=True)``, which is a
  thread-local in sync code but a per-context store under a running loop, so the
  tests would quietly get a second set of connections, without what
  pytest-django attached to the first (the serialized contents its rollback
  restores) and holding a second connection to the shared in-memory database.

So the loop is marked running only while a browser test runs (the autouse
``_playwright_window``), and during that window the ORM is allowed and the main
thread's connections stay the thread-local ones. Outside it — in every other test
of the session — Django sees a plain synchronous thread again.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
HERE = Path(__file__).resolve().parent
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"

# Playwright's event loop, kept by the ``browser`` fixture for ``_playwright_window``.
_playwright_loop: list[asyncio.AbstractEventLoop] = []


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@contextmanager
def _async_unsafe_allowed() -> Iterator[None]:
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@contextmanager
def _thread_local_db_connections() -> Iterator[None]:
    """Read Django's connections from the thread-local store, loop or no loop."""
    from django.db import connections

    original = connections._connections
    storage = getattr(original, "_storage", None)
    if not isinstance(storage, threading.local):
        pytest.fail("asgiref.local.Local changed: cannot pin Django's connections to the thread")
    connections._connections = storage
    try:
        yield
    finally:
        connections._connections = original


@contextmanager
def _loop_marked_running(loop: asyncio.AbstractEventLoop | None) -> Iterator[None]:
    """Mark Playwright's loop running, as its own sync calls leave it; unmark after."""
    asyncio._set_running_loop(loop)
    try:
        yield
    finally:
        asyncio._set_running_loop(None)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = f"browser tests need the system Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; on CI it must be installed, not skipped")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    manager = sync_playwright()
    playwright = manager.start()
    loop = asyncio.get_running_loop()  # marked running by the start call
    try:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
    except BaseException:
        with _loop_marked_running(loop):
            manager.__exit__(None, None, None)
        raise
    asyncio._set_running_loop(None)
    _playwright_loop.append(loop)
    try:
        yield browser
    finally:
        _playwright_loop.remove(loop)
        with _loop_marked_running(loop):
            browser.close()
            manager.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _playwright_window(browser: Any) -> Iterator[None]:
    """The span of one browser test, fixtures included: see the module docstring."""
    with (
        _async_unsafe_allowed(),
        _thread_local_db_connections(),
        _loop_marked_running(_playwright_loop[-1]),
    ):
        yield


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 800})
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def demo_site(
    transactional_db: None, django_db_serialized_rollback: None
) -> list[tuple[str, str, str]]:
    """The portal home page plus the demo district; returns the main logins.

    The live server needs committed data, hence ``transactional_db``; its flush
    between tests would also remove what the migrations created (Wagtail's root
    page and default locale), so the serialized rollback puts those back.
    """
    from gongkai.audit.context import acting
    from gongkai.demo.build import build_demo
    from gongkai.portal.setup import ensure_site

    with acting(channel="cli"):
        ensure_site()
        return build_demo()
