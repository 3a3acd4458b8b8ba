"""Recovery codes: the second factor for the day the phone is lost.

django-otp's own static device keeps its codes in clear; these are kept as SHA-256
digests, so a copy of the database does not hand anyone a way past the second factor.
A code is 80 random bits, which makes a plain digest as safe as a slow hash would be.
"""

from __future__ import annotations

import hashlib
import secrets
from base64 import b32encode

from django.conf import settings
from django.db import models
from django_otp.models import Device, ThrottlingMixin, TimestampMixin

CODE_BYTES = 10  # 80 bits, 16 base32 characters


def new_code() -> str:
    """A code as it is shown: four groups of four, lower case (``abcd-efgh-ijkl-mnop``)."""
    raw = b32encode(secrets.token_bytes(CODE_BYTES)).decode().lower()
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def digest(code: str) -> str:
    """What is stored: the digest of the code without case, spaces or dashes."""
    normal = "".join(ch for ch in code.lower() if ch.isalnum())
    return hashlib.sha256(normal.encode()).hexdigest()


class RecoveryCodeDevice(TimestampMixin, ThrottlingMixin, Device):
    """A django-otp device whose tokens are one-time recovery codes, stored hashed."""

    class Meta(Device.Meta):
        verbose_name = "恢复码"
        verbose_name_plural = "恢复码"

    def get_throttle_factor(self) -> int:
        return getattr(settings, "OTP_STATIC_THROTTLE_FACTOR", 1)

    def verify_token(self, token: str) -> bool:
        allowed, _ = self.verify_is_allowed()
        if not allowed:
            return False
        match = self.codes.filter(digest=digest(token)).first()
        if match is None:
            self.throttle_increment()
            return False
        match.delete()
        self.throttle_reset(commit=False)
        self.set_last_used_timestamp(commit=False)
        self.save()
        return True


class RecoveryCode(models.Model):
    device = models.ForeignKey(
        RecoveryCodeDevice, verbose_name="设备", on_delete=models.CASCADE, related_name="codes"
    )
    digest = models.CharField("摘要", max_length=64, db_index=True)

    class Meta:
        verbose_name = "恢复码"
        verbose_name_plural = "恢复码"

    def __str__(self) -> str:
        return f"恢复码（{self.device.user}）"


class PasswordRecord(models.Model):
    """When an account's password was last set, and whether it must be changed now.

    Written by :class:`gongkai.accounts.password_age.PasswordAgeRecorder` whenever a
    password is set, by any screen or command; read by the login gate against
    ``GONGKAI_PASSWORD_MAX_AGE_DAYS``.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="人员",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="password_record",
    )
    changed_at = models.DateTimeField("密码设置时间")
    must_change = models.BooleanField("须修改密码", default=False)

    class Meta:
        verbose_name = "密码记录"
        verbose_name_plural = "密码记录"

    def __str__(self) -> str:
        return f"{self.user}：{self.changed_at:%Y-%m-%d}"
