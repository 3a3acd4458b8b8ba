"""Who works for which agency, in which role of the disclosure work."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    """The people of the review chain and the application office.

    The three reviewers follow 「科室负责人初审，分管领导审核，主要负责人把关」;
    the disclosure officer is the 政府信息公开工作机构 of Art. 29 that receives
    and answers applications.
    """

    EDITOR = "editor", "信息员"
    FIRST_REVIEWER = "first_reviewer", "科室负责人（初审）"
    SECOND_REVIEWER = "second_reviewer", "分管领导（审核）"
    FINAL_APPROVER = "final_approver", "主要负责人（把关）"
    DISCLOSURE_OFFICER = "disclosure_officer", "政府信息公开工作机构"
    AGENCY_ADMIN = "agency_admin", "机构管理员"
    # 三员分立 (等保2.0): the operator is the platform's system administrator; beside it,
    # the security administrator and the audit administrator (gongkai.agencies.duties).
    OPERATOR = "operator", "平台运营方"
    SECURITY_ADMIN = "security_admin", "安全管理员"
    AUDIT_ADMIN = "audit_admin", "审计管理员"


# The platform's three administrators; a membership in one is held in an agency only
# because every membership names one (the big-data centre's, in the demo).
PLATFORM_ROLES = frozenset({Role.OPERATOR, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
# The roles of an agency's own work.
AGENCY_ROLES = [role for role in Role if role not in PLATFORM_ROLES]


class MembershipQuerySet(models.QuerySet["Membership"]):
    def visible_to(self, user: Any) -> MembershipQuerySet:
        """An administrator sees the staff of their agencies; others see only themselves."""
        from gongkai.agencies.duties import reads_platform
        from gongkai.agencies.selectors import administered_agency_ids

        if reads_platform(user):
            return self
        return self.filter(
            models.Q(agency_id__in=administered_agency_ids(user)) | models.Q(user_id=user.pk)
        )

    def with_role(self, role: Role) -> MembershipQuerySet:
        return self.filter(role=role)


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="人员",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机构",
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField("角色", max_length=30, choices=Role.choices)
    created_at = models.DateTimeField("授予时间", auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = "人员角色"
        verbose_name_plural = "人员角色"
        ordering = ["agency__code", "user__username", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        from gongkai.agencies.names import staff_name

        return f"{staff_name(self.user)} · {self.agency.display_name} · {self.get_role_display()}"
