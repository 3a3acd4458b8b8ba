"""Online filings per address, remembered for an hour to slow floods of applications."""

from __future__ import annotations

from django.db import models


class FilingAttempt(models.Model):
    """One application filed through the public form, with the address it came from.

    Only the count per address over the last hour matters (see
    :mod:`gongkai.applications.public.flood`); rows older than that are purged, since an
    address is personal data. In the database, not a per-process cache, so the limit
    holds across every server process.
    """

    client = models.CharField("来源地址", max_length=64)
    at = models.DateTimeField("时间", db_index=True)

    class Meta:
        verbose_name = "网上申请提交记录"
        verbose_name_plural = "网上申请提交记录"
        indexes = [models.Index(fields=["client", "at"], name="filing_client_at")]

    def __str__(self) -> str:
        return f"{self.client} @ {self.at:%Y-%m-%d %H:%M}"
