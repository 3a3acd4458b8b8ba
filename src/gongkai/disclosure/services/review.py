"""The review workflow of the catalogue and the final approver's screening override."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from wagtail.models import Page, TaskState, Workflow, WorkflowPage, WorkflowState, WorkflowTask

from gongkai.agencies.models import Role
from gongkai.audit.services import record
from gongkai.disclosure.models import (
    ConfidentialityReviewTask,
    RoleReviewTask,
    ScreeningOverride,
)

WORKFLOW_NAME = "主动公开三级审核"

# The order of the chain: 初审, then the confidentiality review by the same 科室负责人 who
# knows the document, then 审核 and 把关.
CHAIN: tuple[tuple[type[RoleReviewTask], str, str], ...] = (
    (RoleReviewTask, "科室负责人初审", Role.FIRST_REVIEWER),
    (ConfidentialityReviewTask, "保密审查", Role.FIRST_REVIEWER),
    (RoleReviewTask, "分管领导审核", Role.SECOND_REVIEWER),
    (RoleReviewTask, "主要负责人把关", Role.FINAL_APPROVER),
)


def review_workflow() -> Workflow:
    """The one review workflow of the platform, created with its four ordered tasks."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        return workflow
    workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    for order, (model, name, role) in enumerate(CHAIN):
        task = model.objects.create(name=name, role=role)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


def ensure_review_workflow(*, branch: Page) -> None:
    WorkflowPage.objects.get_or_create(page=branch, defaults={"workflow": review_workflow()})


def do_record_override(*, entry: Any, revision: Any, user: Any, reason: str) -> ScreeningOverride:
    """Only the final approver of the entry's own agency may let findings through."""
    from gongkai.agencies.selectors import roles_of
    from gongkai.disclosure.verdicts import ensure_verdict

    entry = entry.specific
    if Role.FINAL_APPROVER not in roles_of(user, entry.agency):
        raise PermissionDenied("只有本机构主要负责人可以豁免筛查结果。")
    reason = reason.strip()
    if len(reason) < 10:
        raise ValidationError("豁免理由至少10个字。")
    # The stored verdict keeps where and what, never the personal data itself.
    findings = ensure_verdict(revision).blocking_findings
    with transaction.atomic():
        override = ScreeningOverride.objects.create(
            entry=entry, revision=revision, user=user, reason=reason, findings=findings
        )
        record(
            action="catalogue.screening.override",
            summary=f"主要负责人豁免“{entry.title}”的{len(findings)}处筛查结果",
            obj=entry,
            agency=entry.agency,
            actor=user,
            changes={"reason": reason, "findings": findings},
        )
    return override


# The workflow actions that complete a step (as opposed to sending the entry back).
COMPLETING_ACTIONS = frozenset({"approve", "override"})


def level_conflict(*, workflow_state: WorkflowState, role: str, user: Any) -> str | None:
    """Why ``user`` may not complete a step of ``role`` in this review run, or ``None``.

    三级审核 means three people: one person completes at most one level (role) of an
    entry's review run. 初审 and 保密审查 are both the 科室负责人's level. The operator's
    audited exception (``Agency.combined_review_roles``) lifts this for one agency; each
    level then still needs its own explicit action.
    """
    entry = workflow_state.content_object.specific
    agency = getattr(entry, "agency", None)
    if agency is None or agency.combined_review_roles:
        return None
    done = (
        TaskState.objects.filter(
            workflow_state=workflow_state, status=TaskState.STATUS_APPROVED, finished_by=user
        )
        .select_related("task")
        .order_by("finished_at")
    )
    for state in done:
        other_role = getattr(state.task.specific, "role", None)
        if other_role and other_role != role:
            return (
                f"您已完成本条目的“{state.task.name}”，同一人不能再完成“{Role(role).label}”一级的审核："
                "三级审核须由不同人员分别完成。请由本机构其他人员处理。"
            )
    return None


def step_refusal(*, task_state: TaskState, user: Any, action: str) -> str | None:
    """Why ``action`` by ``user`` on ``task_state`` must not happen now, or ``None``.

    A task is completed, rejected or re-opened only while it is the run's current,
    open step: a repeated POST or a stale form finds it finished and changes nothing.
    """
    workflow_state = task_state.workflow_state
    if (
        task_state.status != TaskState.STATUS_IN_PROGRESS
        or workflow_state.status != WorkflowState.STATUS_IN_PROGRESS
        or workflow_state.current_task_state_id != task_state.pk
    ):
        return "该审核环节已经处理（或流程已变化），本次操作未执行。请刷新页面查看最新状态。"
    if action not in COMPLETING_ACTIONS:
        return None
    role = getattr(task_state.task.specific, "role", None)
    if role is None:
        return None
    return level_conflict(workflow_state=workflow_state, role=role, user=user)


def claim_step(*, task_state: TaskState, user: Any, action: str) -> None:
    """Take the step for this action, or refuse; called inside the task's atomic action.

    The task state is re-read under a row lock, so two POSTs racing for one step cannot
    both pass.
    """
    fresh = (
        TaskState.objects.select_for_update(of=("self",))
        .select_related("workflow_state")
        .get(pk=task_state.pk)
    )
    reason = step_refusal(task_state=fresh, user=user, action=action)
    if reason:
        raise PermissionDenied(reason)
