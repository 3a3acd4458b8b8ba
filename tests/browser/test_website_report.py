"""The website report in a real browser: the operator prepares last year's report from the
menu, corrects a figure with its source, marks it final, publishes it; a visitor follows
the home page's link to it and downloads its PDF."""

from __future__ import annotations

import re
from typing import Any

from django.utils import timezone

from tests.browser.test_catalogue_review import as_user
from tests.website_report.conftest import complete_entries


def test_operator_publishes_the_website_report(
    demo_site: Any, live_server: Any, browser: Any, page: Any
) -> None:
    from gongkai.website_report.models import WebsiteReport
    from gongkai.website_report.services import do_enter_website_figures

    year = timezone.localdate().year - 1
    base = live_server.url
    operator = as_user(browser, live_server, "operator")
    operator.get_by_role("link", name="网站年度报表").click()
    operator.wait_for_url(f"{base}/admin/website-report/")
    operator.get_by_label("报表年度").fill(str(year))
    operator.get_by_role("button", name="按平台数据生成或更新报表").click()
    operator.wait_for_url(f"{base}/admin/website-report/{year}/")
    assert operator.get_by_text("平台统计").first.is_visible()

    # The items gongkai does not hold, as the operator would type them all.
    do_enter_website_figures(
        website_report=WebsiteReport.objects.get(year=year), entries=complete_entries()
    )
    operator.reload()
    operator.get_by_label("网站总访问量（次）", exact=True).fill("560000")
    operator.locator("#id_page_views__source").fill("网站访问统计系统年度导出")
    operator.get_by_role("button", name="保存", exact=True).click()
    operator.get_by_text("已保存1项。").wait_for()
    operator.get_by_role("button", name="定稿").click()
    operator.get_by_text("报表已定稿。").wait_for()
    operator.get_by_role("button", name="发布到网站首页").click()
    operator.get_by_text("报表已发布，网站首页已显示链接。").wait_for()

    page.goto(f"{base}/")
    page.get_by_role("link", name="政府网站工作年度报表").click()
    page.wait_for_url(f"{base}/website-report/{year}/")
    page.get_by_role("heading", name=f"政府网站工作年度报表（{year}年度）").wait_for()
    cell = page.locator('td[data-cell="page_views"]')
    assert cell.inner_text() == "560000"
    assert page.get_by_text("网站访问统计系统年度导出").is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF 版").click()
    assert re.fullmatch(
        rf"政府网站工作年度报表（{year}年度）\.pdf", download.value.suggested_filename
    )
