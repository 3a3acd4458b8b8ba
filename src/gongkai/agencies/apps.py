from typing import Any

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class AgenciesConfig(AppConfig):
    name = "gongkai.agencies"
    verbose_name = "机构与人员"

    def ready(self) -> None:
        post_migrate.connect(_ensure_groups, dispatch_uid="gongkai_role_groups")


def _ensure_groups(sender: AppConfig, **kwargs: Any) -> None:
    # Permissions are created app by app during post_migrate; the role groups
    # can only be complete once the last app has had its turn.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender is with_models[-1]:
        from gongkai.agencies.roles import ensure_role_groups

        ensure_role_groups()
