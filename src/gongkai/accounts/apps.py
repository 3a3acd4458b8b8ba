from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gongkai.accounts"
    verbose_name = "账号安全"

    def ready(self) -> None:
        from gongkai.accounts import receivers  # noqa: F401
