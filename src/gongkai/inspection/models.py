"""A stored inspection run and its findings, each carried from new to fixed.

A finding is one problem at one place (``key``: type, page, target, masked evidence for
screening types); a later run that sees it again updates ``last_seen``, and a run over the
same site that no longer sees it closes it as fixed.
"""

from __future__ import annotations

from django.db import models


class InspectionRun(models.Model):
    started_at = models.DateTimeField("开始时间", auto_now_add=True)
    inspected_on = models.DateField("巡检日期")
    sites = models.JSONField("网站", default=list)
    pages = models.PositiveIntegerField("页面数", default=0)
    attachments = models.PositiveIntegerField("附件数", default=0)
    veto = models.JSONField("单项否决", default=list)
    vetoed = models.BooleanField("单项否决不合格", default=False)
    not_judged = models.JSONField("无法判定", default=list)

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

    class Meta:
        verbose_name = "巡检发现"
        ordering = ["-last_seen", "type", "url"]
        indexes = [models.Index(fields=["site", "status"])]

    def __str__(self) -> str:
        return f"{self.type} {self.url}"
