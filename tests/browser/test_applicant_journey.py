"""The applicant's side online, in a real browser (issue 15.6, "Done when").

The applicant files with an identity proof and is told by e-mail and by SMS (a fake
gateway on loopback); the officer asks for a supplement, which reaches the applicant
by SMS; the applicant uploads it through /track/ with the query code; the officer sees
it on the process page, registers it and answers; the applicant downloads the answer
letter on /track/.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.core import mail
from django.utils import timezone

from tests.browser.test_application_flow import (  # noqa: F401  (office: fixture)
    AGENCY,
    ID_NUMBER,
    _open_step,
    _submit_step,
    office,
)
from tests.browser.test_staff_login import SCREENSHOTS, log_in
from tests.test_applicant_identity import pdf_bytes, png_bytes

MOBILE = "13912345678"
EMAIL = "wangwu@example.org"


def _track(page: Any, base: str, receipt: str, code: str) -> None:
    page.goto(f"{base}/track/")
    page.locator("[name=receipt_number]").fill(receipt)
    page.locator("[name=query_code]").fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name="查询").click()


def test_applicant_journey(
    page: Any,
    live_server: Any,
    office: None,  # noqa: F811  (the fixture imported above)
    sms_gateway: Any,
) -> None:
    base = live_server.url
    mail.outbox.clear()

    # Filing, with a photo of the ID card as identity proof.
    page.goto(f"{base}/apply/")
    page.get_by_role("link", name=AGENCY).first.click()
    page.get_by_label("自然人").check()
    page.locator("#id_applicant_name").fill("王五")
    page.locator("#id_identity_kind").select_option("resident_id")
    page.locator("#id_identity_number").fill(ID_NUMBER)
    page.locator("#id_identity_proof").set_input_files(
        files=[{"name": "身份证.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    page.locator("#id_phone").fill(MOBILE)
    page.locator("#id_email").fill(EMAIL)
    page.locator("#id_description").fill("2025年某街道老旧小区改造项目的立项批复文件")
    page.locator("input[name=information_form][value=email]").check()
    page.locator("input[name=delivery_method][value=online]").check()
    page.locator("input[name=declaration]").check()
    with page.expect_navigation():
        page.get_by_role("button", name="提交申请").click()
    html = page.content()
    receipt = re.search(r"YSQ\d{13}", html).group(0)
    code = re.search(r'id="query-code">([A-Z0-9]{10})<', html).group(1)

    # Told by e-mail and by SMS, the SMS naming nothing but the receipt number.
    assert [m.to for m in mail.outbox] == [[EMAIL]]
    assert receipt in mail.outbox[0].subject
    [sms] = sms_gateway.received
    assert sms["to"] == MOBILE and receipt in sms["text"]
    for personal in ("王五", ID_NUMBER, MOBILE, AGENCY, "老旧小区"):
        assert personal not in sms["text"]

    # The officer confirms and asks for a supplement; the applicant hears of it.
    log_in(page, base, "qzfb_officer")
    page.goto(f"{base}/admin/applications/?queue=to_confirm")
    with page.expect_navigation():
        page.get_by_role("link", name=receipt).click()
    page.wait_for_url("**/process/")
    assert "身份证明" in page.locator("section[aria-labelledby=gk-applicant-files]").inner_text()
    _submit_step(page, _open_step(page, "确认收到申请"))
    step = _open_step(page, "告知补正")
    due = timezone.localdate() + timedelta(days=10)
    step.locator("[name='supplement-due']").fill(due.isoformat())
    step.locator("[name='supplement-items']").fill("请写明项目所在街道名称")
    _submit_step(page, step)
    texts = sms_gateway.texts()
    assert "确认收到" in texts[1] and "需要您补正" in texts[2]
    assert len(mail.outbox) == 3

    # The applicant sends the supplement through /track/.
    page.context.clear_cookies()
    _track(page, base, receipt, code)
    assert "请写明项目所在街道名称" in page.content()
    assert "等待补正期间不计算答复期限" in page.content()
    page.locator("#id_files").set_input_files(
        files=[{"name": "补正说明.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    page.locator("#id_note").fill("项目位于汉正街")
    with page.expect_navigation():
        page.get_by_role("button", name="提交补正材料").click()
    assert "已收到您提交的补正材料" in page.content()
    page.screenshot(path=str(SCREENSHOTS / "applicant-supplement-sent.png"), full_page=True)

    # The officer sees it, registers it and answers.
    log_in(page, base, "qzfb_officer")
    page.goto(f"{base}/admin/applications/")
    with page.expect_navigation():
        page.get_by_role("link", name=receipt).click()
    files = page.locator("section[aria-labelledby=gk-applicant-files]")
    assert "补正材料" in files.inner_text() and "项目位于汉正街" in files.inner_text()
    with page.expect_download() as download:
        files.locator("li", has_text="补正材料").get_by_role("link", name="下载").click()
    with open(download.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    _submit_step(page, _open_step(page, "登记收到补正"))
    step = _open_step(page, "作出答复")
    step.locator("[name='answer-answer_type']").select_option("disclosed")
    _submit_step(page, step)
    assert "已作出答复" in sms_gateway.texts()[-1]

    # The applicant downloads the answer letter on /track/.
    page.context.clear_cookies()
    _track(page, base, receipt, code)
    status = page.content()
    assert "已作出答复" in status or "已答复" in status
    answer = page.locator("li", has_text="政府信息公开申请答复书")
    with page.expect_download() as download:
        answer.get_by_role("link", name="下载PDF").click()
    with open(download.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    page.screenshot(path=str(SCREENSHOTS / "applicant-status-answered.png"), full_page=True)
