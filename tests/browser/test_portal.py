"""The public portal's home page, as a visitor's browser sees it."""

from __future__ import annotations

from typing import Any

from gongkai.demo.build import AGENCIES


def test_home_page_is_chinese_self_hosted_and_lists_agencies(
    demo_site: list[tuple[str, str, str]], live_server: Any, page: Any
) -> None:
    requests: list[str] = []
    stylesheets: dict[str, int] = {}

    def record_stylesheet(response: Any) -> None:
        if response.request.resource_type == "stylesheet":
            stylesheets[response.url] = response.status

    page.on("request", lambda request: requests.append(request.url))
    page.on("response", record_stylesheet)

    response = page.goto(f"{live_server.url}/")
    page.wait_for_load_state("networkidle")

    assert response is not None and response.status == 200
    assert page.locator("html").get_attribute("lang") == "zh-CN"

    # 公开主体: the demo district's agencies, by full name.
    listed = page.locator("section[aria-labelledby=agencies-title]")
    assert listed.locator("h2").inner_text().strip() == "公开主体"
    names = [name.strip() for name in listed.locator("li").all_inner_texts()]
    demo_names = {name for _, name, _, _, _ in AGENCIES}
    assert len(demo_names.intersection(names)) >= 15, names

    # The stylesheets come from our own /static/ (tokens.css via @import), and load.
    assert stylesheets, "the home page loaded no stylesheet"
    assert all(url.startswith(f"{live_server.url}/static/") for url in stylesheets), stylesheets
    assert f"{live_server.url}/static/gongkai/portal.css" in stylesheets
    assert set(stylesheets.values()) == {200}, stylesheets
    background = page.evaluate(
        "getComputedStyle(document.querySelector('.site-band')).backgroundColor"
    )
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "portal.css was not applied"

    # Nothing is fetched from anywhere but this server: no CDN, fonts or analytics.
    foreign = [
        url for url in requests if not (url.startswith(live_server.url) or url.startswith("data:"))
    ]
    assert foreign == [], foreign


def test_staff_login_link_leads_to_admin_login(
    demo_site: list[tuple[str, str, str]], live_server: Any, page: Any
) -> None:
    page.goto(f"{live_server.url}/")

    with page.expect_navigation():
        page.get_by_role("link", name="工作人员登录").click()

    assert page.url.startswith(f"{live_server.url}/admin/login/")
    assert page.locator('input[name="username"]').is_visible()
    assert page.locator('input[name="password"]').is_visible()
