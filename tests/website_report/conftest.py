"""A platform with a year's worth of data the website report counts, and the report itself.

2025 is the report year. Catalogue entries, topic columns and inspection findings are
placed inside and outside it; each test's expectation is read off this data, not off
the code under test.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest
from django.utils import timezone

from gongkai.disclosure.models import (
    AgencyCataloguePage,
    CatalogueEntryPage,
    ColumnPage,
    DisclosureGuidePage,
    TopicColumnPage,
)
from gongkai.disclosure.services.catalogue import column_for
from gongkai.disclosure.services.importing import CatalogueRow, write_published_entry
from gongkai.inspection.crawler import CrawlResult
from gongkai.inspection.findings import FindingKind, Observation, Severity
from gongkai.inspection.inspect import Inspection
from gongkai.inspection.models import Finding
from gongkai.inspection.services import do_record_inspection
from gongkai.inspection.tickets import do_strike_finding
from gongkai.portal.setup import ensure_site
from gongkai.rules import website_report as form

YEAR = 2025
TODAY = date(2026, 1, 20)
SITE = "http://www.ceshi.gov.cn/"


@dataclass
class Platform:
    district: Any
    rows: int = 0

    def publish(
        self, column: ColumnPage, *, on: date, title: str = "关于做好有关工作的通知", **fields: Any
    ) -> CatalogueEntryPage:
        self.rows += 1
        values = {
            "formed_on": on,
            "subject": "综合政务",
            "info_type": "other_document",
            **fields,
        }
        row = CatalogueRow(row=self.rows, column=column, title=title, published_on=on, **values)
        entry = write_published_entry(row, user=self.district.operator)
        entry.refresh_from_db()
        return entry


def own_column(agency: Any, title: str, slug: str) -> ColumnPage:
    """A column the agency made itself (no statutory key)."""
    branch = AgencyCataloguePage.objects.get(agency=agency)
    return branch.add_child(instance=ColumnPage(title=title, slug=slug))


def topic(title: str, slug: str, *, opened: date, closes_on: date | None = None) -> Any:
    page = ensure_site().add_child(
        instance=TopicColumnPage(title=title, slug=slug, closes_on=closes_on)
    )
    at = timezone.make_aware(datetime.combine(opened, datetime.min.time().replace(hour=9)))
    TopicColumnPage.objects.filter(pk=page.pk).update(first_published_at=at)
    return page


def observation(page: str) -> Observation:
    return Observation(
        type=FindingKind.BROKEN_LINK,
        url=f"{SITE}{page}",
        target=f"{SITE}missing-{page}",
        evidence="HTTP 404",
        severity=Severity.MEDIUM,
    )


def inspect(on: date, *pages: str) -> None:
    run = Inspection(findings=[observation(p) for p in pages], veto={SITE: []}, crawl=CrawlResult())
    do_record_inspection(inspection=run, today=on)


@pytest.fixture
def platform(catalogue: Any) -> Platform:
    """What 2025 holds (the expected counts are in ``EXPECTED``)."""
    site = Platform(catalogue)
    a, b = catalogue.a, catalogue.b
    regulations = column_for(agency=a, key="regulations")
    organisation = column_for(agency=b, key="organisation")
    news = own_column(a, "工作动态", "work-news")
    explained = own_column(b, "政策解读", "explained")
    # In 2025: 8 entries still public.
    site.publish(regulations, on=date(2025, 1, 1), info_type="normative_document")
    site.publish(regulations, on=date(2025, 3, 5))
    site.publish(organisation, on=date(2025, 4, 1), title="测试区民政局领导分工调整")
    site.publish(news, on=date(2025, 5, 1), title="局长调研秋季开学工作")
    site.publish(news, on=date(2025, 5, 2), title="召开安全生产工作会议")
    site.publish(regulations, on=date(2025, 6, 1), info_type="notice", title="停水通知")
    site.publish(explained, on=date(2025, 7, 1), title="一图读懂低保新政")
    site.publish(regulations, on=date(2025, 12, 31), title="《测试区低保办法》政策解读")
    # Outside 2025, and a 2025 entry since withdrawn.
    site.publish(news, on=date(2024, 12, 31), title="年终工作总结会")
    site.publish(news, on=date(2026, 1, 1), title="新年第一会")
    withdrawn = site.publish(regulations, on=date(2025, 8, 8), title="已撤回的通知")
    CatalogueEntryPage.objects.filter(pk=withdrawn.pk).update(live=False)
    # Institution information updated in 2025 (one page) and a guide updated in 2025.
    DisclosureGuidePage.objects.update(updated_on=None)
    AgencyCataloguePage.objects.update(info_updated_on=None)
    AgencyCataloguePage.objects.filter(agency=a).update(info_updated_on=date(2025, 2, 1))
    guide = DisclosureGuidePage.objects.filter(path__startswith=explained.path[:-4]).get()
    DisclosureGuidePage.objects.filter(pk=guide.pk).update(updated_on=date(2025, 9, 1))
    # Topic columns: one from 2024 still open, one closed in 2024, two opened in 2025.
    topic("乡村振兴", "rural", opened=date(2024, 3, 1))
    topic("疫情防控", "epidemic", opened=date(2022, 1, 1), closes_on=date(2024, 6, 30))
    topic("优化营商环境", "business", opened=date(2025, 2, 1))
    topic("文明城市创建", "civility", opened=date(2025, 10, 1), closes_on=date(2025, 11, 30))
    topic("2026年民生实事", "livelihood", opened=date(2026, 1, 5))
    # Inspection: a 2024 finding (d), three found in 2025 (a, b, c) of which b and c are
    # c struck as a false positive before the June run, which sees b fixed; one found in
    # 2026 (e).
    inspect(date(2024, 12, 1), "d")
    inspect(date(2025, 3, 1), "a", "b", "c")
    do_strike_finding(finding=Finding.objects.get(url=f"{SITE}c"), reason="链接目标为内网测试页面")
    inspect(date(2025, 6, 1), "a")
    inspect(date(2026, 1, 10), "a", "e")
    return site


# What ``platform`` holds for 2025, counted by hand from the fixture above.
EXPECTED = {
    "catalogue_updates": 8,
    "overview_updates": 1 + 2,  # the 领导 entry in 机构信息; the info page and the guide
    "news_updates": 3,  # two in 工作动态, the 通知公告 by its type
    "published_total": 8 + 2,
    "interpretations_total": 2,  # the 政策解读 column, the title with 解读
    "topics_maintained": 3,  # 乡村振兴, 优化营商环境, 文明城市创建
    "topics_new": 2,
    "security_checks": 2,
    "issues_found": 2,  # a, b (c struck)
    "issues_fixed": 1,  # b
}


def complete_entries() -> dict[str, tuple[object, object]]:
    """A value and a source for every item the platform does not count."""
    samples = {
        form.Kind.COUNT: 12,
        form.Kind.NUMBER: "2.5",
        form.Kind.YES_NO: form.YES,
        form.Kind.CHOICE: form.SITE_TYPES[0],
        form.Kind.TEXT: "测试区人民政府",
        form.Kind.DATE: "2026-01-20",
    }
    entries = {
        item.key: (samples[item.kind], "区政务服务中心统计台账")
        for item in form.ITEMS
        if item.key not in EXPECTED
    }
    # Parts within their totals (the platform counts no 解读 where the catalogue is empty).
    for part in ("interpretation_materials", "interpretation_products", "media_commentaries"):
        entries[part] = (0, "政策解读台账")
    entries["cases_natural"], entries["cases_legal"] = (5, "办件台账"), (7, "办件台账")
    return entries
