from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    verbose_name = "门户网站"

    def ready(self) -> None:
        # The HTTPS switch's deploy check (gongkai.W001), registered on import.
        import gongkai.security_headers  # noqa: F401
        from gongkai.portal.signals import connect

        connect()
