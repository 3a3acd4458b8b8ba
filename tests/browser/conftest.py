"""Browser tests: the system Chromium driven by Playwright against a live server.

Playwright's own browser download is not used; Debian's Chromium is. Where it is
missing the tests skip, except on CI (``CI=true``), which installs it and must
not silently skip them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API keeps an asyncio loop running on the main thread, and
# Django refuses ORM calls whenever it sees one; the tests' own queries (and the
# fixtures') are ordinary synchronous code.
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


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = f"浏览器测试需要系统 Chromium（{CHROMIUM}），本机未安装"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; CI must install it (apt-get install chromium)")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
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
def demo_site(transactional_db: None) -> list[tuple[str, str, str]]:
    """The portal home page plus the demo district; returns the main logins."""
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
