"""Enrolling an authenticator app and logging in with its code, in a real browser."""

from __future__ import annotations

from typing import Any

from tests.browser.test_staff_login import (
    SCREENSHOTS,
    current_code,
    log_in,
    submit_login,
)


def test_enrol_then_log_in_with_the_code(
    demo_site: list[tuple[str, str, str]], live_server: Any, page: Any
) -> None:
    base = live_server.url
    log_in(page, base, "qzfb_editor")  # an editor may enrol, and need not

    page.goto(f"{base}/admin/login/two-factor/")
    assert page.locator(".gk-qr svg").is_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "two-factor-enrol.png"), full_page=True)
    secret = page.locator(".gk-totp-secret").inner_text().replace(" ", "")
    page.fill('input[name="code"]', current_code(secret))
    with page.expect_navigation():
        page.click('form.login-form button[type="submit"]')
    codes = page.locator(".gk-recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    page.screenshot(path=str(SCREENSHOTS / "two-factor-recovery-codes.png"), full_page=True)
    with page.expect_navigation():
        page.click("text=我已保存，继续")
    assert page.url == f"{base}/admin/"

    page.context.clear_cookies()
    submit_login(page, base, "qzfb_editor", "Gongkai-Demo-2026")
    assert page.url.startswith(f"{base}/admin/login/verify/")
    # The code just used to enrol is spent; a recovery code opens this login.
    page.fill('input[name="code"]', codes[0])
    with page.expect_navigation():
        page.click('form.login-form button[type="submit"]')
    assert page.url == f"{base}/admin/"
    assert page.locator(".sidebar-footer__account-label").is_visible()
