"""The review chain as Wagtail workflow tasks.

「科室负责人初审，分管领导审核，主要负责人把关」 plus the confidentiality review
(「公开不涉密，涉密不公开」). Wagtail's group tasks know nothing of agencies; these tasks
ask the agency roles (Membership) of the entry's own agency, so a first reviewer of one
agency can never approve another agency's entry.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db import models, transaction
from wagtail.models import Page, Task, TaskState

from gongkai.agencies.models import Role
from gongkai.rules.catalogue import CONFIDENTIALITY_CHECKLIST

REVIEW_ROLES = [
    (Role.FIRST_REVIEWER.value, Role.FIRST_REVIEWER.label),
    (Role.SECOND_REVIEWER.value, Role.SECOND_REVIEWER.label),
    (Role.FINAL_APPROVER.value, Role.FINAL_APPROVER.label),
]

YES_NO = [("no", "否"), ("yes", "是")]


def _agency_of(obj: Any) -> Any:
    specific = obj.specific if isinstance(obj, Page) else obj
    return getattr(specific, "agency", None)


def holds_role(user: Any, obj: Any, role: str) -> bool:
    from gongkai.agencies.selectors import roles_of

    agency = _agency_of(obj)
    if agency is None or not user.is_authenticated:
        return False
    return role in roles_of(user, agency)


def may_complete(obj: Any, user: Any, role: str) -> bool:
    """Whether ``user`` may complete a step of ``role`` in the entry's current review run."""
    from gongkai.disclosure.services.review import level_conflict

    state = obj.current_workflow_state if isinstance(obj, Page) else None
    return state is None or level_conflict(workflow_state=state, role=role, user=user) is None


class RoleReviewTask(Task):
    """One link of the chain, done by the holders of a role in the entry's agency."""

    role = models.CharField("审核角色", max_length=30, choices=REVIEW_ROLES)

    admin_form_fields = [*Task.admin_form_fields, "role"]

    class Meta:
        verbose_name = "按角色审核"
        verbose_name_plural = "按角色审核"

    def user_can_access_editor(self, obj: Any, user: Any) -> bool:
        return holds_role(user, obj, self.role)

    def locked_for_user(self, obj: Any, user: Any) -> bool:
        return not holds_role(user, obj, self.role)

    def get_actions(self, obj: Any, user: Any) -> list[tuple[str, str, bool]]:
        if not holds_role(user, obj, self.role):
            return []
        actions = [("reject", "退回修改", True)]
        if not may_complete(obj, user, self.role):
            return actions  # one person, one level of the chain (claim_step)
        if self.role == Role.FINAL_APPROVER:
            from gongkai.disclosure.publication import blocking_findings_for

            if blocking_findings_for(obj, revision=obj.get_latest_revision()):
                # Personal data or a secret marking stands: only a recorded override passes.
                return [*actions, ("override", "确认豁免并批准（须说明理由）", True)]
        return [*actions, ("approve", "批准", False), ("approve", "批准并附意见", True)]

    def get_form_for_action(self, action: str) -> type[forms.Form]:
        if action == "override":
            return ScreeningOverrideForm
        return super().get_form_for_action(action)

    @transaction.atomic
    def on_action(self, task_state: TaskState, user: Any, action_name: str, **kwargs: Any) -> Any:
        from gongkai.disclosure.services.review import claim_step, do_record_override

        claim_step(task_state=task_state, user=user, action=action_name)
        if action_name == "override":
            entry = task_state.workflow_state.content_object
            do_record_override(
                entry=entry, revision=task_state.revision, user=user, reason=kwargs["reason"]
            )
            task_state.approve(user=user, comment=f"豁免筛查：{kwargs['reason']}")
            return None
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user: Any, **kwargs: Any) -> Any:
        from gongkai.agencies.selectors import agency_ids_with_role

        agency_ids = agency_ids_with_role(user, self.role)
        if not agency_ids:
            return TaskState.objects.none()
        from gongkai.disclosure.models.entry import CatalogueEntryPage

        entry_ids = CatalogueEntryPage.objects.filter(agency_id__in=agency_ids).values_list(
            "pk", flat=True
        )
        return self.task_states.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__object_id__in=[str(pk) for pk in entry_ids],
        )

    @classmethod
    def get_description(cls) -> str:
        return "由条目所属机构中担任指定角色的人员审核"


