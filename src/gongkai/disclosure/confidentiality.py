"""保密审查 sees what screening found (issue 13 (6)).

An entry with a planted ID number passed 保密审查 with 「不涉及个人隐私」: the checklist
never showed the findings. Now the review's form shows the revision's stored blocking
findings beside the checklist, and answering 「否」 to the privacy question while they
stand needs a written reason, kept with the answers. The rule is checked twice: by the
form (to show the error in the modal) and by the task's ``on_action`` on the real task
state (the edit view posts the modal's data again without the form).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from wagtail.models import TaskState

PRIVACY_QUESTION = "privacy"
PRIVACY_REASON = "privacy_reason"
MIN_REASON = 10


def standing_findings(task_state: Any) -> list[dict[str, Any]]:
    """The blocking findings of the revision under review (screened now if the
    background job has not yet run: this is called before the action's transaction)."""
    from gongkai.disclosure.screening import screen_page
    from gongkai.disclosure.verdicts import ensure_verdict, is_entry_revision

    revision = task_state.revision
    if revision is None:
        return []
    if not is_entry_revision(revision):
        # 机构信息, the guide, a column: screened now (no attachments, no stored verdict).
        found = [f.stored() for f in screen_page(revision.as_object())]
        return [f for f in found if f["blocking"]]
    return ensure_verdict(revision).blocking_findings


def findings_for_task_state_id(task_state_id: Any) -> list[dict[str, Any]]:
    try:
        state = TaskState.objects.select_related("revision").get(pk=int(task_state_id))
    except (TypeError, ValueError, TaskState.DoesNotExist):
        return []
    return standing_findings(state)


def privacy_reason_error(
    answers: dict[str, Any], reason: str, findings: list[dict[str, Any]]
) -> str | None:
    """Why the answers cannot be accepted, or None: 「否」 against findings needs a reason."""
    if not findings or answers.get(PRIVACY_QUESTION) != "no":
        return None
    if len((reason or "").strip()) >= MIN_REASON:
        return None
    return (
        f"筛查发现{len(findings)}处个人信息、密级标志或无法读取的附件，"
        f"“个人隐私”一项选择“否”须写明理由（至少{MIN_REASON}字），"
        "例如已核对为依法应当公开的信息；否则请选择“退回修改”。"
    )


def check_answers(task_state: Any, answers: dict[str, Any]) -> None:
    """``on_action``'s check on the real task state."""
    error = privacy_reason_error(
        answers, answers.get(PRIVACY_REASON, ""), standing_findings(task_state)
    )
    if error:
        raise ValidationError(error)
