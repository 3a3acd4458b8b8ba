"""The review workflow of the catalogue and the final approver's screening override."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from wagtail.models import Page, Workflow, WorkflowPage, WorkflowTask

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
    from gongkai.disclosure.screening import screen_entry

    entry = entry.specific
    if Role.FINAL_APPROVER not in roles_of(user, entry.agency):
        raise PermissionDenied("只有本机构主要负责人可以豁免筛查结果。")
    reason = reason.strip()
    if len(reason) < 10:
        raise ValidationError("豁免理由至少10个字。")
    findings = [f.as_dict() for f in screen_entry(revision.as_object()) if f.finding.blocking]
    for finding in findings:  # the audit keeps where and what, never the personal data
        finding.pop("text", None)
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
