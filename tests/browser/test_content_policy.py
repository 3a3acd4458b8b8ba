"""The Content-Security-Policy in a real browser: nothing is refused, and the pages still work.

Every page of the portal and of the applicant's journey is loaded with the policy on, and
the browser's own reports are collected: ``securitypolicyviolation`` events (listened for
by a script Playwright adds before any of the page's own, in every frame) and the console
messages Chromium writes for each refusal. Along the way the script-driven features are
used: the application form's category switch and its submission, the pager's jump, the
print button, the /track/ lookup. The back office is loaded under its own policy too
(gongkai.content_policy): the sign-in page allows no inline script; Wagtail's screens,
whose widgets write inline scripts, must still raise no report.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.test_application_flow import (  # noqa: F401  (office: fixture)
    AGENCY,
    file_application,
    office,
)
from tests.browser.test_public_portal import catalogue_site  # noqa: F401  (fixture)
from tests.browser.test_staff_login import log_in

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${where}`);
});
"""


class Violations:
    """What the browser refused, from events in any frame and from the console."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.console: list[str] = []
        page.add_init_script(LISTEN)
        page.on("console", self._console)

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def found(self) -> list[str]:
        events = [
            event
            for frame in self.page.frames
            for event in (frame.evaluate("window.__cspViolations || []") or [])
        ]
        return events + self.console


@pytest.fixture
def violations(page: Any) -> Violations:
    return Violations(page)


def _visit(page: Any, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    page.wait_for_load_state("load")


def test_the_portal_and_the_applicants_pages_run_under_the_policy(
    page: Any,
    live_server: Any,
    office: None,  # noqa: F811
    catalogue_site: dict[str, Any],  # noqa: F811
    violations: Violations,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from gongkai.portal import paging

    monkeypatch.setattr(paging, "PER_PAGE", 1)  # the catalogue's three entries, three pages
    base = live_server.url
    response = page.goto(f"{base}/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    for path in ("/xxgk/", "/reports/", "/search/?q=低保"):
        _visit(page, f"{base}{path}")
    assert page.locator("ol.hits > li").count() == 2

    # The pager's jump.
    _visit(page, f"{base}/catalogue/")
    page.get_by_label("跳转到第").fill("2")
    with page.expect_navigation():
        page.get_by_role("button", name="跳转").click()
    assert re.search(r"[?&]page=2\b", page.url)
    assert page.locator(".pager-current").inner_text() == "2"

    # An entry with its PDF previewed in a frame (the attachment's own policy), and its
    # print view, whose button a script reveals.
    entry = catalogue_site["entry"]
    _visit(page, f"{base}{entry.url}")
    with page.expect_response(re.compile(r"/documents/")) as shown:
        page.locator("details.pdf-preview summary").first.click()
    assert shown.value.status == 200
    _visit(page, f"{base}/print/{entry.pk}/")
    assert page.locator("[data-print]").is_visible()

    # The application form: the category switch (apply.js), then a filing.
    _visit(page, f"{base}/apply/")
    with page.expect_navigation():
        page.get_by_role("link", name=AGENCY).first.click()
    organisation_only = page.locator("[data-organisation-only]").first
    page.get_by_label("自然人").check()
    assert organisation_only.is_hidden()
    page.get_by_label("商业企业").check()
    assert organisation_only.is_visible()
    receipt, code = file_application(page, name="王五")

    # /track/: the lookup and the status page.
    _visit(page, f"{base}/track/")
    page.locator("[name=receipt_number]").fill(receipt)
    page.locator("[name=query_code]").fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name="查询").click()
    assert receipt in page.content()

    page.goto(f"{base}/no-such-page/")  # the 404 page
    assert violations.found() == []


def test_the_back_office_raises_no_report_under_its_policy(
    page: Any,
    live_server: Any,
    catalogue_site: dict[str, Any],  # noqa: F811
    violations: Violations,
) -> None:
    base = live_server.url
    response = page.goto(f"{base}/admin/login/")
    assert "script-src 'self';" in response.headers["content-security-policy"] + ";"
    log_in(page, base, "mzj_editor")
    entry = catalogue_site["entry"]
    for path in (
        "/admin/",
        f"/admin/pages/{entry.pk}/edit/",
        f"/admin/pages/{entry.get_parent().pk}/",
        "/admin/documents/",
    ):
        _visit(page, f"{base}{path}")
    assert violations.found() == []
