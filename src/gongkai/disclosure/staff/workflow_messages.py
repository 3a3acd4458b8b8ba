"""Say what a review step did, instead of Wagtail's 「页面……已被更新」.

A reviewer who approves in the editor is told whether the entry went on to the next
reviewer or was published; one who sends it back is told so. Wagtail's own message for
every save is replaced only when the save carried a workflow action.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest


def workflow_outcome(page: Any, action: str) -> str | None:
    """The message for ``action`` just taken on ``page``; None when nothing to say."""
    title = page.get_admin_display_title()
    if action == "reject":
        return f"已退回「{title}」，请信息员修改后重新提交。"
    if action != "approve":
        return None
    page.refresh_from_db()
    state = page.current_workflow_state
    if state is not None and state.current_task_state is not None:
        task = state.current_task_state.task
        return f"已批准，已提交「{task.name}」审核：「{title}」。"
    if page.live and not page.has_unpublished_changes:
        return f"已批准并发布：「{title}」。"
    return f"已批准：「{title}」。"


def replace_update_message(request: HttpRequest, page: Any) -> None:
    """after_edit_page hook."""
    if not request.POST.get("action-workflow-action"):
        return
    text = workflow_outcome(page, request.POST.get("workflow-action-name", ""))
    if text is None:
        return
    storage = messages.get_messages(request)
    queued = getattr(storage, "_queued_messages", None)
    if isinstance(queued, list) and queued and queued[-1].level == messages.SUCCESS:
        queued.pop()  # Wagtail's 「已被更新」, added just before this hook runs
    messages.success(request, text)
