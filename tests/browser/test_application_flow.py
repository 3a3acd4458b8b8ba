"""An application from the public form to the answer letter, in a real browser.

The applicant files online; the disclosure officer confirms receipt, asks for a
supplement, receives it, extends the deadline, answers with a partial
disclosure and downloads the letter; the applicant then sees the final status
with the query code — and nothing personal.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from gongkai.rules.identifiers import resident_id_check_char
from gongkai.rules.workdays import YearSchedule
from tests.browser.test_staff_login import SCREENSHOTS, log_in

AGENCY = "武汉市硚口区人民政府办公室"
ID_BODY = "42010419880512301"
ID_NUMBER = ID_BODY + resident_id_check_char(ID_BODY)


def _load_calendars(today: date) -> None:
    """Bundled years, plus an invented schedule for any year the package lacks.

    An extension from late November runs into the next year; the bundled package
    stops at 2026, so the test stands in for the operator loading next year's file.
    """
    from gongkai.workcalendar.selectors import known_years
    from gongkai.workcalendar.services import do_load_schedule, seed_bundled_schedules

    seed_bundled_schedules(today=today)
    for year in (today.year, today.year + 1):
        if year not in known_years():
            new_year = date(year, 1, 1)
            do_load_schedule(
                today=today,
                schedule=YearSchedule(
                    year=year,
                    holidays=frozenset({new_year}),
                    workdays=frozenset(),
                    source="测试用安排",
                ),
                names={new_year: "元旦"},
            )


@pytest.fixture
def office(demo_site: Any) -> None:
    from gongkai.agencies.models import Agency
    from gongkai.agencies.services import do_update_guide_details
    from gongkai.audit.context import acting

    with acting(channel="cli"):
        _load_calendars(timezone.localdate())
        do_update_guide_details(
            agency=Agency.objects.get(name=AGENCY),
            reconsideration_body="武汉市硚口区人民政府",
            court="武汉市硚口区人民法院",
        )


def file_application(page: Any, *, name: str) -> tuple[str, str]:
    """Fill the open application form as a natural person and file it: the receipt number
    and the query code."""
    page.get_by_label("自然人").check()
    page.locator("#id_applicant_name").fill(name)
    page.locator("#id_identity_number").fill(ID_NUMBER)
    page.locator("#id_phone").fill("13912345678")
    page.locator("#id_email").fill("lisi@example.org")
    page.locator("#id_description").fill("2025年某街道老旧小区改造项目的立项批复文件")
    page.get_by_label("电子邮件").first.check()
    page.locator("input[name=delivery_method][value=email]").check()
    page.locator("input[name=declaration]").check()
    with page.expect_navigation():
        page.get_by_role("button", name="提交申请").click()
    receipt_text = page.content()
    receipt = re.search(r"YSQ\d{13}", receipt_text).group(0)
    code = re.search(r'id="query-code">([A-Z0-9]{10})<', receipt_text).group(1)
    return receipt, code


def _open_step(page: Any, label: str) -> Any:
    step = page.locator("details.gk-step", has_text=label)
    step.locator("summary").click()
    return step


def _submit_step(page: Any, step: Any) -> None:
    with page.expect_navigation():
        step.locator("button[type=submit]").click()
    assert page.locator(".messages .success, .messages li.success").count() >= 0
    assert "未办理" not in page.content(), page.content()[:3000]


def test_application_from_form_to_letter(page: Any, live_server: Any, office: None) -> None:
    base = live_server.url
    today = timezone.localdate()

    # The applicant files online.
    page.goto(f"{base}/apply/")
    page.get_by_role("link", name=AGENCY).first.click()
    receipt, code = file_application(page, name="李四")
    page.screenshot(path=str(SCREENSHOTS / "application-receipt.png"), full_page=True)

    # The disclosure officer finds it in the 待确认 queue and works it through.
    log_in(page, base, "qzfb_officer")
    page.goto(f"{base}/admin/applications/?queue=to_confirm")
    with page.expect_navigation():
        page.get_by_role("link", name=receipt).click()
    page.wait_for_url("**/process/")
    page.locator("dd", has_text="李四").first.wait_for()
    _submit_step(page, _open_step(page, "确认收到申请"))

    step = _open_step(page, "告知补正")
    step.locator("[name='supplement-due']").fill((today + timedelta(days=10)).isoformat())
    step.locator("[name='supplement-items']").fill("请写明项目所在街道名称")
    _submit_step(page, step)
    _submit_step(page, _open_step(page, "登记收到补正"))

    step = _open_step(page, "延期答复")
    step.locator("[name='extension-approved_by']").select_option(index=1)
    step.locator("[name='extension-reason']").fill("需调取多个年度档案")
    _submit_step(page, step)

    step = _open_step(page, "作出答复")
    step.locator("[name='answer-answer_type']").select_option("partial")
    step.locator("[name='answer-detail']").fill("文件中涉及个人信息的部分不予公开。")
    _submit_step(page, step)
    assert "已答复" in page.content()
    page.screenshot(path=str(SCREENSHOTS / "application-process.png"), full_page=True)

    answer_letter = page.locator("li", has_text="政府信息公开申请答复书")
    with page.expect_download() as download:
        answer_letter.get_by_role("link", name="PDF").click()
    path = download.value.path()
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert len(page.locator("section[aria-labelledby=gk-letters] li").all()) == 4

    # The applicant checks the status with the query code.
    page.context.clear_cookies()
    page.goto(f"{base}/track/")
    page.locator("[name=receipt_number]").fill(receipt)
    page.locator("[name=query_code]").fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name="查询").click()
    status = page.content()
    assert "已答复" in status and "部分公开" in status
    for private in ("李四", ID_NUMBER, "13912345678", "老旧小区"):
        assert private not in status
    page.screenshot(path=str(SCREENSHOTS / "application-status.png"), full_page=True)
