"""Two-factor login (TOTP): who must have it, enrolment, the code at login, and reset.

A password can be guessed, phished or reused from another site; 等保 三级 asks that
administrators prove who they are with two factors. The second is a time-based code from
an authenticator app (RFC 6238, django-otp's TOTP device), with ten one-time recovery
codes for a lost phone. It is asked of everyone who enrolled, and enrolment is required of
the roles in ``GONGKAI_2FA_REQUIRED_ROLES``.
"""

from __future__ import annotations

import re
import time
from base64 import b32decode
from binascii import unhexlify
from typing import Any

import django_otp
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from gongkai.accounts.models import RecoveryCode, RecoveryCodeDevice, digest, new_code
from gongkai.agencies.models import Role
from gongkai.agencies.selectors import accounts_the_actor_manages, primary_agency, roles_of_user
from gongkai.audit.context import current, is_system
from gongkai.audit.services import record

RECOVERY_CODES = 10
TOTP_CODE = re.compile(r"\d{6}")
DEVICE_NAME = "验证器应用"


def totp_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_second_factor(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_required(user: Any) -> bool:
    """Whether one of the user's roles is in ``GONGKAI_2FA_REQUIRED_ROLES``.

    A superuser holds every power, so it counts as the operator.
    """
    required = set(settings.GONGKAI_2FA_REQUIRED_ROLES)
    roles = roles_of_user(user) | ({Role.OPERATOR.value} if user.is_superuser else set())
    return bool(roles & required)


def recovery_codes_left(user: Any) -> int:
    return RecoveryCode.objects.filter(device__user=user, device__confirmed=True).count()


def new_secret() -> str:
    """A fresh TOTP key (hex, 20 bytes), held in the session until a code confirms it."""
    return random_hex(20)


def provisioning_uri(user: Any, key: str) -> str:
    """The ``otpauth://`` address an authenticator app reads from the QR code."""
    return TOTPDevice(user=user, key=key).config_url


def _normal(token: str) -> str:
    return "".join(token.split())


def _check_first_code(key: str, token: str) -> int:
    """The time step of ``token`` if it is valid for ``key`` now, else a ValidationError."""
    token = _normal(token)
    if not TOTP_CODE.fullmatch(token):
        raise ValidationError({"code": "请输入验证器应用显示的6位数字验证码。"})
    totp = TOTP(unhexlify(key.encode()), step=30, t0=0, digits=6)
    totp.time = time.time()
    if not totp.verify(int(token), tolerance=1):
        raise ValidationError({"code": "验证码不正确，请核对手机时间后输入当前显示的验证码。"})
    return totp.t()


def do_enrol_second_factor(*, user: Any, key: str, token: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the authenticator app with its first code; returns the device and the
    recovery codes, which exist in clear only in this return value.

    One enrols oneself only, and only once: another phone needs a reset first.
    """
    actor = current().actor
    if actor is None or is_system(actor) or actor.pk != user.pk:
        raise PermissionDenied("只能为本人账号启用两步验证。")
    if has_second_factor(user):
        raise ValidationError("该账号已启用两步验证；更换手机须先由管理员重置。")
    step = _check_first_code(key, token)
    codes = [new_code() for _ in range(RECOVERY_CODES)]
    with transaction.atomic():
        # The confirming code is spent: it cannot also open the next login.
        device = TOTPDevice.objects.create(
            user=user, name=DEVICE_NAME, key=key, confirmed=True, last_t=step
        )
        recovery = RecoveryCodeDevice.objects.create(user=user, name="恢复码", confirmed=True)
        RecoveryCode.objects.bulk_create(
            RecoveryCode(device=recovery, digest=digest(code)) for code in codes
        )
        record(
            action="auth.2fa_enrolled",
            summary=f"账号“{user.get_username()}”启用两步验证",
            obj=user,
            agency=primary_agency(user),
            changes={"recovery_codes": RECOVERY_CODES},
        )
    return device, codes


def do_install_authenticator(*, user: Any, secret: str) -> TOTPDevice:
    """Give an account an authenticator with a known base32 secret, from the server's shell
    only: the demo's privileged accounts, whose secret the README prints so that anyone
    trying the demo can add it to an app. Never for a real account."""
    if not is_system(current().actor):
        raise PermissionDenied("只有服务器命令行可以预置验证器密钥。")
    key = b32decode(secret).hex()
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, key=key, confirmed=True)
        record(
            action="auth.2fa_enrolled",
            summary=f"为账号“{user.get_username()}”预置演示用验证器密钥",
            obj=user,
            agency=primary_agency(user),
        )
    return device


def verify_second_factor(*, user: Any, token: str) -> Any:
    """The code asked after the password: a 6-digit TOTP code or a recovery code.

    Returns the device that accepted it (a recovery code is used up), or ``None``;
    both outcomes are audited. Counting failures towards the lockout is the caller's.
    """
    token = _normal(token)
    model = TOTPDevice if TOTP_CODE.fullmatch(token) else RecoveryCodeDevice
    accepted = None
    for device in model.objects.filter(user=user, confirmed=True):
        accepted = django_otp.verify_token(user, device.persistent_id, token)
        if accepted is not None:
            break
    agency = primary_agency(user)
    name = user.get_username()
    if accepted is None:
        record(
            action="auth.2fa_failed",
            summary=f"两步验证失败：账号“{name}”",
            obj=user,
            agency=agency,
            changes={"kind": "recovery_code" if model is RecoveryCodeDevice else "totp"},
        )
    elif isinstance(accepted, RecoveryCodeDevice):
        left = recovery_codes_left(user)
        record(
            action="auth.recovery_code_used",
            summary=f"账号“{name}”使用恢复码登录，剩余{left}个",
            obj=user,
            agency=agency,
            changes={"recovery_codes_left": left},
        )
    else:
        record(action="auth.2fa_verified", summary="两步验证通过", obj=user, agency=agency)
    return accepted


def do_reset_second_factor(*, user: Any) -> None:
    """Remove another account's authenticator and recovery codes (a lost phone).

    The account is asked to enrol again at its next login if its role requires it.
    Allowed to whoever looks after the account's security (``accounts_managed_by``).
    """
    actor = current().actor
    allowed = accounts_the_actor_manages(actor)
    name = user.get_username()
    if actor is not None and not is_system(actor) and actor.pk == user.pk:
        raise PermissionDenied("不能重置本人的两步验证，请联系管理员。")
    if allowed is not None and name not in allowed:
        raise PermissionDenied(f"您无权重置账号“{name}”的两步验证。")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        RecoveryCodeDevice.objects.filter(user=user).delete()
        record(
            action="auth.2fa_reset",
            summary=f"重置账号“{name}”的两步验证",
            obj=user,
            agency=primary_agency(user),
            changes={"username": name},
        )
