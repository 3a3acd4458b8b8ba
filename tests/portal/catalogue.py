"""Published entries for portal tests (unit and browser): written as an import would."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.cache import caches
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from gongkai.agencies.models import Agency
from gongkai.disclosure.models import CatalogueEntryPage, EntryAttachment
from gongkai.disclosure.permissions import agency_collection
from gongkai.disclosure.services.catalogue import column_for
from gongkai.disclosure.services.importing import CatalogueRow, write_published_entry


def publish(
    agency: Agency, *, user: Any, column: str = "regulations", row: int = 1, **fields: Any
) -> CatalogueEntryPage:
    values = {
        "row": row,
        "column": column_for(agency=agency, key=column),
        "formed_on": date(2025, 3, 1),
        "published_on": date(2025, 3, 5),
        "subject": "民政、扶贫、救灾",
        "info_type": "normative_document",
        **fields,
    }
    entry = write_published_entry(CatalogueRow(**values), user=user)
    entry.refresh_from_db()
    return entry


def attach(entry: CatalogueEntryPage, *, title: str, file_name: str, data: bytes) -> Any:
    document = get_document_model().objects.create(
        title=title,
        file=ContentFile(data, name=file_name),
        collection=agency_collection(entry.agency),
    )
    EntryAttachment.objects.create(entry=entry, document=document, title=title)
    return document


def enable_page_cache(settings: Any) -> None:
    """Turn the public page cache on (tests/settings.py turns it off), empty."""
    settings.CACHES = {
        **settings.CACHES,
        "portal": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"},
    }
    caches["portal"].clear()
