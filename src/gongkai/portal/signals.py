"""What invalidates the public page cache: any change to something the portal shows.

Model saves and Wagtail's publication signals are caught here; a service that writes
public fields with a queryset update (a validity change) sends no model signal and
calls :func:`~gongkai.portal.caching.bump_catalogue_version` itself.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.signals import page_published, page_unpublished

from gongkai.portal.caching import bump_catalogue_version


def connect() -> None:
    from gongkai.agencies.models import Agency
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
