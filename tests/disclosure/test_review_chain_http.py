"""The review chain over HTTP, as Wagtail's editor and its autosave send it (issue 13, 1).

Each request is built from the edit page the reviewer was shown, the way the browser
builds it: the form's own fields plus the hidden inputs Wagtail's JavaScript adds for a
workflow action. Replays of that request — a second POST, the autosave that serializes
the same form, a tab left open on an earlier step or revision — must change nothing.
"""

from __future__ import annotations

import json
from typing import Any

import lxml.html
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from wagtail.models import TaskState

from gongkai.agencies.models import Role
from gongkai.agencies.services import do_grant_role, do_set_combined_review_roles
from gongkai.audit.context import acting
from gongkai.audit.models import AuditEntry
from gongkai.disclosure.models import CatalogueEntryPage
from gongkai.disclosure.staff.chain import STALE_REVISION, STALE_STEP
from tests.disclosure.test_catalogue import CLEAR, act, new_entry

JSON = {"HTTP_ACCEPT": "application/json"}


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def edit_form(client: Client, pk: int) -> list[tuple[str, str]]:
    """What the browser would submit from the edit page as it was rendered."""
    response = client.get(f"/admin/pages/{pk}/edit/")
    assert response.status_code == 200
    document = lxml.html.fromstring(response.content.decode())
    form = document.get_element_by_id("page-edit-form")
    textareas = {t.get("name") for t in form.xpath(".//textarea")}
    # A browser drops the newline that follows <textarea>; lxml keeps it.
    return [
        (name, (value or "").removeprefix("\n") if name in textareas else value or "")
        for name, value in form.form_values()
    ]


def offered_actions(client: Client, pk: int) -> list[str]:
    document = lxml.html.fromstring(client.get(f"/admin/pages/{pk}/edit/").content.decode())
    return [
        b.get("data-workflow-action-name")
        for b in document.xpath("//*[@data-workflow-action-name]")
    ]


def with_action(form: list[tuple[str, str]], action: str, **extra: str) -> dict[str, Any]:
    """The hidden inputs workflow-action.js adds before it submits the form."""
    data: dict[str, Any] = {}
    for name, value in form:
        data.setdefault(name, []).append(value)
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = action
    data["workflow-action-extra-data"] = json.dumps(extra)
    return data


def post(client: Client, pk: int, data: dict[str, Any], **headers: str) -> Any:
    return client.post(f"/admin/pages/{pk}/edit/", data, **headers)


def current(entry: CatalogueEntryPage) -> TaskState | None:
    entry = CatalogueEntryPage.objects.get(pk=entry.pk)
    return entry.current_workflow_task_state


def approvals(entry: CatalogueEntryPage) -> list[tuple[str, str]]:
    return list(
        TaskState.objects.filter(
            workflow_state__object_id=str(entry.pk), status=TaskState.STATUS_APPROVED
        )
        .order_by("finished_at")
        .values_list("task__name", "finished_by__username")
    )


def messages_of(response: Any) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


@pytest.fixture
def submitted(catalogue: Any) -> CatalogueEntryPage:
    """A draft saved once through the editor (as staff write them), then submitted.

    The editor's round trip gives the rich text its block keys; an entry written by a
    service lacks them, and its first form POST would count as an edit.
    """
    entry = new_entry(catalogue)
    editor = client_for(catalogue.user("a", "editor"))
    assert post(editor, entry.pk, dict(edit_form(editor, entry.pk))).status_code == 302
    entry = CatalogueEntryPage.objects.get(pk=entry.pk)
    entry.get_workflow().start(entry, catalogue.user("a", "editor"))
    return entry


@pytest.fixture
def at_second_level(catalogue: Any, submitted: CatalogueEntryPage) -> CatalogueEntryPage:
    act(submitted, catalogue.user("a", "first_reviewer"), "approve")
    act(submitted, catalogue.user("a", "first_reviewer"), "approve", comment="", **CLEAR)
    return submitted


