"""Guards on Wagtail's page editor so a review step moves only by a holder's explicit action.

Wagtail 8 carries a workflow action as hidden inputs of the edit form
(``action-workflow-action``, ``workflow-action-name``, ``workflow-action-extra-data``),
added by JavaScript when a reviewer presses 「批准」 or submits the modal of
「批准并附意见」. Autosave serializes that same form and POSTs it to the same URL with
``Accept: application/json``; a second or two after the reviewer's own POST it would
replay the action on whatever step is current by then (seen: 分管领导审核 approved, then
主要负责人把关 approved by the same click; after 初审 a 500 at 保密审查; after 把关 a
fresh draft). And a form left open in a tab names no step, so Wagtail applies it to the
current one.

So the editor's form names the step and revision its holder saw, and before Wagtail
handles a POST (``before_edit_page``):

* autosave never carries a workflow, publish or submit action: it is refused as a
  whole (no save either, which would leave a draft behind a finished chain);
* a workflow action applies only to the step the form was rendered for, on the
  revision it showed; otherwise it is refused with a message and nothing changes;
* an action the user may not take there (e.g. a second level of one entry's review
  by the same person, see :func:`gongkai.disclosure.services.review.level_conflict`)
  is refused with its reason instead of silently becoming a 「保存草稿」.

The task's own ``on_action`` repeats the step check under a row lock
(:func:`~gongkai.disclosure.services.review.claim_step`), which also covers the
dashboard's workflow-action view.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.html import format_html
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.models import Page, TaskState

# The hidden input that names the step the editor's form was rendered for.
SEEN_STEP = "gongkai-task-state"

# Form keys that ask Wagtail to act on the workflow or publication, not just to save.
ACTION_KEYS = (
    "action-workflow-action",
    "workflow-action-name",
    "action-publish",
    "action-submit",
    "action-restart-workflow",
    "action-cancel-workflow",
)

AUTOSAVE_REFUSED = "自动保存不执行审核、提交或发布操作，请使用页面底部的按钮。"
NOT_IN_REVIEW = "该条目当前不在审核流程中，本次审核操作未执行。"
STALE_STEP = "该审核环节已经处理（或页面打开后流程已变化），本次操作未执行。请查看最新状态。"
STALE_REVISION = "条目内容在您打开页面后已有更新，本次审核操作未执行。请查看最新内容后再审核。"
NOT_YOURS = "您不能在此环节执行该审核操作。"
BAD_DATA = "审核意见不完整，本次操作未执行。"


def is_autosave(request: HttpRequest) -> bool:
    """Autosave (and any script) asks for JSON; the form's own submission asks for HTML."""
    return not request.accepts("text/html")


def _refuse(request: HttpRequest, page: Page, message: str) -> HttpResponse:
    messages.error(request, message)
    return redirect("wagtailadmin_pages:edit", page.pk)


def _revision_seen_is_latest(request: HttpRequest, page: Page) -> bool:
    """Wagtail's own out-of-date test, applied to the form's submission too."""
    latest = page.get_latest_revision()
    if latest is None:
        return True
    own_autosave = request.POST.get("overwrite_revision_id")
    if own_autosave:
        return own_autosave == str(latest.pk)
    return (
        request.POST.get("loaded_revision_id") == str(latest.pk)
        and request.POST.get("loaded_revision_created_at") == latest.created_at.isoformat()
    )


def guard_edit_request(request: HttpRequest, page: Page) -> HttpResponse | None:
    """``before_edit_page``: refuse what would move the chain without its holder's action."""
    if request.method != "POST":
        _warn_if_level_taken(request, page)
        return None
    if is_autosave(request):
        if any(request.POST.get(key) for key in ACTION_KEYS):
            return JsonResponse(
                {
                    "success": False,
                    "error_code": "action_in_autosave",
                    "error_message": AUTOSAVE_REFUSED,
                },
                status=400,
            )
        return None
    if not request.POST.get("action-workflow-action"):
        return None
    return _refusal_of_workflow_action(request, page)


def _refusal_of_workflow_action(request: HttpRequest, page: Page) -> HttpResponse | None:
    from gongkai.disclosure.services.review import step_refusal

    state = page.current_workflow_task_state
    if state is None:
        return _refuse(request, page, NOT_IN_REVIEW)
    if request.POST.get(SEEN_STEP) != str(state.pk):
        return _refuse(request, page, STALE_STEP)
    if not _revision_seen_is_latest(request, page):
        return _refuse(request, page, STALE_REVISION)
    action = request.POST.get("workflow-action-name", "")
    reason = step_refusal(task_state=state, user=request.user, action=action)
    if reason:
        return _refuse(request, page, reason)
    task = state.task.specific
    offered = [name for name, _label, _modal in task.get_actions(page, request.user)]
    if action not in offered:
        return _refuse(request, page, NOT_YOURS)
    return _refusal_of_action_data(request, page, task, action)


def _refusal_of_action_data(
    request: HttpRequest, page: Page, task: Any, action: str
) -> HttpResponse | None:
    """The modal's data is validated by the task's own form, as the modal view does.

    Wagtail passes ``workflow-action-extra-data`` to the task unchecked: a crafted or
    replayed POST could approve 保密审查 without (or against) its checklist.
    """
    try:
        extra = json.loads(request.POST.get("workflow-action-extra-data") or "{}")
    except ValueError:
        extra = None
    if not isinstance(extra, dict):
        return _refuse(request, page, BAD_DATA)
    form_class = task.get_form_for_action(action)
    if form_class is None:
        return None
    form = form_class(data=extra)
    if form.is_valid():
        return None
    errors = "；".join(str(e) for errors in form.errors.values() for e in errors)
    return _refuse(request, page, f"{BAD_DATA}{errors}")


def _warn_if_level_taken(request: HttpRequest, page: Page) -> None:
    """Tell a holder of two roles why the next level offers no 「批准」."""
    from gongkai.disclosure.models.review import holds_role
    from gongkai.disclosure.services.review import level_conflict

    state = page.current_workflow_task_state
    role = getattr(state.task.specific, "role", None) if state else None
    if not role or not holds_role(request.user, page, role):
        return
    reason = level_conflict(workflow_state=state.workflow_state, role=role, user=request.user)
    if reason:
        messages.warning(request, reason)


class SeenStepInput(ActionMenuItem):
    """Not a button: the hidden input naming the step the form was rendered for."""

    order = 10_000

    def is_shown(self, context: dict[str, Any]) -> bool:
        return context.get("view") == "edit"

    def render_html(self, parent_context: Any = None) -> str:
        page = (parent_context or {}).get("page")
        state: TaskState | None = page.current_workflow_task_state if page else None
        return format_html(
            '<input type="hidden" name="{}" value="{}">', SEEN_STEP, state.pk if state else ""
        )


def add_seen_step(menu_items: list[Any], request: HttpRequest, context: dict[str, Any]) -> None:
    """``construct_page_action_menu``: every edit form names the step it shows."""
    page = context.get("page")
    if context.get("view") == "edit" and page is not None and page.current_workflow_task_state:
        menu_items.append(SeenStepInput())
