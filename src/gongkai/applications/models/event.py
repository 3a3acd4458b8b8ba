"""The ledger of what happened to an application, in legal dates."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from gongkai.rules.clock_events import EventData, EventKind, parse_event_data


class ClockEvent(models.Model):
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField("事项", max_length=30, choices=[(k.value, k.label) for k in EventKind])
    on = models.DateField("日期")
    # Written from rules.clock_events.dump_event_data, read through ``typed_data``.
    data = models.JSONField("内容", default=dict, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="登记人",
    )

    class Meta:
        verbose_name = "期限事项"
        verbose_name_plural = "期限事项"
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {EventKind(self.kind).label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Refuse data of the wrong shape for the kind (EventDataError) before it is stored."""
        parse_event_data(self.kind, self.data)
        super().save(*args, **kwargs)

    @property
    def typed_data(self) -> EventData:
        return parse_event_data(self.kind, self.data)
