from django.apps import AppConfig


class WebsiteReportConfig(AppConfig):
    name = "gongkai.website_report"
    verbose_name = "网站年度报表"
