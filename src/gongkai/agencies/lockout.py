"""Login lockout: per account and address, a slower limit per account, and unlocking.

A lockout by account name alone is a weapon: five wrong passwords from anywhere lock the
owner out, renewable for ever. So failures are counted per (account, address), which
stops guessing from one place without touching the owner at another; and, against
guessing from many addresses, the account is locked everywhere once all its failures in
the cool-off window reach ``GONGKAI_LOGIN_ACCOUNT_FAILURE_LIMIT``, ten times the first.
Those rows are django-axes' ``AccessAttempt``; the agency administrator (for their own
agency's staff) and the operator can lift a lockout from the admin.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone

from gongkai.agencies.models import Membership, Role
from gongkai.agencies.selectors import administered_agency_ids, is_operator, primary_agency
from gongkai.audit.context import current
from gongkai.audit.services import record


def _recent() -> Any:
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(attempt_time__gte=since)


class AccountAndAddressHandler(AxesDatabaseHandler):
    """axes' database handler, with the account-wide limit added to the per-address one.

    axes locks when :meth:`get_failures` reaches ``AXES_FAILURE_LIMIT``; the failures of
    this (account, address) pair are counted as they are, and an account past its own
    limit counts as at the limit from every address.
    """

    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        failures = super().get_failures(request, credentials)
        username = get_client_username(request, credentials)
        if not username:
            return failures
        since = get_cool_off_threshold(request)
        total = (
            AccessAttempt.objects.filter(username=username, attempt_time__gte=since).aggregate(
                total=Sum("failures_since_start")
            )["total"]
            or 0
        )
        if total >= settings.GONGKAI_LOGIN_ACCOUNT_FAILURE_LIMIT:
            return max(failures, settings.AXES_FAILURE_LIMIT)
        return failures


@dataclass(frozen=True)
class LockedAccount:
    """One account with failed logins in the window, as the unlock screen shows it."""

    username: str
    failures: int
    addresses: tuple[str, ...]
    last_attempt: datetime
    locked_everywhere: bool


def _unlockable_usernames(viewer: Any) -> set[str] | None:
    """Account names ``viewer`` may unlock; ``None`` means every name (the operator)."""
    if is_operator(viewer):
        return None
    agencies = administered_agency_ids(viewer)
    if not agencies:
        return set()
    staff = Membership.objects.filter(agency_id__in=agencies).values_list("user_id", flat=True)
    users = get_user_model().objects.filter(pk__in=staff, is_superuser=False)
    # An agency administrator never unlocks the platform's own operators.
    operators = Membership.objects.filter(role=Role.OPERATOR).values_list("user_id", flat=True)
    return set(users.exclude(pk__in=operators).values_list("username", flat=True))


def locked_accounts(*, viewer: Any) -> list[LockedAccount]:
    """Accounts with failed logins in the cool-off window that ``viewer`` may unlock."""
    allowed = _unlockable_usernames(viewer)
    attempts = _recent()
    if allowed is not None:
        attempts = attempts.filter(username__in=allowed)
    rows = attempts.values("username").annotate(
        failures=Sum("failures_since_start"), last=Max("attempt_time")
    )
    addresses: dict[str, set[str]] = {}
    for username, address in attempts.values_list("username", "ip_address"):
        addresses.setdefault(username, set()).add(address or "")
    return [
        LockedAccount(
            username=row["username"],
            failures=row["failures"],
            addresses=tuple(sorted(addresses.get(row["username"], ()))),
            last_attempt=row["last"],
            locked_everywhere=row["failures"] >= settings.GONGKAI_LOGIN_ACCOUNT_FAILURE_LIMIT,
        )
        for row in rows.order_by("-last")
    ]


def do_unlock_account(*, username: str) -> int:
    """Forget an account's failed logins from every address; returns how many rows went.

    Only a signed-in agency administrator (for their agency's staff) or the operator may
    do it: a missing actor is nobody.
    """
    actor = current().actor
    allowed = _unlockable_usernames(actor) if actor is not None else set()
    if allowed is not None and username not in allowed:
        raise PermissionDenied(f"您无权解除账号“{username}”的锁定。")
    user = get_user_model().objects.filter(username=username).first()
    with transaction.atomic():
        attempts = AccessAttempt.objects.filter(username=username)
        addresses = sorted({ip or "" for ip in attempts.values_list("ip_address", flat=True)})
        removed, _ = attempts.delete()
        record(
            action="auth.unlock",
            summary=f"解除账号“{username}”的登录锁定",
            obj=user,
            agency=primary_agency(user) if user is not None else None,
            changes={"username": username, "addresses": addresses},
        )
    return removed
