"""Holiday schedules per year, as the State Council publishes them each November."""

from __future__ import annotations

from django.db import models

from gongkai.workcalendar.file_format import SOURCE_MAX_LENGTH


class HolidaySchedule(models.Model):
    year = models.PositiveSmallIntegerField("年度", unique=True)
    source = models.CharField("来源", max_length=SOURCE_MAX_LENGTH)
    loaded_at = models.DateTimeField("导入时间", auto_now=True)

    class Meta:
        verbose_name = "年度节假日安排"
        verbose_name_plural = "年度节假日安排"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年节假日安排"


class SpecialDay(models.Model):
    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "放假"
        WORKDAY = "workday", "调休上班"

    schedule = models.ForeignKey(
        HolidaySchedule, on_delete=models.CASCADE, related_name="days", verbose_name="年度安排"
    )
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    name = models.CharField("名称", max_length=50, blank=True)

    class Meta:
        verbose_name = "特殊日期"
        verbose_name_plural = "特殊日期"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}"