class ConfidentialityReviewState(TaskState):
    """Keeps the checklist answers given when the confidentiality review passed."""

    answers = models.JSONField("保密审查答复", default=dict)

    class Meta:
        verbose_name = "保密审查记录"


class ConfidentialityReviewTask(RoleReviewTask):
    """保密审查: approval requires answering every checklist question, all 否."""

    task_state_class = ConfidentialityReviewState

    class Meta:
        verbose_name = "保密审查"
        verbose_name_plural = "保密审查"

    def get_actions(self, obj: Any, user: Any) -> list[tuple[str, str, bool]]:
        if not holds_role(user, obj, self.role):
            return []
        return [("reject", "退回修改", True), ("approve", "完成保密审查并通过", True)]

    def get_form_for_action(self, action: str) -> type[forms.Form]:
        if action == "approve":
            return ConfidentialityChecklistForm
        return super().get_form_for_action(action)

    def get_template_for_action(self, action: str) -> str:
        if action == "approve":  # the checklist beside the screening findings
            return "disclosure/staff/confidentiality_review_modal.html"
        return super().get_template_for_action(action)

    @transaction.atomic
    def on_action(self, task_state: TaskState, user: Any, action_name: str, **kwargs: Any) -> Any:
        from gongkai.disclosure.services.review import claim_step

        claim_step(task_state=task_state, user=user, action=action_name)
        if action_name == "approve":
            from gongkai.disclosure.confidentiality import PRIVACY_REASON, check_answers

            check_answers(task_state, kwargs)
            state = task_state.specific
            state.answers = {key: kwargs[key] for key, _ in CONFIDENTIALITY_CHECKLIST}
            if (kwargs.get(PRIVACY_REASON) or "").strip():
                state.answers[PRIVACY_REASON] = kwargs[PRIVACY_REASON].strip()
            state.save(update_fields=["answers"])
            state.approve(user=user, comment=kwargs.get("comment", ""))
            return None
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls) -> str:
        return "按保密审查清单逐项确认，全部为“否”方可通过"


class ConfidentialityChecklistForm(forms.Form):
    comment = forms.CharField(label="审查意见", required=False, widget=forms.Textarea)
    # Which review this answers: the modal writes it, so the form can check the answers
    # against that revision's screening findings (on_action checks the real one again).
    reviewed_state = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, question in CONFIDENTIALITY_CHECKLIST:
            self.fields[key] = forms.ChoiceField(
                label=question, choices=YES_NO, widget=forms.RadioSelect, required=True
            )
        self.fields["privacy_reason"] = forms.CharField(
            label="“个人隐私”一项选择“否”的理由",
            required=False,
            widget=forms.Textarea,
            help_text="筛查发现个人信息等问题时必填，将随审查答复保存。",
        )

    def clean(self) -> dict[str, Any]:
        from gongkai.disclosure.confidentiality import (
            findings_for_task_state_id,
            privacy_reason_error,
        )

        cleaned = super().clean() or {}
        flagged = [q for key, q in CONFIDENTIALITY_CHECKLIST if cleaned.get(key) == "yes"]
        if flagged:
            raise forms.ValidationError(
                "经审查存在不得公开的情形：" + "；".join(flagged) + "。请选择“退回修改”。"
            )
        findings = findings_for_task_state_id(cleaned.get("reviewed_state"))
        error = privacy_reason_error(cleaned, cleaned.get("privacy_reason", ""), findings)
        if error:
            self.add_error("privacy_reason", error)
        return cleaned


class ScreeningOverrideForm(forms.Form):
    reason = forms.CharField(
        label="豁免理由",
        min_length=10,
        widget=forms.Textarea,
        help_text="说明为何筛查发现的个人信息或密级标识可以公开（例如：依法应当公示的信息），将记入审计日志。",
    )


class ScreeningOverride(models.Model):
    """The final approver's recorded decision to publish a revision despite findings."""

    entry = models.ForeignKey(
        "disclosure.CatalogueEntryPage", on_delete=models.CASCADE, related_name="overrides"
    )
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField("豁免理由")
    findings = models.JSONField("当时的筛查结果", default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "筛查豁免"
        constraints = [
            models.UniqueConstraint(fields=["revision"], name="one_override_per_revision")
        ]

    def __str__(self) -> str:
        return f"筛查豁免（修订{self.revision_id}）"
