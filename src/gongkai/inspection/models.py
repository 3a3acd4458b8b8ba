"""A stored inspection run and its findings, each carried from new to fixed; the sites the
operator lists, rectification tickets to agencies, availability probes, alerts and the
important periods that tighten the schedule.

A finding is one problem at one place (``key``: type, page, target, masked evidence for
screening types); a later run that sees it again updates ``last_seen``, and a run over the
same site that no longer sees it closes it as fixed. A finding the operator struck as a
false positive (核减) stays struck: a later run seeing it again does not reopen it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.outbox import OutboxMessage
from gongkai.rules.site_inspection import ColumnKind


class InspectionRun(models.Model):
    started_at = models.DateTimeField("开始时间", auto_now_add=True)
    inspected_on = models.DateField("巡检日期")
    sites = models.JSONField("网站", default=list)
    pages = models.PositiveIntegerField("页面数", default=0)
    attachments = models.PositiveIntegerField("附件数", default=0)
    veto = models.JSONField("单项否决", default=list)
    vetoed = models.BooleanField("单项否决不合格", default=False)
    not_judged = models.JSONField("无法判定", default=list)
    site_findings = models.JSONField("各网站问题数", default=dict)  # site root → findings

    class Meta:
        verbose_name = "巡检记录"
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.inspected_on} 巡检（{len(self.sites)}个网站）"


class Finding(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "新发现"
        ACKNOWLEDGED = "acknowledged", "已确认"
        FIXED = "fixed", "已整改"
        STRUCK = "struck", "已核减"

    type = models.CharField("类型", max_length=30)
    url = models.URLField("页面", max_length=2000)
    target = models.URLField("链接或附件", max_length=2000, blank=True)
    evidence = models.TextField("证据（已脱敏）")
    severity = models.CharField("严重程度", max_length=10)
    site = models.CharField("网站", max_length=300, db_index=True)
    key = models.CharField("标识", max_length=64, unique=True)
    first_seen = models.DateField("首次发现")
    last_seen = models.DateField("最近发现")
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.NEW)
    last_run = models.ForeignKey(
        InspectionRun, verbose_name="最近巡检", on_delete=models.PROTECT, related_name="findings"
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="所属机构",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspection_findings",
        help_text="内容归属的机构；整改工单发给它。",
    )
    struck_reason = models.TextField("核减理由", blank=True)

    class Meta:
        verbose_name = "巡检发现"
        ordering = ["-last_seen", "type", "url"]
        indexes = [models.Index(fields=["site", "status"])]

    def __str__(self) -> str:
        return f"{self.type} {self.url}"


class ListedSite(models.Model):
    """A website the operator has gongkai inspect besides its own portal."""

    url = models.URLField("网址", max_length=500, unique=True)
    name = models.CharField("网站名称", max_length=200)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="主办机构",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="listed_sites",
        help_text="问题整改工单发给该机构。",
    )
    check_external = models.BooleanField("检查外部链接", default=False)
    is_active = models.BooleanField("纳入巡检", default=True)

    class Meta:
        verbose_name = "巡检网站"
        verbose_name_plural = "巡检网站"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ListedColumn(models.Model):
    site = models.ForeignKey(
        ListedSite, verbose_name="网站", on_delete=models.CASCADE, related_name="columns"
    )
    url = models.URLField("栏目网址", max_length=1000)
    name = models.CharField("栏目名称", max_length=200)
    kind = models.CharField(
        "栏目类别", max_length=10, choices=[(k.value, k.value) for k in ColumnKind]
    )

    class Meta:
        verbose_name = "巡检栏目"
        verbose_name_plural = "巡检栏目"
        ordering = ["site", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["site", "url"], name="inspection_column_once")
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.kind}）"


class ImportantPeriod(models.Model):
    """A 重要时期 (a congress, a major event) the operator marks: inspect more often."""

    name = models.CharField("名称", max_length=200)
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")

    class Meta:
        verbose_name = "重要时期"
        verbose_name_plural = "重要时期"
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="inspection_period_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.starts_on}至{self.ends_on}）"


class TicketQuerySet(models.QuerySet["RectificationTicket"]):
    def visible_to(self, user: object) -> TicketQuerySet:
        """The operator sees every ticket; an agency's staff only their agencies' own."""
        from gongkai.agencies.selectors import agency_ids_for, is_operator

        if is_operator(user):
            return self
        return self.filter(agency_id__in=agency_ids_for(user))


class RectificationTicket(models.Model):
    """整改工单: a finding sent to the agency whose content it is, with a due date."""

    class Status(models.TextChoices):
        SENT = "sent", "待整改"
        ANSWERED = "answered", "已答复"

    class Answer(models.TextChoices):
        FIXED = "fixed", "已整改"
        EXPLANATION = "explanation", "情况说明"

    finding = models.ForeignKey(
        Finding, verbose_name="巡检发现", on_delete=models.PROTECT, related_name="tickets"
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="整改机构",
        on_delete=models.PROTECT,
        related_name="rectification_tickets",
    )
    sent_on = models.DateField("下发日期")
    due_on = models.DateField("整改期限")
    note = models.TextField("整改要求", blank=True)
    status = models.CharField("状态", max_length=10, choices=Status, default=Status.SENT)
    answer = models.CharField("答复类型", max_length=12, choices=Answer, blank=True)
    answer_text = models.TextField("答复内容", blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="答复人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = TicketQuerySet.as_manager()

    class Meta:
        verbose_name = "整改工单"
        verbose_name_plural = "整改工单"
        ordering = ["-sent_on", "-pk"]

    def __str__(self) -> str:
        return f"整改工单{self.pk}：{self.agency} {self.finding}"


class AvailabilityProbe(models.Model):
    """One probe of a site's home page: opened within the 15 s the indicator allows, or not."""

    site = models.CharField("网站", max_length=300, db_index=True)
    probed_at = models.DateTimeField("探测时间", db_index=True)
    ok = models.BooleanField("可访问")
    seconds = models.FloatField("耗时（秒）", null=True, blank=True)
    status = models.PositiveIntegerField("HTTP状态", default=0)
    error = models.CharField("错误", max_length=300, blank=True)

    class Meta:
        verbose_name = "可访问性探测"
        verbose_name_plural = "可访问性探测"
        ordering = ["-probed_at"]

    def __str__(self) -> str:
        return f"{self.site} {self.probed_at:%Y-%m-%d %H:%M} {'可访问' if self.ok else '无法访问'}"


class InspectionAlert(OutboxMessage):
    """An alert in the mail outbox: one row per (subject, recipient), sent by the job,
    kept with its error when the mail server is away so the next run retries it."""

    key = models.CharField("标识", max_length=64)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机构",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta(OutboxMessage.Meta):
        verbose_name = "巡检预警"
        verbose_name_plural = "巡检预警"
        constraints = [
            models.UniqueConstraint(fields=["key", "recipient"], name="inspection_alert_once")
        ]
