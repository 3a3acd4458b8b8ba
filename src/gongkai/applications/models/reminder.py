"""Reminders to handlers, one per application and threshold: sent once, never skipped."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Reminder(models.Model):
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="reminders"
    )
    threshold = models.CharField("提醒节点", max_length=30)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField("主题", max_length=200)
    body = models.TextField("内容")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = "办理提醒"
        verbose_name_plural = "办理提醒"
        constraints = [
            models.UniqueConstraint(
                fields=["application", "threshold", "recipient"], name="reminder_once"
            )
        ]

    def __str__(self) -> str:
        return self.subject
