"""An audit batch: the files an operator uploaded and what the audit found in each.

The uploaded bytes are kept with the batch (a supervisor may be asked what exactly was
checked), and each report's result is the audit's JSON (DESIGN.md shape plus findings),
so the screens show what the command line would print.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class BatchStatus(models.TextChoices):
    PENDING = "pending", "排队中"
    RUNNING = "running", "核查中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class AuditBatch(models.Model):
    name = models.CharField("批次名称", max_length=200)
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        "状态", max_length=16, choices=BatchStatus.choices, default=BatchStatus.PENDING
    )
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    # Progress of the background audit, shown on the batch's page while it runs.
    audited = models.PositiveIntegerField("已核查", default=0)
    skipped = models.JSONField("未核查的文件", default=list, blank=True)

    class Meta:
        verbose_name = "年度报告核查批次"
        verbose_name_plural = "年度报告核查批次"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class AuditedReport(models.Model):
    batch = models.ForeignKey(AuditBatch, on_delete=models.CASCADE, related_name="reports")
    position = models.PositiveIntegerField("序号")
    file_name = models.CharField("文件", max_length=300)
    content = models.BinaryField("文件内容")
    size = models.PositiveIntegerField("大小（字节）")
    agency = models.CharField("机构", max_length=200, blank=True)
    year = models.PositiveIntegerField("年度", null=True, blank=True)
    format = models.CharField("表格格式", max_length=8, blank=True)
    errors = models.PositiveIntegerField("错误", default=0)
    warnings = models.PositiveIntegerField("警告", default=0)
    result = models.JSONField("核查结果", default=dict, blank=True)

    class Meta:
        verbose_name = "被核查的年度报告"
        verbose_name_plural = "被核查的年度报告"
        ordering = ["batch", "position"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "position"], name="report_audit_position")
        ]

    def __str__(self) -> str:
        return self.file_name
