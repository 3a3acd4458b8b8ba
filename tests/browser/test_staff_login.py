"""Staff log in to the Wagtail back office and see the menus their role allows."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from gongkai.agencies.models import Agency
from gongkai.demo.build import DEMO_PASSWORD, DEMO_TOTP_SECRET, ROLE_SUFFIX

# <repo root>/test-artifacts/screenshots, where CI picks artifacts up.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
MAIN_AGENCY = "武汉市硚口区人民政府办公室"
OTHER_AGENCY = "武汉市硚口区教育局"
WRONG_PASSWORD = "Not-The-Passw0rd"
CJK = re.compile(r"[\u4e00-\u9fff]")

LOGINS = [
    "operator",
    "security_admin",
    "audit_admin",
    *(f"qzfb_{suffix}" for suffix in ROLE_SUFFIX.values()),
]

# Menu label → admin URL, and who must (True) or must not (False) see it.
MENUS = {
    "机构": "/admin/agencies/",
    "人员角色": "/admin/memberships/",
    "审计日志": "/admin/audit/",
    "后台任务": "/admin/jobs/",
    "依申请公开": "/admin/applications/",
    "登录锁定": "/admin/staff/lockouts/",
    "账号安全": "/admin/staff/security/",
}
EXPECTED_MENUS: dict[str, dict[str, bool]] = {
    # The operator runs the platform, not the agencies' applications; under 三员分立 it is
    # the system administrator: the audit log and accounts' security are the others'.
    "operator": {
        "机构": True,
        "人员角色": True,
        "审计日志": False,
        "后台任务": True,
        "依申请公开": False,
        "登录锁定": False,
        "账号安全": False,
    },
    "security_admin": {
        "审计日志": False,
        "后台任务": False,
        "依申请公开": False,
        "登录锁定": True,
        "账号安全": True,
    },
    "audit_admin": {
        "机构": True,
        "人员角色": True,
        "审计日志": True,
        "后台任务": True,
        "依申请公开": False,
        "登录锁定": False,
        "账号安全": False,
    },
    "qzfb_admin": {"人员角色": True, "审计日志": True, "后台任务": False, "依申请公开": True},
    "qzfb_editor": {
        "机构": False,
        "人员角色": False,
        "审计日志": False,
        "后台任务": False,
        "依申请公开": False,
    },
}


def submit_login(page: Any, base_url: str, username: str, password: str) -> Any:
    """Fill the login form and submit it; returns the navigation's response."""
    page.goto(f"{base_url}/admin/login/")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', password)
    with page.expect_navigation() as navigation:
        page.click('form button[type="submit"]')
    return navigation.value


def current_code(secret: str = DEMO_TOTP_SECRET) -> str:
    """What an authenticator app shows now for ``secret`` (RFC 6238, 30 s, 6 digits)."""
    from base64 import b32decode

    from django_otp.oath import totp

    return f"{totp(b32decode(secret)):06d}"


def log_in(page: Any, base_url: str, username: str) -> None:
    """Password, then (for the demo's privileged accounts) the authenticator's code."""
    submit_login(page, base_url, username, DEMO_PASSWORD)
    if page.url.startswith(f"{base_url}/admin/login/verify/"):
        page.fill('input[name="code"]', current_code())
        with page.expect_navigation():
            page.click('form.login-form button[type="submit"]')
    assert page.url == f"{base_url}/admin/", f"{username} did not reach the dashboard"


def main_menu_labels(page: Any) -> list[str]:
    menu = page.locator("nav.sidebar-main-menu")
    menu.wait_for()
    return [label.strip() for label in menu.locator(".menuitem-label").all_inner_texts()]


def column_values(page: Any, heading: str, *, allow_empty: bool = False) -> list[str]:
    """The text of one column of the admin listing table, found by its heading."""
    table = page.locator("table.listing")
    if allow_empty and table.count() == 0:
        return []
    headings = [text.strip() for text in table.locator("thead th").all_inner_texts()]
    assert heading in headings, f"no column {heading!r} in {headings}"
    index = headings.index(heading)
    rows = table.locator("tbody tr")
    return [
        rows.nth(row).locator("td").nth(index).inner_text().strip() for row in range(rows.count())
    ]