@pytest.fixture
def two_roles(catalogue: Any) -> Any:
    """The 分管领导 who is also 主要负责人 of the same agency."""
    user = catalogue.user("a", "second_reviewer")
    do_grant_role(user=user, agency=catalogue.a, role=Role.FINAL_APPROVER)
    return type(user).objects.get(pk=user.pk)


def test_a_repeated_post_completes_one_step_and_never_reaches_the_next(
    catalogue: Any, submitted: CatalogueEntryPage
) -> None:
    first = client_for(catalogue.user("a", "first_reviewer"))
    data = with_action(edit_form(first, submitted.pk), "approve")
    assert post(first, submitted.pk, data).status_code == 302
    assert current(submitted).task.name == "保密审查"

    # The replay used to reach 保密审查 without its checklist: KeyError 'state_secret', 500.
    again = post(first, submitted.pk, data)
    assert again.status_code == 302
    assert STALE_STEP in messages_of(again)
    state = current(submitted)
    assert state.task.name == "保密审查" and state.status == TaskState.STATUS_IN_PROGRESS
    assert approvals(submitted) == [("科室负责人初审", "a_first_reviewer")]


def test_autosave_carrying_a_workflow_action_changes_nothing(
    catalogue: Any, at_second_level: CatalogueEntryPage, two_roles: Any
) -> None:
    entry = at_second_level
    client = client_for(two_roles)
    data = with_action(edit_form(client, entry.pk), "approve", comment="同意")
    revisions = entry.revisions.count()
    assert post(client, entry.pk, data).status_code == 302
    assert current(entry).task.name == "主要负责人把关"

    # 1.4 s later autosave POSTs the same form, hidden inputs and all.
    replay = post(client, entry.pk, data, **JSON)
    assert replay.status_code == 400
    assert replay.json()["error_code"] == "action_in_autosave"
    assert current(entry).status == TaskState.STATUS_IN_PROGRESS
    assert approvals(entry)[-1] == ("分管领导审核", "a_second_reviewer")
    assert not CatalogueEntryPage.objects.get(pk=entry.pk).live
    assert entry.revisions.count() == revisions  # and no draft saved behind the chain


def test_autosave_after_the_last_step_leaves_no_draft(
    catalogue: Any, at_second_level: CatalogueEntryPage
) -> None:
    entry = at_second_level
    act(entry, catalogue.user("a", "second_reviewer"), "approve")
    final = client_for(catalogue.user("a", "final_approver"))
    data = with_action(edit_form(final, entry.pk), "approve")
    assert post(final, entry.pk, data).status_code == 302
    published = CatalogueEntryPage.objects.get(pk=entry.pk)
    assert published.live and not published.has_unpublished_changes
    revisions = entry.revisions.count()

    assert post(final, entry.pk, data, **JSON).status_code == 400
    after = CatalogueEntryPage.objects.get(pk=entry.pk)
    assert entry.revisions.count() == revisions and not after.has_unpublished_changes


def test_plain_autosave_still_saves_a_draft(catalogue: Any, submitted: CatalogueEntryPage) -> None:
    first = client_for(catalogue.user("a", "first_reviewer"))
    data = dict(edit_form(first, submitted.pk))
    data["title"] = "关于做好2026年秋季学期开学工作的通知（修改）"
    response = post(first, submitted.pk, data, **JSON)
    assert response.status_code == 200 and response.json()["success"]
    assert current(submitted).task.name == "科室负责人初审"


def test_a_form_left_open_on_an_earlier_step_is_refused(
    catalogue: Any, at_second_level: CatalogueEntryPage, two_roles: Any
) -> None:
    """The same user, two tabs: the second tab was rendered for 分管领导审核."""
    entry = at_second_level
    do_set_combined(catalogue, allowed=True)  # even where one person may act twice
    client = client_for(two_roles)
    stale = with_action(edit_form(client, entry.pk), "approve")
    fresh = with_action(edit_form(client, entry.pk), "approve")
    assert post(client, entry.pk, fresh).status_code == 302
    response = post(client, entry.pk, stale)
    assert STALE_STEP in messages_of(response)
    assert current(entry).task.name == "主要负责人把关"
    assert current(entry).status == TaskState.STATUS_IN_PROGRESS


