"""The review of topic columns (专题专栏), which the operator creates under the home page.

Wagtail's own default workflow (「Moderators approval」, on the root page) hands new pages
to its 「Moderators」 group, which nobody here belongs to: a topic column submitted for
review locked there for good. Topic columns are the operator's, so the workflow that
covers them is done by the operator's role group. Agency branches keep their own
三级审核 workflow (the nearer WorkflowPage wins).
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from gongkai.agencies.models import Role
from gongkai.agencies.roles import group_name

TOPIC_WORKFLOW_NAME = "专题专栏审核"
TOPIC_TASK_NAME = "平台运营方审核"


def topic_workflow() -> Workflow:
    """The workflow of the home page's own children, created once with its one task."""
    workflow = Workflow.objects.filter(name=TOPIC_WORKFLOW_NAME).first()
    if workflow is not None:
        return workflow
    operators = Group.objects.get_or_create(name=group_name(Role.OPERATOR))[0]
    with transaction.atomic():
        workflow = Workflow.objects.create(name=TOPIC_WORKFLOW_NAME, active=True)
        task = GroupApprovalTask.objects.create(name=TOPIC_TASK_NAME)
        task.groups.set([operators])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def ensure_topic_workflow(*, home: Page) -> None:
    """Idempotent: the home page (so every topic column under it) gets the topic workflow."""
    WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": topic_workflow()})