@pytest.mark.parametrize("username", LOGINS)
def test_demo_login_reaches_dashboard(
    demo_site: list[tuple[str, str, str]],
    live_server: Any,
    page: Any,
    username: str,
) -> None:
    role_label, agency_name = {login: (role, agency) for login, role, agency in demo_site}[username]
    user = get_user_model().objects.get(username=username)

    log_in(page, live_server.url, username)

    assert page.locator("html").get_attribute("lang") == "zh-hans"
    # Wagtail 8 shows the display name (our full name) in the sidebar's account
    # menu and in the dashboard's account summary.
    display_name = user.get_full_name() or username
    account_label = page.locator(".sidebar-footer__account-label")
    assert account_label.inner_text().strip() == display_name
    summary = page.locator(".w-dashboard header")
    assert summary.locator("h2", has_text=display_name).is_visible()
    # ... next to the agency and role the account works in.
    assert agency_name in summary.inner_text()
    assert role_label in summary.inner_text()

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"login-{username}.png"), full_page=True)

    labels = main_menu_labels(page)
    for label, visible in EXPECTED_MENUS.get(username, {}).items():
        assert (label in labels) is visible, f"{username}: menu {label!r} in {labels}"
        link = page.locator(f'nav.sidebar-main-menu a[href="{MENUS[label]}"]')
        assert link.count() == (1 if visible else 0)
    if username not in {"operator", "audit_admin"}:
        assert "后台任务" not in labels


def test_wrong_password_shows_chinese_error(
    demo_site: list[tuple[str, str, str]], live_server: Any, page: Any
) -> None:
    submit_login(page, live_server.url, "qzfb_editor", WRONG_PASSWORD)

    assert page.url.startswith(f"{live_server.url}/admin/login/")
    error = page.locator(".messages .error, .help-critical, [role='alert']").first
    error.wait_for()
    assert CJK.search(error.inner_text()), error.inner_text()
    assert page.locator('input[name="password"]').is_visible()
    assert page.locator(".sidebar-footer__account-label").count() == 0


def test_five_failures_lock_the_account(
    demo_site: list[tuple[str, str, str]], live_server: Any, page: Any
) -> None:
    for _ in range(5):
        submit_login(page, live_server.url, "qzfb_editor", WRONG_PASSWORD)

    response = submit_login(page, live_server.url, "qzfb_editor", DEMO_PASSWORD)

    assert response.status == 429
    assert page.url.startswith(f"{live_server.url}/admin/login/")
    assert "锁定" in page.locator("body").inner_text()
    assert page.locator(".sidebar-footer__account-label").count() == 0
    # Nor did the lockout page leave a session behind: the dashboard still asks to log in.
    page.goto(f"{live_server.url}/admin/")
    assert page.url.startswith(f"{live_server.url}/admin/login/")


def test_agency_admin_sees_only_own_agency_in_audit_log(
    demo_site: list[tuple[str, str, str]], live_server: Any, page: Any
) -> None:
    other = Agency.objects.get(name=OTHER_AGENCY)
    log_in(page, live_server.url, "qzfb_admin")

    page.goto(f"{live_server.url}/admin/audit/")
    agencies = column_values(page, "所属机构")
    assert agencies, "the agency administrator's audit log is empty"
    assert set(agencies) <= {MAIN_AGENCY, ""}, set(agencies)
    assert OTHER_AGENCY not in page.locator("table.listing").inner_text()

    # Asking for the other agency's entries explicitly still shows none of them.
    page.goto(f"{live_server.url}/admin/audit/?agency={other.pk}")
    filtered = column_values(page, "所属机构", allow_empty=True)
    assert set(filtered) <= {MAIN_AGENCY, ""}, set(filtered)
    # Nor does the agency filter offer it.
    options = page.locator("select[name=agency] option").all_inner_texts()
    assert OTHER_AGENCY not in options
    assert OTHER_AGENCY not in page.locator("main").inner_text()


def test_audit_administrator_sees_every_agency_in_audit_log(
    demo_site: list[tuple[str, str, str]], live_server: Any, page: Any
) -> None:
    other = Agency.objects.get(name=OTHER_AGENCY)
    log_in(page, live_server.url, "audit_admin")

    # The newest page alone already mixes agencies (the demo builds them in turn).
    page.goto(f"{live_server.url}/admin/audit/")
    newest = {name for name in column_values(page, "所属机构") if name}
    assert len(newest) >= 2, newest

    # The agency filter offers every agency, and the education bureau's entries are there.
    options = page.locator("select[name=agency] option").all_inner_texts()
    assert {MAIN_AGENCY, OTHER_AGENCY} <= set(options)
    page.goto(f"{live_server.url}/admin/audit/?agency={other.pk}")
    assert set(column_values(page, "所属机构")) == {OTHER_AGENCY}
