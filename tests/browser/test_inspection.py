"""Inspection in a real browser: the operator runs an inspection of a listed site, reads
the veto panel, sends a ticket; the agency answers it; the next run closes the finding.

Dates are typed into the forms (巡检日期, 下发日期, 答复日期), never read from the clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from gongkai.agencies.models import Role
from gongkai.demo.build import ROLE_SUFFIX
from tests.browser.test_catalogue_review import as_user
from tests.inspection.conftest import build
from tests.inspection.site import Site, free_port, serving

AGENCY = "武汉市硚口区人民政府办公室"
FIRST_RUN = date(2026, 6, 15)
NEXT_RUN = date(2026, 6, 22)
PHONE_PAGE = "/news/2026/phone.html"


@pytest.fixture
def listed_site(demo_site: Any) -> Iterator[Site]:
    from django.utils import timezone

    from gongkai.agencies.models import Agency
    from gongkai.inspection.models import ListedColumn, ListedSite
    from gongkai.workcalendar.services import seed_bundled_schedules

    # The demo site was built on the machine's date, and so is the live server's view.
    seed_bundled_schedules(today=timezone.localdate())
    outside = Site()
    with serving(outside):
        site = Site()
        with serving(site):
            build(site, outside=outside, dead_port=free_port())
            listed = ListedSite.objects.create(
                url=site.base + "/", name="区政府办网站", agency=Agency.objects.get(name=AGENCY)
            )
            for path, name, kind in (
                ("/news/", "工作动态", "动态要闻"),
                ("/notices/", "通知公告", "通知公告"),
                ("/policy/", "政策文件", "政策文件"),
            ):
                ListedColumn.objects.create(site=listed, url=site.base + path, name=name, kind=kind)
            yield site


def run_inspection(page: Any, base: str, on: date) -> None:
    page.goto(f"{base}/admin/inspection/")
    page.fill("#id_today", on.isoformat())
    page.uncheck("#id_include_portal")
    page.fill("#id_max_pages", "200")
    with page.expect_navigation(timeout=120_000):
        page.get_by_role("button", name="立即巡检").click()
    # The crawl is a job, run here as the request commits (GONGKAI_TASKS_IMMEDIATE): the
    # list the button returns to shows it first.
    page.locator("table.listing tbody tr a").first.click()
    page.wait_for_url("**/admin/inspection/runs/*/")


def test_run_veto_ticket_answer_and_close(
    listed_site: Site, live_server: Any, browser: Any
) -> None:
    base = live_server.url
    operator = as_user(browser, live_server, "operator")
    run_inspection(operator, base, FIRST_RUN)
    panel = operator.locator("table.veto-panel")
    panel.first.wait_for()
    assert "/admin/inspection/runs/" in operator.url
    failed = operator.locator("tr.veto-fail").all_inner_texts()
    assert any("安全、泄密事故等严重问题" in row for row in failed), failed

    operator.goto(f"{base}/admin/inspection/findings/")
    operator.locator("tr[data-type=mobile] a").first.click()
    operator.fill("#id_sent_on", FIRST_RUN.isoformat())
    operator.fill("#id_note", "请删除联系人手机号码")
    # Under load the admin's scripts may still be settling the form: send only what we see.
    assert operator.input_value("#id_note") == "请删除联系人手机号码"
    operator.get_by_role("button", name="下发整改").click()
    sent = operator.locator("ul.finding-tickets li")
    sent.first.wait_for()
    assert AGENCY in sent.first.inner_text()

    officer = as_user(browser, live_server, f"qzfb_{ROLE_SUFFIX[Role.DISCLOSURE_OFFICER]}")
    officer.goto(f"{base}/admin/inspection/tickets/")
    officer.locator("table.inspection-tickets a").first.click()
    officer.wait_for_url("**/admin/inspection/tickets/*/")
    officer.locator("dd", has_text="请删除联系人手机号码").wait_for()
    officer.get_by_label("已整改").check()
    officer.fill("#id_answer_text", "已删除手机号码")
    officer.fill("#id_answered_on", FIRST_RUN.isoformat())
    officer.get_by_role("button", name="提交答复").click()
    assert officer.locator(".ticket-status").inner_text().strip() == "已答复"

    listed_site.html(PHONE_PAGE, "<p>联系人：张三。</p><p>2026-04-20</p>")
    run_inspection(operator, base, NEXT_RUN)
    operator.locator("table.veto-panel").first.wait_for()
    operator.goto(f"{base}/admin/inspection/findings/?status=fixed")
    fixed = operator.locator("tr[data-type=mobile] .finding-status")
    assert fixed.inner_text().strip() == "已整改"
