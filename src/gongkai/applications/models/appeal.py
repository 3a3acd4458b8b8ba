"""Reconsideration and litigation about an application (the report's section 4)."""

from __future__ import annotations

from django.db import models


class Appeal(models.Model):
    class Kind(models.TextChoices):
        RECONSIDERATION = "reconsideration", "行政复议"
        LITIGATION_DIRECT = "litigation_direct", "未经复议直接起诉"
        LITIGATION_AFTER = "litigation_after_reconsideration", "复议后起诉"

    class Result(models.TextChoices):
        UPHELD = "upheld", "结果维持"
        CORRECTED = "corrected", "结果纠正"
        OTHER = "other", "其他结果"
        PENDING = "pending", "尚未审结"

    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="appeals"
    )
    kind = models.CharField("类型", max_length=40, choices=Kind.choices)
    body = models.CharField("复议机关/受理法院", max_length=100)
    filed_on = models.DateField("申请/起诉日期")
    result = models.CharField("结果", max_length=10, choices=Result.choices, default="pending")
    decided_on = models.DateField("审结日期", null=True, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "复议诉讼"
        verbose_name_plural = "复议诉讼"
        ordering = ["-filed_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filed_on:%Y-%m-%d}"
