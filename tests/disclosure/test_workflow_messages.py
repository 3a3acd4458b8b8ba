"""A review step's message says what happened: sent on to whom, published, sent back."""

from __future__ import annotations

from typing import Any

from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from gongkai.disclosure.staff.workflow_messages import replace_update_message, workflow_outcome
from tests.disclosure.test_catalogue import CLEAR, act, new_entry


def test_approval_names_the_next_step_then_publication(catalogue: Any) -> None:
    entry = new_entry(catalogue)
    entry.get_workflow().start(entry, catalogue.user("a", "editor"))
    act(entry, catalogue.user("a", "first_reviewer"), "approve")
    message = workflow_outcome(entry, "approve")
    assert message is not None and message.startswith("已批准，已提交「")
    task = entry.current_workflow_task.name
    assert f"「{task}」审核" in message
    act(entry, catalogue.user("a", "first_reviewer"), "approve", comment="", **CLEAR)
    act(entry, catalogue.user("a", "second_reviewer"), "approve")
    act(entry, catalogue.user("a", "final_approver"), "approve")
    assert workflow_outcome(entry, "approve") == f"已批准并发布：「{entry.title}」。"
    assert "已退回" in (workflow_outcome(entry, "reject") or "")


def test_wagtail_update_message_is_replaced(catalogue: Any) -> None:
    entry = new_entry(catalogue)
    request = RequestFactory().post(
        "/", {"action-workflow-action": "true", "workflow-action-name": "reject"}
    )
    request.session = {}  # type: ignore[assignment]
    storage = FallbackStorage(request)
    request._messages = storage  # type: ignore[attr-defined]
    from django.contrib import messages

    messages.success(request, f"页面“{entry.title}”已被更新。")
    replace_update_message(request, entry)
    texts = [str(m) for m in storage]
    assert texts == [f"已退回「{entry.title}」，请信息员修改后重新提交。"]
