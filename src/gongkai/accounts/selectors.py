"""Reads for the account-security screen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.agencies.models import Membership, Role
from gongkai.agencies.names import staff_name
from gongkai.agencies.selectors import accounts_managed_by


@dataclass(frozen=True)
class AccountRow:
    username: str
    name: str
    agencies: str
    roles: str
    enrolled: bool
    required: bool
    recovery_codes_left: int
    password_set: datetime | None
    password_expired: bool


def account_rows(*, viewer: Any, now: datetime) -> list[AccountRow] | None:
    """The staff accounts ``viewer`` looks after; ``None`` when they look after none."""
    from gongkai.accounts.password_age import password_expired

    managed = accounts_managed_by(viewer)
    if managed is not None and not managed:
        return None
    users = get_user_model().objects.filter(pk__in=Membership.objects.values("user_id"))
    if managed is not None:
        users = users.filter(username__in=managed)
    users = (
        users.annotate(
            enrolled=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            codes_left=Count(
                "recoverycodedevice__codes", filter=Q(recoverycodedevice__confirmed=True)
            ),
        )
        .order_by("username")
        .select_related("password_record")
    )
    memberships: dict[int, list[Membership]] = {}
    for membership in Membership.objects.filter(user__in=users).select_related("agency"):
        memberships.setdefault(membership.user_id, []).append(membership)
    required = set(settings.GONGKAI_2FA_REQUIRED_ROLES)
    rows = []
    for user in users:
        held = memberships.get(user.pk, [])
        rows.append(
            AccountRow(
                username=user.username,
                name=staff_name(user),
                agencies="、".join(sorted({m.agency.display_name for m in held})),
                roles="、".join(sorted({Role(m.role).label for m in held})),
                enrolled=user.enrolled,
                required=bool({m.role for m in held} & required),
                recovery_codes_left=user.codes_left,
                password_set=getattr(getattr(user, "password_record", None), "changed_at", None),
                password_expired=password_expired(user, now=now),
            )
        )
    return rows
