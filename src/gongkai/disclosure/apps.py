from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "gongkai.disclosure"
    verbose_name = "主动公开"

    def ready(self) -> None:
        from gongkai.agencies.signals import agency_created

        agency_created.connect(_give_catalogue, dispatch_uid="disclosure.agency_created")

        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_unpublished

        from gongkai.disclosure.models import CatalogueEntryPage

        for signal in (page_published, page_unpublished, post_delete):
            signal.connect(
                _reindex, sender=CatalogueEntryPage, dispatch_uid=f"disclosure.reindex.{id(signal)}"
            )


def _give_catalogue(sender: object, *, agency: object, **kwargs: object) -> None:
    from gongkai.disclosure.services.catalogue import ensure_agency_catalogue

    ensure_agency_catalogue(agency=agency)


def _reindex(sender: object, *, instance: object, **kwargs: object) -> None:
    """Search follows every publication, withdrawal and deletion (queued, retried)."""
    from gongkai.search.indexing import refresh_documents

    refresh_documents([str(instance.pk)])  # type: ignore[attr-defined]
