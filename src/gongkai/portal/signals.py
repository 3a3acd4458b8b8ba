"""What invalidates the public page cache: any change to something the portal shows."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.signals import page_published, page_unpublished

from gongkai.portal.caching import bump_catalogue_version

# Catalogue services that write public fields with a queryset update (a validity change)
# send no model signal, but each leaves an audit row with one of these actions.
AUDITED_CATALOGUE_CHANGES = ("catalogue.entry.validity",)


def _after_audit(instance: Any, created: bool, **_: Any) -> None:
    if created and instance.action in AUDITED_CATALOGUE_CHANGES:
        bump_catalogue_version()


def connect() -> None:
    from gongkai.agencies.models import Agency
    from gongkai.audit.models import AuditEntry
    from gongkai.disclosure.models import (
        AgencyCataloguePage,
        CatalogueEntryPage,
        ColumnPage,
        DisclosureGuidePage,
        EntryAttachment,
        TopicColumnPage,
    )
    from gongkai.portal.models import HomePage
    from gongkai.reports.models import AnnualReport

    post_save.connect(_after_audit, sender=AuditEntry, dispatch_uid="portal-cache-audit")
    page_published.connect(bump_catalogue_version, dispatch_uid="portal-cache-published")
    page_unpublished.connect(bump_catalogue_version, dispatch_uid="portal-cache-unpublished")
    # post_save is sent with the concrete class, so each public model is named.
    for model in (
        HomePage,
        AgencyCataloguePage,
        ColumnPage,
        TopicColumnPage,
        DisclosureGuidePage,
        CatalogueEntryPage,
        EntryAttachment,
        Agency,
        AnnualReport,
        get_document_model(),
    ):
        for signal in (post_save, post_delete):
            signal.connect(
                bump_catalogue_version,
                sender=model,
                dispatch_uid=f"portal-cache-{signal is post_save}-{model.__name__}",
            )
