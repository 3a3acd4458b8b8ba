"""A figure of table 二 entered by staff, with the note saying where it comes from.

Table 二 counts 规章, 行政规范性文件, licensing, penalty and enforcement decisions and fee
income — documents and decisions the system does not hold yet. Until the catalogue does,
staff enter each figure with its source (「区司法局备案审查台账」), and an unentered figure
blocks the report from becoming final instead of being printed as an invented zero.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ProactiveFigure(models.Model):
    report = models.ForeignKey(
        "reports.AnnualReport",
        verbose_name="年度报告",
        on_delete=models.CASCADE,
        related_name="proactive_figures",
    )
    row = models.CharField("项目", max_length=60)  # report_format ProactiveRow.key
    column = models.CharField("栏目", max_length=60)  # report_format ValueColumn.key
    value = models.DecimalField("数值", max_digits=14, decimal_places=4)
    source = models.CharField("数据来源", max_length=300)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="填报人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField("填报时间", auto_now=True)

    class Meta:
        verbose_name = "主动公开数据"
        verbose_name_plural = "主动公开数据"
        ordering = ["report", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "row", "column"], name="proactive_figure_one_per_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.row}.{self.column} = {self.value}"
