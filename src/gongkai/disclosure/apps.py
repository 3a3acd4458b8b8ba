from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "gongkai.disclosure"
    verbose_name = "主动公开"

    def ready(self) -> None:
        from gongkai.agencies.signals import agency_created

        agency_created.connect(_give_catalogue, dispatch_uid="disclosure.agency_created")


def _give_catalogue(sender: object, *, agency: object, **kwargs: object) -> None:
    from gongkai.disclosure.services.catalogue import ensure_agency_catalogue

    ensure_agency_catalogue(agency=agency)
