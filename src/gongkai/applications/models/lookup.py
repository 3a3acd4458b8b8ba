"""Public status lookups, remembered briefly so query codes cannot be guessed.

A query code is the only secret protecting an application's status page, and receipt
numbers are sequential. The limit on wrong guesses must hold across every server
process, so the attempts live in the database, not in a per-process cache.
"""

from __future__ import annotations

from django.db import models


class LookupAttempt(models.Model):
    """One status lookup that has not (yet) succeeded.

    A row is written *before* the code is checked and deleted again when the code was
    right, so concurrent guesses are counted even while they are still in flight, and
    successful lookups never count. Rows older than the throttle window are purged, so
    the table holds at most an hour of failures; ``client`` is an IP address (or an IPv6
    /64 network), which is personal data and must not be kept longer than needed.
    """

    client = models.CharField("来源地址", max_length=64)
    receipt_number = models.CharField("申请编号", max_length=40)
    at = models.DateTimeField("时间", db_index=True)

    class Meta:
        verbose_name = "进度查询尝试"
        verbose_name_plural = "进度查询尝试"
        indexes = [
            models.Index(fields=["client", "at"], name="lookup_client_at"),
            models.Index(fields=["receipt_number", "at"], name="lookup_number_at"),
        ]

    def __str__(self) -> str:
        return f"{self.receipt_number} @ {self.at:%Y-%m-%d %H:%M}"
