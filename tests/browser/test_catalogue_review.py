"""An entry from draft through the three reviews and the confidentiality review to the
public page, in a real browser; and a planted ID number that stops the final approval
until it is masked."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import timezone

from gongkai.rules.identifiers import resident_id_check_char
from tests.browser.test_staff_login import SCREENSHOTS, log_in

AGENCY = "武汉市硚口区人民政府办公室"
ID_BODY = "42010419750315201"
PLANTED_ID = ID_BODY + resident_id_check_char(ID_BODY)


@pytest.fixture
def column_id(demo_site: Any) -> int:
    from gongkai.disclosure.models import AgencyCataloguePage, ColumnPage

    branch = AgencyCataloguePage.objects.get(agency__name=AGENCY)
    return ColumnPage.objects.child_of(branch).get(key="regulations").pk


def as_user(browser: Any, live_server: Any, username: str) -> Any:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    page = context.new_page()
    log_in(page, live_server.url, username)
    return page


def footer_action(page: Any, label: str) -> None:
    """Press an action of the editor's footer menu (the rest hide in its dropdown)."""
    footer = page.locator("footer")
    button = footer.get_by_role("button", name=label, exact=True)
    if not button.is_visible():
        footer.locator(".w-dropdown__toggle").first.click()
    button.click()


def create_and_submit(page: Any, base: str, column_id: int, *, title: str, body: str) -> int:
    page.goto(f"{base}/admin/pages/add/disclosure/catalogueentrypage/{column_id}/")
    page.fill("#id_title", title)
    page.fill("#id_document_number", "硚政办〔2026〕12号")
    page.fill("#id_formed_on", (timezone.localdate()).isoformat())
    page.select_option("#id_subject", "综合政务")
    page.select_option("#id_info_type", "normative_document")
    editor = page.locator(".Draftail-Editor [contenteditable=true]").first
    editor.click()
    editor.type(body)
    # Draftail copies its content into the form's hidden field on change; wait for it.
    page.wait_for_function(
        "text => document.querySelector('input[name=body]').value.includes(text)", arg=body[-6:]
    )
    footer_action(page, "提交给主动公开三级审核")
    page.wait_for_url(f"{base}/admin/pages/{column_id}/")  # back to the column's listing
    assert "已创建并提交审核" in page.locator(".messages").inner_text()
    from gongkai.disclosure.models import CatalogueEntryPage

    return CatalogueEntryPage.objects.get(title=title).pk


def review(page: Any, base: str, pk: int, label: str = "批准") -> None:
    page.goto(f"{base}/admin/pages/{pk}/edit/")
    footer_action(page, label)
    page.wait_for_load_state()


def confidentiality_review(page: Any, base: str, pk: int, reason: str = "") -> None:
    """The checklist asks every question; all 否 passes (with a reason when screening
    found something)."""
    page.goto(f"{base}/admin/pages/{pk}/edit/")
    footer_action(page, "完成保密审查并通过")
    modal = page.locator(".modal-content")
    modal.locator("input[type=radio][value=no]").first.wait_for()
    for radio in modal.locator("input[type=radio][value=no]").all():
        radio.check()
    if reason:
        modal.locator("textarea[name=privacy_reason]").fill(reason)
    modal.locator("button[type=submit]").click()
    page.wait_for_load_state()
    page.wait_for_timeout(500)


def review_until_final(browser: Any, live_server: Any, pk: int, reason: str = "") -> None:
    """初审 with the confidentiality checklist, then 审核: the entry waits for 把关."""
    first = as_user(browser, live_server, "qzfb_first")
    review(first, live_server.url, pk)
    confidentiality_review(first, live_server.url, pk, reason)
    second = as_user(browser, live_server, "qzfb_second")
    review(second, live_server.url, pk)
    assert "已批准，已提交「" in second.locator(".messages").inner_text()


def test_entry_goes_through_the_chain_to_the_portal(
    browser: Any, live_server: Any, column_id: int
) -> None:
    from gongkai.disclosure.models import CatalogueEntryPage

    base = live_server.url
    editor = as_user(browser, live_server, "qzfb_editor")
    title = "关于印发《硚口区政务公开工作规范》的通知"
    pk = create_and_submit(editor, base, column_id, title=title,
                           body="各街道、各部门：现将工作规范印发给你们，请遵照执行。")  # fmt: skip
    assert not CatalogueEntryPage.objects.get(pk=pk).live

    review_until_final(browser, live_server, pk)
    final = as_user(browser, live_server, "qzfb_final")
    review(final, base, pk)
    final.wait_for_timeout(500)
    # The message says what the approval did, not Wagtail's 「已被更新」.
    assert "已批准并发布" in final.locator(".messages").inner_text()

    entry = CatalogueEntryPage.objects.get(pk=pk)
    assert entry.live, "the final approval should publish the entry"
    assert entry.index_number and entry.index_number.startswith(entry.agency.code + "/")
    public = editor.context.new_page()
    public.goto(base + entry.url)
    table = public.locator("table.meta-table")
    assert entry.index_number in table.inner_text()
    assert "硚政办〔2026〕12号" in table.inner_text()
    public.screenshot(path=str(SCREENSHOTS / "catalogue-published.png"), full_page=True)


def test_planted_id_blocks_final_approval_until_masked(
    browser: Any, live_server: Any, column_id: int
) -> None:
    from gongkai.disclosure.models import CatalogueEntryPage

    base = live_server.url
    editor = as_user(browser, live_server, "qzfb_editor")
    body = f"救助对象：王某某，身份证号{PLANTED_ID}，救助金额2000元。"
    pk = create_and_submit(editor, base, column_id, title="2026年度临时救助名单公示", body=body)
    review_until_final(
        browser, live_server, pk, reason="名单依法应当公示，脱敏与否请主要负责人决定"
    )

    final = as_user(browser, live_server, "qzfb_final")
    final.goto(f"{base}/admin/pages/{pk}/edit/")
    panel = final.locator(".gk-screening")
    draft = CatalogueEntryPage.objects.get(pk=pk).get_latest_revision_as_object()
    assert PLANTED_ID in draft.body, draft.body
    assert "处理前不能发布" in panel.inner_text()
    assert PLANTED_ID not in panel.inner_text()  # the preview is masked
    final.screenshot(path=str(SCREENSHOTS / "catalogue-blocked.png"), full_page=True)
    footer = final.locator("footer")  # the actions sit in a closed dropdown: match by markup
    assert footer.locator("button[data-workflow-action-name=approve]").count() == 0
    assert footer.locator("button[data-workflow-action-name=override]").count() == 1
    assert not CatalogueEntryPage.objects.get(pk=pk).live

    # Sent back with a comment, the editor masks the ID with one click.
    footer_action(final, "退回修改")
    modal = final.locator(".modal-content")
    modal.locator("textarea").first.fill("名单含未脱敏的身份证号，请处理后重新提交。")
    modal.locator("button[type=submit]").click()
    final.wait_for_url(f"{base}/admin/pages/{column_id}/")  # the rejection has landed
    editor.goto(f"{base}/admin/pages/{pk}/edit/")
    editor.get_by_role("button", name=re.compile("一键脱敏")).click()
    editor.wait_for_load_state()
    assert "未发现个人信息" in editor.locator(".gk-screening").inner_text()
    draft = CatalogueEntryPage.objects.get(pk=pk).get_latest_revision_as_object()
    assert PLANTED_ID not in draft.body and PLANTED_ID[-4:] in draft.body
