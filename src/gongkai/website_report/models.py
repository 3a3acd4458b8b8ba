"""The yearly website report (政府网站工作年度报表) of the platform's site, one per year.

The operator runs the site, so the report is the operator's, not an agency's. Its
answers are kept as ``{item key: {"value", "source", "by"}}`` (keys from
:mod:`gongkai.rules.website_report`): ``by`` is ``"platform"`` for a figure gongkai
counted and ``"hand"`` for one the operator entered, so refreshing the counts never
overwrites what a person wrote. A final report's figures no longer change; publishing
it puts it on the home page.
"""

from __future__ import annotations

from django.db import models


class WebsiteReportStatus(models.TextChoices):
    DRAFT = "draft", "起草中"
    FINAL = "final", "已定稿"
    PUBLISHED = "published", "已发布"


class WebsiteReportQuerySet(models.QuerySet["WebsiteReport"]):
    def published(self) -> WebsiteReportQuerySet:
        """What the public may see."""
        return self.filter(status=WebsiteReportStatus.PUBLISHED, published_on__isnull=False)


class WebsiteReport(models.Model):
    year = models.PositiveSmallIntegerField("报表年度", unique=True)
    status = models.CharField(
        "状态",
        max_length=10,
        choices=WebsiteReportStatus.choices,
        default=WebsiteReportStatus.DRAFT,
    )
    figures = models.JSONField("报表数据", default=dict, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = WebsiteReportQuerySet.as_manager()

    class Meta:
        verbose_name = "网站年度报表"
        verbose_name_plural = "网站年度报表"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年度政府网站工作年度报表"

    @property
    def is_draft(self) -> bool:
        return self.status == WebsiteReportStatus.DRAFT
