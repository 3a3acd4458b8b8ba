"""The portal's page types."""

from __future__ import annotations

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The platform's front page: one per district site."""

    intro = RichTextField("导语", blank=True)
    hotline = models.CharField("咨询电话", max_length=50, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("hotline")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    template = "portal/home_page.html"

    class Meta:
        verbose_name = "平台首页"

    def get_context(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        from gongkai.portal.home import agency_links, latest_by_column, open_topics
        from gongkai.website_report.selectors import latest_published

        context = super().get_context(request, *args, **kwargs)
        # Agency names are public (they are who publishes); nothing else is shown.
        context["agencies"] = agency_links()
        context["columns"] = latest_by_column()
        context["topics"] = open_topics()
        # 国办函〔2018〕12号: the website's yearly report "在本网站首页显著位置发布".
        context["website_report"] = latest_published()
        return context
