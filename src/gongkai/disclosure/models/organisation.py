"""机构信息 (条例 Art. 20 (二)) kept as rows, not prose: the agency's leaders and its
internal departments, edited on its catalogue page and published through its review chain.

Rows rather than one rich-text box, because the portal, the guide and the catalogue check
each read them: a leader without a name, or an agency without departments, is something
the check can name. Text fields are plain text, escaped wherever they are shown.
"""

from __future__ import annotations

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.images import get_image_model_string
from wagtail.models import Orderable

from gongkai.agencies.models.agency import validate_phone


class AgencyLeader(Orderable):
    """One of the agency's leaders (领导信息): name, post, portfolio and photo."""

    page = ParentalKey(
        "disclosure.AgencyCataloguePage",
        on_delete=models.CASCADE,
        related_name="leadership",
    )
    name = models.CharField("姓名", max_length=50)
    post = models.CharField("职务", max_length=100, help_text="例如：党组书记、局长")
    portfolio = models.TextField("分工", blank=True, help_text="负责的工作和分管的科室、单位。")
    photo = models.ForeignKey(
        get_image_model_string(),
        verbose_name="照片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="JPG或PNG，证件照比例（宽:高约3:4）。",
    )

    panels = [FieldPanel("name"), FieldPanel("post"), FieldPanel("portfolio"), FieldPanel("photo")]

    class Meta(Orderable.Meta):
        verbose_name = "领导"
        verbose_name_plural = "领导信息"

    def __str__(self) -> str:
        return f"{self.post} {self.name}".strip()


class AgencyDepartment(Orderable):
    """An internal department (内设机构) with its duties and phone."""

    page = ParentalKey(
        "disclosure.AgencyCataloguePage",
        on_delete=models.CASCADE,
        related_name="departments",
    )
    name = models.CharField("名称", max_length=100)
    duties = models.TextField("职责")
    phone = models.CharField("联系电话", max_length=50, blank=True, validators=[validate_phone])

    panels = [FieldPanel("name"), FieldPanel("duties"), FieldPanel("phone")]

    class Meta(Orderable.Meta):
        verbose_name = "内设机构"
        verbose_name_plural = "内设机构"

    def __str__(self) -> str:
        return self.name
