"""An agency's annual report for one year: its narrative, its review and its final form.

The tables are not stored while the report is being written: they are rebuilt from the
records every time, so a late correction to an application shows up. Marking the report
final freezes them: the JSON the portal, the DOCX and the PDF print from is copied into
:attr:`AnnualReport.snapshot`, and the published numbers never shift afterwards.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Role


class ReportStatus(models.TextChoices):
    """Draft, the three links of the review chain, approved, final (published)."""

    DRAFT = "draft", "起草中"
    FIRST_REVIEW = "first_review", "待科室负责人初审"
    SECOND_REVIEW = "second_review", "待分管领导审核"
    FINAL_REVIEW = "final_review", "待主要负责人把关"
    APPROVED = "approved", "已审定待发布"
    FINAL = "final", "已发布（定稿）"


class ReportKind(models.TextChoices):
    """An agency's own report (Art. 49 ¶1), or the district government's (Art. 49 ¶2).

    The district's report belongs to the district's top agency; its tables are the sum
    of every agency's report below it (:mod:`gongkai.reports.rollup`), never typed in.
    """

    AGENCY = "agency", "机构年度报告"
    DISTRICT = "district", "本级政府年度报告（全区汇总）"


# 「科室负责人初审，分管领导审核，主要负责人把关」: who approves at each stage, and where
# the report goes next.
REVIEW_CHAIN: dict[str, tuple[Role, str]] = {
    ReportStatus.FIRST_REVIEW: (Role.FIRST_REVIEWER, ReportStatus.SECOND_REVIEW),
    ReportStatus.SECOND_REVIEW: (Role.SECOND_REVIEWER, ReportStatus.FINAL_REVIEW),
    ReportStatus.FINAL_REVIEW: (Role.FINAL_APPROVER, ReportStatus.APPROVED),
}


class AnnualReportQuerySet(models.QuerySet["AnnualReport"]):
    def visible_to(self, user: Any) -> AnnualReportQuerySet:
        """Staff see their own agencies' reports; the operator sees all."""
        from gongkai.agencies.selectors import agency_ids_for, is_operator

        if is_operator(user):
            return self
        return self.filter(agency_id__in=agency_ids_for(user))

    def published(self) -> AnnualReportQuerySet:
        """What the public portal may show: final reports only."""
        return self.filter(status=ReportStatus.FINAL, snapshot__isnull=False)


class AnnualReport(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机构",
        on_delete=models.PROTECT,
        related_name="annual_reports",
    )
    year = models.PositiveSmallIntegerField("报告年度")
    kind = models.CharField(
        "报告类别", max_length=10, choices=ReportKind.choices, default=ReportKind.AGENCY
    )
    status = models.CharField(
        "状态", max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    narrative = models.JSONField("报告文字", default=dict, blank=True)
    snapshot = models.JSONField("定稿数据", null=True, blank=True, editable=False)
    published_on = models.DateField("发布日期", null=True, blank=True)
    finalized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="定稿人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        verbose_name = "年度报告"
        verbose_name_plural = "年度报告"
        ordering = ["-year", "agency__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "kind"], name="annual_report_one_per_year_and_kind"
            )
        ]

    def __str__(self) -> str:
        kind = "（全区汇总）" if self.is_district else ""
        return f"{self.agency.name}{self.year}年度政府信息公开工作年度报告{kind}"

    @property
    def is_district(self) -> bool:
        return self.kind == ReportKind.DISTRICT

    @property
    def is_editable(self) -> bool:
        """Text and figures change only in a draft; a reviewer sends it back to change it."""
        return self.status == ReportStatus.DRAFT

    @property
    def reviewer_role(self) -> Role | None:
        """The role that must approve the report now, if it is in review."""
        link = REVIEW_CHAIN.get(self.status)
        return link[0] if link else None


class ReviewStep(models.Model):
    """One act of the review: submitted, approved or sent back, with its comment."""

    class Action(models.TextChoices):
        SUBMIT = "submit", "提交审核"
        APPROVE = "approve", "审核通过"
        REJECT = "reject", "退回修改"
        FINALIZE = "finalize", "定稿发布"

    report = models.ForeignKey(
        AnnualReport, verbose_name="年度报告", on_delete=models.CASCADE, related_name="steps"
    )
    action = models.CharField("操作", max_length=10, choices=Action.choices)
    stage = models.CharField("所处环节", max_length=20, choices=ReportStatus.choices)
    comment = models.TextField("意见", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="办理人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "审核记录"
        verbose_name_plural = "审核记录"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} · {self.get_action_display()}"
