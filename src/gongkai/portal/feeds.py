"""RSS and Atom feeds of the latest published entries, per column and per agency."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from gongkai.agencies.models import Agency
from gongkai.disclosure.models import CatalogueEntryPage, ColumnPage
from gongkai.portal.browse import published_entries

FEED_SIZE = 30


class _EntryFeed(Feed):
    """The item fields every feed shares: one item per published entry."""

    item_guid_is_permalink = False

    def item_title(self, item: CatalogueEntryPage) -> str:
        return item.title

    def item_description(self, item: CatalogueEntryPage) -> str:
        number = f"{item.document_number} · " if item.document_number else ""
        return f"{item.agency.name} · {number}索引号 {item.index_number}"

    def item_link(self, item: CatalogueEntryPage) -> str:
        return item.url or "/"

    def item_guid(self, item: CatalogueEntryPage) -> str:
        return str(item.index_number)

    def item_pubdate(self, item: CatalogueEntryPage) -> datetime | None:
        if item.published_on is None:
            return None
        return datetime.combine(item.published_on, time(), tzinfo=ZoneInfo(settings.TIME_ZONE))


class ColumnFeed(_EntryFeed):
    def get_object(self, request: HttpRequest, column_id: int) -> ColumnPage:  # type: ignore[override]
        column = ColumnPage.objects.live().filter(pk=column_id).first()
        if column is None:
            raise Http404("栏目不存在或未发布。")
        return column

    def title(self, obj: ColumnPage) -> str:
        return f"{obj.get_parent().title} · {obj.title}"

    def link(self, obj: ColumnPage) -> str:
        return obj.url or "/"

    def description(self, obj: ColumnPage) -> str:
        return f"{obj.title}栏目最新公开的政府信息"

    def items(self, obj: ColumnPage) -> Any:
        return published_entries().descendant_of(obj)[:FEED_SIZE]


class AgencyFeed(_EntryFeed):
    def get_object(self, request: HttpRequest, agency_code: str) -> Agency:  # type: ignore[override]
        return get_object_or_404(Agency.objects.active(), code=agency_code.strip().upper())

    def title(self, obj: Agency) -> str:
        return f"{obj.name} · 政府信息公开"

    def link(self, obj: Agency) -> str:
        return f"/catalogue/?agency={obj.code}"

    def description(self, obj: Agency) -> str:
        return f"{obj.name}最新公开的政府信息"

    def items(self, obj: Agency) -> Any:
        return published_entries().filter(agency=obj)[:FEED_SIZE]


class ColumnAtomFeed(ColumnFeed):
    feed_type = Atom1Feed
    subtitle = ColumnFeed.description


class AgencyAtomFeed(AgencyFeed):
    feed_type = Atom1Feed
    subtitle = AgencyFeed.description
