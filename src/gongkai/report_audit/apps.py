from django.apps import AppConfig


class ReportAuditConfig(AppConfig):
    name = "gongkai.report_audit"
    verbose_name = "年度报告核查"
    default_auto_field = "django.db.models.BigAutoField"
