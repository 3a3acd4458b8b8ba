"""The operator's screening dictionary: sensitive words, wrong names and titles, typos.

The shipped lists (:func:`gongkai.rules.screening.default_dictionary`) cover what is
general; every district also has its own leaders' names and titles, renamed bodies and
local words. The operator keeps those here and every screening on the platform — the
editor's panel, the publication gate, imports — uses them on top of the defaults.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from gongkai.rules.screening import DictionaryEntry, DictionaryError, FindingType

KIND_CHOICES = [
    (FindingType.SENSITIVE_WORD.value, "敏感词"),
    (FindingType.WORDING_ERROR.value, "表述错误（领导姓名职务、机构名称）"),
    (FindingType.TYPO.value, "错别字"),
]


class ScreeningTerm(models.Model):
    kind = models.CharField("类型", max_length=20, choices=KIND_CHOICES)
    term = models.CharField("词条（错误写法）", max_length=50)
    correct = models.CharField(
        "正确写法", max_length=50, blank=True, help_text="表述错误和错别字必填。"
    )
    note = models.CharField("说明", max_length=200, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "筛查词条"
        verbose_name_plural = "筛查词库"
        ordering = ["kind", "term"]
        constraints = [models.UniqueConstraint(fields=["term"], name="screening_term_unique")]

    def __str__(self) -> str:
        return self.term

    def as_entry(self) -> DictionaryEntry:
        return DictionaryEntry(
            type=FindingType(self.kind), term=self.term, correct=self.correct or None
        )

    def clean(self) -> None:
        if self.kind not in {t.value for t in FindingType}:  # the field says so; no 500
            return
        try:
            self.as_entry()
        except DictionaryError as error:
            raise ValidationError(str(error)) from None
