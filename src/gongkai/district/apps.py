from django.apps import AppConfig


class DistrictConfig(AppConfig):
    name = "gongkai.district"
    verbose_name = "全区汇总"
