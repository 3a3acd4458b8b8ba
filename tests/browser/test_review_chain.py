"""Autosave on, at Wagtail's default interval: one click completes one step (issue 13, 1).

Seen on the demo before the guards: a user holding both 分管领导 and 主要负责人 clicked
「批准并附意见」 once, and 1.4 s later autosave replayed the action on 主要负责人把关 and
the entry went live.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings

from tests.browser.test_catalogue_review import (
    AGENCY,
    as_user,
    confidentiality_review,
    create_and_submit,
    footer_action,
    review,
)
from tests.browser.test_staff_login import SCREENSHOTS


@pytest.fixture
def column_id(demo_site: Any) -> int:
    from gongkai.disclosure.models import AgencyCataloguePage, ColumnPage

    branch = AgencyCataloguePage.objects.get(agency__name=AGENCY)
    return ColumnPage.objects.child_of(branch).get(key="regulations").pk


@pytest.fixture
def two_roles(demo_site: Any) -> str:
    """The demo's 分管领导 is made 主要负责人 of the same agency too."""
    from django.contrib.auth import get_user_model

    from gongkai.agencies.models import Agency, Role
    from gongkai.agencies.services import do_grant_role
    from gongkai.audit.context import SYSTEM, acting

    user = get_user_model().objects.get(username="qzfb_second")
    with acting(actor=SYSTEM):
        do_grant_role(user=user, agency=Agency.objects.get(name=AGENCY), role=Role.FINAL_APPROVER)
    return user.get_username()


def task_states(pk: int) -> list[tuple[str, str, str | None]]:
    from wagtail.models import TaskState

    return list(
        TaskState.objects.filter(workflow_state__object_id=str(pk))
        .order_by("started_at", "pk")
        .values_list("task__name", "status", "finished_by__username")
    )


def approve_with_comment(page: Any, comment: str) -> None:
    footer_action(page, "批准并附意见")
    modal = page.locator(".modal-content")
    modal.locator("textarea").first.fill(comment)
    modal.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_two_roles_one_click_completes_one_step_with_autosave_on(
    browser: Any, live_server: Any, column_id: int, two_roles: str
) -> None:
    from gongkai.disclosure.models import CatalogueEntryPage

    assert getattr(settings, "WAGTAIL_AUTOSAVE_INTERVAL", 500) == 500  # Wagtail's default
    base = live_server.url
    editor = as_user(browser, live_server, "qzfb_editor")
    pk = create_and_submit(
        editor,
        base,
        column_id,
        title="关于调整办公时间的通知",
        body="自下周一起，办公时间调整为上午九时至下午五时。",
    )
    first = as_user(browser, live_server, "qzfb_first")
    review(first, base, pk)
    confidentiality_review(first, base, pk)

    leader = as_user(browser, live_server, two_roles)
    # A second tab, left open on the same step while the first one approves.
    left_open = leader.context.new_page()
    left_open.goto(f"{base}/admin/pages/{pk}/edit/")
    leader.goto(f"{base}/admin/pages/{pk}/edit/")
    approve_with_comment(leader, "同意，请主要负责人把关。")
    leader.wait_for_url(f"{base}/admin/pages/{column_id}/")  # the approval has landed
    leader.wait_for_timeout(4000)  # several autosave intervals after the click

    states = task_states(pk)
    assert ("分管领导审核", "approved", two_roles) in states, states
    assert states[-1][:2] == ("主要负责人把关", "in_progress"), states
    assert not CatalogueEntryPage.objects.get(pk=pk).live

    # The tab left open ran its autosave all along; pressing 批准 there now is refused.
    left_open.wait_for_timeout(1500)
    with left_open.expect_navigation():
        footer_action(left_open, "批准")
    assert "本次操作未执行" in left_open.locator(".messages").inner_text()
    assert task_states(pk) == states

    # Reloaded, the step the same person may not complete offers no 「批准」 and says why.
    leader.goto(f"{base}/admin/pages/{pk}/edit/")
    assert "三级审核须由不同人员分别完成" in leader.locator(".messages").inner_text()
    footer = leader.locator("footer")
    assert footer.locator("button[data-workflow-action-name=approve]").count() == 0
    leader.screenshot(path=str(SCREENSHOTS / "review-chain-one-level.png"), full_page=True)
    assert task_states(pk) == states and not CatalogueEntryPage.objects.get(pk=pk).live

    # Another 主要负责人 completes it.
    final = as_user(browser, live_server, "qzfb_final")
    final.goto(f"{base}/admin/pages/{pk}/edit/")
    footer_action(final, "批准")
    final.wait_for_url(f"{base}/admin/pages/{column_id}/")  # the approval has landed
    assert CatalogueEntryPage.objects.get(pk=pk).live
    assert [s for s in task_states(pk) if s[1] == "approved"][-1] == (
        "主要负责人把关",
        "approved",
        "qzfb_final",
    )
