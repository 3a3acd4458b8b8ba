from django.apps import AppConfig


class SiteIdentityConfig(AppConfig):
    name = "gongkai.site_identity"
    verbose_name = "网站标识"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from gongkai.portal.caching import bump_catalogue_version
        from gongkai.site_identity.models import SiteIdentity

        # Every public page's footer shows the identity: a change empties the page cache.
        post_save.connect(
            bump_catalogue_version, sender=SiteIdentity, dispatch_uid="site-identity-cache"
        )
