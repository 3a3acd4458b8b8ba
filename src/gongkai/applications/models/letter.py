"""Notice letters: numbered per agency and year, rendered as DOCX and PDF."""

from __future__ import annotations

from django.db import models

from gongkai.applications.letters.kinds import LetterKind
from gongkai.applications.letters.storage import private_storage


class LetterTemplateQuerySet(models.QuerySet["LetterTemplate"]):
    def visible_to(self, user: object) -> LetterTemplateQuerySet:
        """An agency's own templates, plus the platform defaults everyone starts from."""
        from gongkai.agencies.selectors import agency_ids_for, is_operator

        if is_operator(user):
            return self
        return self.filter(
            models.Q(agency__isnull=True) | models.Q(agency_id__in=agency_ids_for(user))
        )


class LetterTemplate(models.Model):
    """An agency's wording for one kind of letter; no agency means the platform default."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机构",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(
        "文书类型", max_length=40, choices=[(k.value, k.label) for k in LetterKind]
    )
    title = models.CharField("标题", max_length=100)
    body = models.TextField(
        "正文",
        help_text="每段一行；可用占位符，如 {applicant}、{received_date}、{description}。",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = LetterTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = "文书模板"
        verbose_name_plural = "文书模板"
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind"], name="letter_template_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.agency or '平台默认'}）"


class Letter(models.Model):
    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="letters"
    )
    kind = models.CharField(
        "文书类型", max_length=40, choices=[(k.value, k.label) for k in LetterKind]
    )
    year = models.PositiveSmallIntegerField("年度")
    sequence = models.PositiveIntegerField("序号")
    number = models.CharField("文号", max_length=60)
    title = models.CharField("标题", max_length=100)
    paragraphs = models.JSONField("正文", default=list)
    issued_on = models.DateField("成文日期")
    # Private: named at random, outside MEDIA_ROOT, read only through checked views.
    docx = models.FileField("DOCX", upload_to="letters/%Y/", storage=private_storage)
    pdf = models.FileField("PDF", upload_to="letters/%Y/", storage=private_storage)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "告知书"
        verbose_name_plural = "告知书"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"
