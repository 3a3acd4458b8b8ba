from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Installed so the task queue finds search/jobs.py and the change feed has its tables."""

    name = "gongkai.search"
    verbose_name = "全文检索"
