from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "gongkai.disclosure"
    verbose_name = "主动公开"

    def ready(self) -> None:
        from gongkai.agencies.signals import agency_created

        agency_created.connect(_give_catalogue, dispatch_uid="disclosure.agency_created")

        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished

        from gongkai.disclosure.models import CatalogueEntryPage, TopicColumnPage

        post_save.connect(_topic_column_created, sender=TopicColumnPage, dispatch_uid="topic")

        from wagtail.models import Revision

        from gongkai.disclosure.verdicts import revision_saved

        post_save.connect(revision_saved, sender=Revision, dispatch_uid="disclosure.screen")
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


def _topic_column_created(sender: object, *, instance: object, created: bool, **kw: object) -> None:
    if created:
        from gongkai.disclosure.permissions import grant_topic_column_permissions
        from gongkai.disclosure.services.topics import ensure_topic_workflow

        grant_topic_column_permissions(column=instance)
        # Before the create view starts the workflow: sites set up before the topic
        # workflow existed get it with their next topic column.
        ensure_topic_workflow(home=instance.get_parent())  # type: ignore[attr-defined]
