from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AgenciesConfig(AppConfig):
    name = "gongkai.agencies"
    verbose_name = "机构与人员"

    def ready(self) -> None:
        from gongkai.agencies.roles import ensure_role_groups

        post_migrate.connect(_ensure_groups, sender=self)
        self._ensure_role_groups = ensure_role_groups


def _ensure_groups(sender: AgenciesConfig, **kwargs: object) -> None:
    sender._ensure_role_groups()