def test_a_form_showing_an_older_revision_is_refused(
    catalogue: Any, submitted: CatalogueEntryPage
) -> None:
    first = client_for(catalogue.user("a", "first_reviewer"))
    data = with_action(edit_form(first, submitted.pk), "approve")
    draft = CatalogueEntryPage.objects.get(pk=submitted.pk).get_latest_revision_as_object()
    draft.body = "<p>在审核人打开页面之后改过的内容。</p>"
    draft.save_revision(user=catalogue.user("a", "editor"))

    response = post(first, submitted.pk, data)
    assert STALE_REVISION in messages_of(response)
    assert current(submitted).task.name == "科室负责人初审"
    assert approvals(submitted) == []


def test_a_rejection_from_a_stale_form_does_not_reopen_the_entry(
    catalogue: Any, submitted: CatalogueEntryPage
) -> None:
    first = client_for(catalogue.user("a", "first_reviewer"))
    reject = with_action(edit_form(first, submitted.pk), "reject", comment="请补充依据")
    approve = with_action(edit_form(first, submitted.pk), "approve")
    assert post(first, submitted.pk, approve).status_code == 302
    assert STALE_STEP in messages_of(post(first, submitted.pk, reject))
    assert current(submitted).task.name == "保密审查"


def test_one_person_completes_one_level_of_an_entrys_review(
    catalogue: Any, at_second_level: CatalogueEntryPage, two_roles: Any
) -> None:
    entry = at_second_level
    client = client_for(two_roles)
    assert "approve" in offered_actions(client, entry.pk)
    assert (
        post(client, entry.pk, with_action(edit_form(client, entry.pk), "approve")).status_code
        == 302
    )
    assert current(entry).task.name == "主要负责人把关"

    # A fresh page for 把关 offers no 「批准」 and says why.
    page = client.get(f"/admin/pages/{entry.pk}/edit/")
    assert "三级审核须由不同人员分别完成" in page.content.decode()
    assert offered_actions(client, entry.pk) == ["reject"]
    forced = post(client, entry.pk, with_action(edit_form(client, entry.pk), "approve"))
    assert any("三级审核须由不同人员分别完成" in m for m in messages_of(forced))
    assert current(entry).status == TaskState.STATUS_IN_PROGRESS
    with pytest.raises(PermissionDenied):
        act(entry, two_roles, "approve")
    assert not CatalogueEntryPage.objects.get(pk=entry.pk).live

    # Another person completes it.
    act(entry, catalogue.user("a", "final_approver"), "approve")
    assert CatalogueEntryPage.objects.get(pk=entry.pk).live


def do_set_combined(catalogue: Any, *, allowed: bool) -> None:
    with acting(actor=catalogue.operator):
        do_set_combined_review_roles(
            agency=catalogue.a, allowed=allowed, reason="本单位仅两名领导，经区政府办批准兼任审核。"
        )
    catalogue.a.refresh_from_db()


def test_the_operators_audited_exception_allows_two_levels_each_by_its_own_action(
    catalogue: Any, at_second_level: CatalogueEntryPage, two_roles: Any
) -> None:
    entry = at_second_level
    do_set_combined(catalogue, allowed=True)
    entry_log = AuditEntry.objects.get(action="agency.combined_review_roles")
    assert entry_log.agency == catalogue.a and "兼任" in entry_log.summary

    client = client_for(two_roles)
    data = with_action(edit_form(client, entry.pk), "approve")
    post(client, entry.pk, data)
    post(client, entry.pk, data, **JSON)  # the autosave replay still does nothing
    assert current(entry).task.name == "主要负责人把关"
    assert (
        post(client, entry.pk, with_action(edit_form(client, entry.pk), "approve")).status_code
        == 302
    )
    assert CatalogueEntryPage.objects.get(pk=entry.pk).live
    assert [who for _, who in approvals(entry)][-2:] == ["a_second_reviewer", "a_second_reviewer"]


