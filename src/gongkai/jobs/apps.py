from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "gongkai.jobs"
    verbose_name = "后台任务"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        # Every app declares its tasks in a ``jobs`` module; importing them here
        # registers them on the queue in web processes and workers alike.
        autodiscover_modules("jobs")
