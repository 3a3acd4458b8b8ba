"""The mail outbox shared by every queued message: alerts, handlers' and report reminders.

A queued message is a row (recipient, subject, body, sent_at, attempts, last_error),
written in the same transaction as what caused it and sent later by a job. Sending
here, once, keeps one rule for all of them: a recipient without an address is told on
the platform only, and a mail server that is away leaves the row pending with its
error for the next run instead of losing the message.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from gongkai.agencies.models import Agency, Membership

NO_ADDRESS = "无邮箱，仅站内提醒"


class OutboxMessage(models.Model):
    """The columns ``deliver`` reads and writes; each kind of message adds what keys it
    (an alert's key, a reminder's agency, year and day)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="收件人", on_delete=models.CASCADE, related_name="+"
    )
    subject = models.CharField("主题", max_length=300)
    body = models.TextField("内容")
    created_at = models.DateTimeField("生成时间", auto_now_add=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    attempts = models.PositiveIntegerField("发送次数", default=0)
    last_error = models.TextField("最近错误", blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject


def recipients(*, roles: Iterable[str], agency: Agency | None = None) -> list[Any]:
    """The active users holding one of ``roles`` (in ``agency`` when given), once each."""
    memberships = Membership.objects.filter(role__in=[str(r) for r in roles])
    if agency is not None:
        memberships = memberships.filter(agency=agency)
    users = get_user_model().objects.filter(
        pk__in=memberships.values_list("user", flat=True), is_active=True
    )
    return list(users.order_by("pk"))


def deliver(pending: QuerySet, *, limit: int = 500) -> int:
    """Send the unsent rows of ``pending`` (oldest first); returns how many were sent."""
    sent = 0
    unsent = pending.filter(sent_at__isnull=True).select_related("recipient")
    for message in unsent.order_by("created_at")[:limit]:
        message.attempts += 1
        address = message.recipient.email if message.recipient else ""
        try:
            if address:
                send_mail(message.subject, message.body, None, [address], fail_silently=False)
            message.sent_at = timezone.now()
            message.last_error = "" if address else NO_ADDRESS
            sent += 1
        except Exception as error:  # SMTP and socket errors alike: keep it for the next run
            message.last_error = f"{type(error).__name__}: {error}"[:1000]
        message.save(update_fields=["attempts", "sent_at", "last_error"])
    return sent