def test_only_the_operator_sets_the_exception_and_only_with_a_reason(catalogue: Any) -> None:
    with acting(actor=catalogue.user("a", "agency_admin")), pytest.raises(PermissionDenied):
        do_set_combined_review_roles(
            agency=catalogue.a, allowed=True, reason="人手不够，需要兼任审核。"
        )
    with acting(actor=AnonymousUser()), pytest.raises(PermissionDenied):
        do_set_combined_review_roles(
            agency=catalogue.a, allowed=True, reason="人手不够，需要兼任审核。"
        )
    with acting(actor=catalogue.operator), pytest.raises(ValidationError):
        do_set_combined_review_roles(agency=catalogue.a, allowed=True, reason="")
    catalogue.a.refresh_from_db()
    assert not catalogue.a.combined_review_roles


def test_the_dashboards_action_on_a_finished_step_changes_nothing(
    catalogue: Any, submitted: CatalogueEntryPage
) -> None:
    first = client_for(catalogue.user("a", "first_reviewer"))
    state = current(submitted)
    url = f"/admin/pages/workflow/action/{submitted.pk}/approve/{state.pk}/"
    assert first.post(url).status_code == 302
    again = first.post(url)
    assert again.status_code in (302, 403)
    assert current(submitted).task.name == "保密审查"
    assert approvals(submitted) == [("科室负责人初审", "a_first_reviewer")]


def test_the_operator_sets_the_exception_on_its_screen(catalogue: Any) -> None:
    url = f"/admin/agencies/{catalogue.a.pk}/combined-review/"
    operator = client_for(catalogue.operator)
    assert url in operator.get(f"/admin/agencies/edit/{catalogue.a.pk}/").content.decode()
    no_reason = operator.post(url, {"allowed": "on", "reason": ""})
    assert no_reason.status_code == 200 and "须说明理由" in no_reason.content.decode()
    admin = client_for(catalogue.user("a", "agency_admin"))
    refused = admin.post(url, {"allowed": "on", "reason": "本单位仅两名领导，需兼任审核。"})
    assert refused.status_code in (302, 403) and refused.get("Location") in (None, "/admin/")
    catalogue.a.refresh_from_db()
    assert not catalogue.a.combined_review_roles

    done = operator.post(url, {"allowed": "on", "reason": "本单位仅两名领导，需兼任审核。"})
    assert done.status_code == 302
    catalogue.a.refresh_from_db()
    assert catalogue.a.combined_review_roles
    assert AuditEntry.objects.get(action="agency.combined_review_roles").actor == catalogue.operator


def test_confidentiality_approval_without_its_checklist_is_refused_not_a_500(
    catalogue: Any, submitted: CatalogueEntryPage
) -> None:
    act(submitted, catalogue.user("a", "first_reviewer"), "approve")
    first = client_for(catalogue.user("a", "first_reviewer"))
    form = edit_form(first, submitted.pk)
    missing = post(first, submitted.pk, with_action(form, "approve"))
    assert missing.status_code == 302
    assert any("审核意见不完整" in m for m in messages_of(missing))
    flagged = post(first, submitted.pk, with_action(form, "approve", **{**CLEAR, "privacy": "yes"}))
    assert any("不得公开" in m for m in messages_of(flagged))
    assert current(submitted).task.name == "保密审查"
    assert current(submitted).status == TaskState.STATUS_IN_PROGRESS
    ok = post(first, submitted.pk, with_action(form, "approve", comment="", **CLEAR))
    assert ok.status_code == 302 and current(submitted).task.name == "分管领导审核"


def test_the_editor_reads_where_a_submitted_entry_waits_in_chinese(
    catalogue: Any, at_second_level: CatalogueEntryPage
) -> None:
    """Wagtail's lock message read "This 页面 is awaiting '分管领导审核' in the … workflow."."""
    from tests.english_text import page_english

    editor = client_for(catalogue.user("a", "editor"))
    content = editor.get(f"/admin/pages/{at_second_level.pk}/edit/").content.decode()

    assert "正处于<b>“主动公开三级审核”</b>流程的<b>“分管领导审核”</b>环节" in content
    assert "只有该环节的审核人可以编辑此页面" in content
    assert page_english(content, allowed=["qzfb"]) == []
