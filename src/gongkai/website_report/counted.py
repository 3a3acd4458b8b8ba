"""The website report's figures that gongkai holds itself, each with the note saying how.

Site identity from the operator's 网站标识 settings; 信息发布 from the catalogue entries
first published in the year, by the kind of column they sit in; 专栏专题 from the topic
columns; 解读 from entries whose title or column says 解读 (the catalogue has no
information type for it); 安全防护 from the year's inspection runs and their findings.
What gongkai does not hold (visits, services, messages, new media) stays for the
operator to enter by hand with its source.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import Length, Substr

from gongkai.rules import website_report as form
from gongkai.rules.site_inspection import ColumnKind

Figures = dict[str, dict[str, Any]]


def _figure(value: int | str, source: str) -> dict[str, Any]:
    return {"value": value, "source": source}


def platform_figures(*, year: int, today: date) -> Figures:
    """Every figure the platform can give for ``year``, as of ``today``."""
    return {
        **identity_figures(),
        **publishing_figures(year),
        **topic_figures(year),
        **security_figures(year),
        # The portal's 大字号·高对比 mode, skip link and table headers (portal/base.html).
        "accessibility": _figure(
            form.YES, "平台功能：门户提供大字号·高对比模式、“跳到正文”链接，表格标明表头"
        ),
        "filled_on": _figure(today.isoformat(), "平台生成或更新本报表草稿之日"),
    }


def identity_figures() -> Figures:
    """The site's identity as its footer shows it; an empty setting gives no figure."""
    from gongkai.site_identity.models import SiteIdentity

    identity = SiteIdentity.load()
    source = "网站标识设置（设置 → 网站标识）"
    found = {
        "site_name": identity.name,
        "sponsor": identity.sponsor,
        "site_code": identity.site_code,
        "icp_number": identity.icp_number,
        "police_number": identity.police_number,
    }
    figures = {key: _figure(value, source) for key, value in found.items() if value}
    figures["home_url"] = _figure(
        settings.WAGTAILADMIN_BASE_URL, "平台部署配置（GONGKAI_BASE_URL）"
    )
    return figures


def _column_paths() -> tuple[set[str], set[str], set[str]]:
    """Paths of the 概况类, 政务动态 and 解读 columns; a sub-column takes its parents' kinds."""
    from gongkai.disclosure.models import ColumnPage
    from gongkai.inspection.columns import portal_column_kind

    own: dict[str, set[str]] = {}
    for path, key, title in ColumnPage.objects.values_list("path", "key", "title"):
        kinds = set()
        if key in form.OVERVIEW_COLUMN_KEYS or any(w in title for w in form.OVERVIEW_COLUMN_WORDS):
            kinds.add("overview")
        if portal_column_kind(key, title) in (ColumnKind.NEWS, ColumnKind.NOTICE):
            kinds.add("news")
        if form.INTERPRETATION_WORD in title:
            kinds.add("interpretation")
        own[path] = kinds
    step = ColumnPage.steplen
    paths: dict[str, set[str]] = {"overview": set(), "news": set(), "interpretation": set()}
    for path in own:
        ancestors = (path[:end] for end in range(step, len(path) + 1, step))
        for kind in set().union(*(own.get(a, set()) for a in ancestors)):
            paths[kind].add(path)
    return paths["overview"], paths["news"], paths["interpretation"]


def publishing_figures(year: int) -> Figures:
    """信息发布 and 解读: catalogue entries first published in ``year`` and still public."""
    from gongkai.disclosure.models import (
        AgencyCataloguePage,
        CatalogueEntryPage,
        ColumnPage,
        DisclosureGuidePage,
    )

    overview, news, interpretation = _column_paths()
    entries = (
        CatalogueEntryPage.objects.filter(live=True, published_on__year=year)
        .annotate(column=Substr("path", 1, Length("path") - ColumnPage.steplen))
        .order_by()
    )
    counts = entries.aggregate(
        total=Count("pk"),
        overview=Count("pk", filter=Q(column__in=overview)),
        news=Count("pk", filter=Q(column__in=news) | Q(info_type__in=form.NEWS_INFO_TYPES)),
        interpretation=Count(
            "pk",
            filter=Q(column__in=interpretation) | Q(title__contains=form.INTERPRETATION_WORD),
        ),
    )
    pages = (
        AgencyCataloguePage.objects.live().filter(info_updated_on__year=year).count()
        + DisclosureGuidePage.objects.live().filter(updated_on__year=year).count()
    )
    entries_note = f"平台统计：{year}年首次发布且仍公开的政府信息公开目录条目"
    pages_note = f"{year}年更新的机构信息页和政府信息公开指南{pages}个"
    return {
        "published_total": _figure(
            counts["total"] + pages, f"{entries_note}{counts['total']}条，加上{pages_note}"
        ),
        "overview_updates": _figure(
            counts["overview"] + pages,
            f"{entries_note}中位于机构信息、概况、领导等概况类栏目的{counts['overview']}条，"
            f"加上{pages_note}",
        ),
        "news_updates": _figure(
            counts["news"],
            f"{entries_note}中信息类别为工作动态、通知公告或位于动态要闻、通知公告类栏目的条目",
        ),
        "catalogue_updates": _figure(counts["total"], entries_note),
        "interpretations_total": _figure(
            counts["interpretation"],
            f"{entries_note}中标题或所在栏目名称含“{form.INTERPRETATION_WORD}”的条目",
        ),
    }


def topic_figures(year: int) -> Figures:
    """专栏专题: open at some time in ``year``; opened (first published) in ``year``."""
    from gongkai.disclosure.models import TopicColumnPage

    topics = TopicColumnPage.objects.live().filter(first_published_at__isnull=False)
    maintained = topics.filter(first_published_at__year__lte=year).filter(
        Q(closes_on__isnull=True) | Q(closes_on__year__gte=year)
    )
    return {
        "topics_maintained": _figure(
            maintained.count(),
            f"平台统计：{year}年底前开设、未在{year}年以前截止的专题专栏",
        ),
        "topics_new": _figure(
            topics.filter(first_published_at__year=year).count(),
            f"平台统计：{year}年首次发布的专题专栏",
        ),
    }


def security_figures(year: int) -> Figures:
    """安全防护: the year's inspection runs, the problems they first found and how many of
    those a later run saw fixed (a finding is closed only by a run that no longer sees it)."""
    from gongkai.inspection.models import Finding, InspectionRun

    found = Finding.objects.filter(first_seen__year=year).exclude(status=Finding.Status.STRUCK)
    return {
        "security_checks": _figure(
            InspectionRun.objects.filter(inspected_on__year=year).count(),
            f"平台统计：{year}年运行的网站巡检次数",
        ),
        "issues_found": _figure(
            found.count(), f"平台统计：{year}年巡检首次发现的问题（已核减的误报除外）"
        ),
        "issues_fixed": _figure(
            found.filter(status=Finding.Status.FIXED).count(),
            f"平台统计：{year}年巡检首次发现的问题中经复检已整改关闭的",
        ),
    }
