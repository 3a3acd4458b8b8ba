"""What the readable 网站地图 lists: the portal's fixed pages and its page tree above the
entries (agency catalogues, their columns and guides, topic columns)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from wagtail.models import Page

from gongkai.disclosure.models import AgencyCataloguePage, CatalogueEntryPage, TopicColumnPage


@dataclass
class Link:
    title: str
    url: str
    children: list[Link] = field(default_factory=list)


def sitemap_sections() -> list[tuple[str, list[Link]]]:
    fixed = [
        Link("首页", "/"),
        Link("政府信息公开", reverse("portal:xxgk")),
        Link("政府信息公开目录", reverse("portal:catalogue")),
        Link("站内检索", reverse("portal:search")),
        Link("申请公开", reverse("applications_public:choose_agency")),
        Link("查询办理进度", reverse("applications_public:track")),
        Link("政府信息公开工作年度报告", reverse("reports_public:index")),
        Link("开放数据", reverse("site_identity:open_data")),
    ]
    agencies = []
    for agency_page in AgencyCataloguePage.objects.live().public().order_by("path"):
        link = Link(agency_page.title, agency_page.url or "")
        link.children = [
            Link(child.title, child.url or "")
            for child in Page.objects.child_of(agency_page)
            .live()
            .public()
            .not_type(CatalogueEntryPage)
            .order_by("path")
        ]
        agencies.append(link)
    topics = [
        Link(topic.title, topic.url or "")
        for topic in TopicColumnPage.objects.live().public().order_by("path")
    ]
    sections = [("公共栏目", fixed), ("各机构公开目录", agencies)]
    if topics:
        sections.append(("专题专栏", topics))
    return sections
