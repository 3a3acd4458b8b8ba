"""The page tree of the catalogue: one branch per agency, its columns, and topic columns.

Home → 机构公开目录 (one per agency, also its 机构信息 page) → 栏目 → entries. The agency
page anchors the agency's Wagtail page permissions and its review workflow, so that a
branch is an agency and an agency is a branch.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class AgencyCataloguePage(Page):
    """An agency's catalogue root and its 机构信息 (Art. 20 (二), Art. 12)."""

    agency = models.OneToOneField(
        "agencies.Agency",
        verbose_name="机构",
        on_delete=models.PROTECT,
        related_name="catalogue_page",
    )
    functions = RichTextField("机构职能", blank=True)
    structure = RichTextField("机构设置", blank=True)
    leaders = RichTextField("负责人", blank=True)
    info_updated_on = models.DateField("机构信息更新日期", null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("functions"),
                FieldPanel("structure"),
                FieldPanel("leaders"),
                FieldPanel("info_updated_on"),
            ],
            heading="机构信息（办公地址、办公时间、联系方式取自机构资料）",
        ),
    ]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["disclosure.ColumnPage", "disclosure.DisclosureGuidePage"]
    template = "disclosure/agency_catalogue_page.html"

    class Meta:
        verbose_name = "机构公开目录"

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["columns"] = ColumnPage.objects.child_of(self).live().specific()
        context["guide"] = DisclosureGuidePage.objects.child_of(self).live().first()
        return context


class ColumnPage(Page):
    """A column (栏目). Mandatory columns carry the key of their Art. 20/21 item."""

    key = models.CharField(
        "法定栏目代码",
        max_length=40,
        blank=True,
        help_text="法定栏目由系统创建，不能删除或改代码；自设栏目留空。",
    )
    article = models.CharField("依据", max_length=40, blank=True)
    description = models.TextField("栏目说明", blank=True)
    stale_after_days = models.PositiveIntegerField(
        "更新周期（天）",
        default=365,
        help_text="超过此天数没有新信息，巡检视为“栏目不更新”。",
    )

    content_panels = [*Page.content_panels, FieldPanel("description")]
    settings_panels = [*Page.settings_panels, FieldPanel("stale_after_days")]
    parent_page_types = ["disclosure.AgencyCataloguePage", "disclosure.ColumnPage"]
    subpage_types = ["disclosure.CatalogueEntryPage", "disclosure.ColumnPage"]
    template = "disclosure/column_page.html"

    class Meta:
        verbose_name = "栏目"

    @property
    def is_mandatory(self) -> bool:
        return bool(self.key)

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from django.core.paginator import Paginator

        from gongkai.disclosure.models.entry import CatalogueEntryPage

        context = super().get_context(request, *args, **kwargs)
        entries = (
            CatalogueEntryPage.objects.live()
            .descendant_of(self)
            .order_by("-published_on", "-pk")
            .only("title", "url_path", "published_on", "index_number", "document_number")
        )
        context["entries"] = Paginator(entries, 20).get_page(request.GET.get("page"))
        return context


class TopicColumnPage(Page):
    """A topic column (专题专栏) the operator creates; entries of any agency join it."""

    intro = RichTextField("专题说明", blank=True)
    closes_on = models.DateField("专题截止日期", null=True, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("closes_on")]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    template = "disclosure/topic_column_page.html"

    class Meta:
        verbose_name = "专题专栏"

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        entries = self.entries.live().order_by("-published_on", "-pk")
        context["entries"] = Paginator(entries, 20).get_page(request.GET.get("page"))
        return context

    @property
    def is_open(self) -> bool:
        return self.closes_on is None or self.closes_on >= timezone.localdate()


class DisclosureGuidePage(Page):
    """政府信息公开指南 (Art. 12): what is published, how to apply, who answers."""

    body = RichTextField("指南正文")
    updated_on = models.DateField("更新日期", null=True, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body"), FieldPanel("updated_on")]
    parent_page_types = ["disclosure.AgencyCataloguePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "disclosure/disclosure_guide_page.html"

    class Meta:
        verbose_name = "政府信息公开指南"
