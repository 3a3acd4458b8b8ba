from django.apps import AppConfig


class InspectionConfig(AppConfig):
    name = "gongkai.inspection"
    verbose_name = "巡检"
    default_auto_field = "django.db.models.BigAutoField"
