"""Password expiry (等保 三级: 口令定期更换): how old a password is, and when it must change.

``GONGKAI_PASSWORD_MAX_AGE_DAYS`` (default 90; 0 turns expiry off) is the age past which
a login is sent to change its password and reaches nothing else until it has. The date
is recorded whenever a password is set, through Django's own hook for that: every
password validator's ``password_changed`` runs when a user with a new password is saved,
whichever screen or command set it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import PasswordRecord
from gongkai.agencies.selectors import accounts_managed_by, primary_agency
from gongkai.audit.context import current, is_system
from gongkai.audit.services import record


def max_age() -> timedelta | None:
    days = int(settings.GONGKAI_PASSWORD_MAX_AGE_DAYS)
    return timedelta(days=days) if days > 0 else None


class PasswordAgeRecorder:
    """Not a rule on the password: the hook that records when it was set."""

    def validate(self, password: str, user: Any = None) -> None:
        return None

    def password_changed(self, password: str, user: Any = None) -> None:
        if user is None or user.pk is None:
            return
        PasswordRecord.objects.update_or_create(
            user=user, defaults={"changed_at": timezone.now(), "must_change": False}
        )

    def get_help_text(self) -> str:
        age = max_age()
        return f"密码有效期{age.days}天，到期后须修改。" if age else "密码长期有效。"


def password_expired(user: Any, *, now: datetime) -> bool:
    """Whether ``user`` must change the password before anything else.

    An account without a record (created before expiry was introduced, and the
    migration gave every such account one) counts from the day it joined.
    """
    entry = PasswordRecord.objects.filter(user=user).first()
    if entry is not None and entry.must_change:
        return True
    age = max_age()
    if age is None:
        return False
    changed = entry.changed_at if entry is not None else user.date_joined
    return now - changed > age


def password_changed_at(user: Any) -> datetime | None:
    entry = PasswordRecord.objects.filter(user=user).first()
    return entry.changed_at if entry is not None else None


def do_require_password_change(*, user: Any) -> None:
    """The security administrator's (or agency administrator's, for their staff) order
    that an account change its password at its next request, audited."""
    actor = current().actor
    if actor is None:
        raise PermissionDenied("请先登录：未登录的访问者不能执行此操作。")
    allowed = None if is_system(actor) else accounts_managed_by(actor)
    name = user.get_username()
    if allowed is not None and name not in allowed:
        raise PermissionDenied(f"您无权要求账号“{name}”修改密码。")
    with transaction.atomic():
        PasswordRecord.objects.update_or_create(
            user=user,
            defaults={"must_change": True},
            create_defaults={"changed_at": user.date_joined, "must_change": True},
        )
        record(
            action="auth.password_change_required",
            summary=f"要求账号“{name}”下次操作前修改密码",
            obj=user,
            agency=primary_agency(user),
        )


def record_expiry_noticed(user: Any) -> None:
    """The login was stopped at the password step: on record once per session."""
    record(
        action="auth.password_expired",
        summary=f"账号“{user.get_username()}”密码已过期或须修改，登录后转至修改密码",
        obj=user,
        agency=primary_agency(user),
    )
