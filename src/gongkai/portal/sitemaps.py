"""/sitemap.xml: an index of two sections, the portal's pages and the catalogue entries.

Entries are most of the site (a district holds tens of thousands), so they get their own
section read with only the fields a sitemap line needs and split into files of
ENTRIES_PER_FILE; Wagtail's generic sitemap loads every page's specific object, which is
fine for the few hundred other pages.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from gongkai.disclosure.models import CatalogueEntryPage
from gongkai.portal.browse import published_entries

ENTRIES_PER_FILE = 5000


class PortalPages(WagtailSitemap):
    """Home, agency catalogues, columns, guides and topic columns."""

    def items(self) -> Any:
        return super().items().not_type(CatalogueEntryPage)


class CatalogueEntries(Sitemap):
    limit = ENTRIES_PER_FILE

    def items(self) -> Any:
        return (
            published_entries()
            .select_related(None)
            .order_by("path")
            .only("path", "url_path", "last_published_at")
        )

    def location(self, item: CatalogueEntryPage) -> str:
        return item.get_url_parts()[2]

    def lastmod(self, item: CatalogueEntryPage) -> datetime | None:
        return item.last_published_at


SITEMAPS = {"pages": PortalPages, "entries": CatalogueEntries}
