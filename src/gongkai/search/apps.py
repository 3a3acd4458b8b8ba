from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Installed so the task queue finds search/jobs.py; the search app has no models."""

    name = "gongkai.search"
    verbose_name = "全文检索"
