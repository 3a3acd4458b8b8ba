"""Browser tests: the system Chromium driven by Playwright against a live server.

Playwright's own browser download is not used; Debian's Chromium is. Where it is
missing the tests skip, except on CI (``CI=true``), which installs it and must
not silently skip them.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API leaves its asyncio loop marked as running on the main
# thread between calls, and Django refuses ORM calls whenever it sees one; the
# tests' own queries (and the fixtures') are ordinary synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

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
REPO_ROOT = HERE.parents[1]
SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@contextmanager
def thread_local_db_connections() -> Iterator[None]:
    """Keep the main thread on one set of database connections while Playwright runs.

    Django keeps connections in an asgiref ``Local(thread_critical=True)``: a plain
    thread-local, except while an event loop is running, when it switches to a
    per-context store. Playwright's loop looks running from the first browser call
    on, so the tests would quietly get new connections, without the state
    pytest-django attached to the test database's (the serialized contents the
    rollback restores), and two connections to one shared in-memory SQLite
    database. Using the thread-local store directly keeps the original ones.
    """
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


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = f"浏览器测试需要系统 Chromium（{CHROMIUM}），本机未安装"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; CI must install it (apt-get install chromium)")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with thread_local_db_connections(), sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


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


@pytest.fixture
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
