"""Login lockout: per account and address, a slower limit per account, and unlocking.

A lockout by account name alone is a weapon: five wrong passwords from anywhere lock the
owner out, renewable for ever. So failures are counted per (account, address), which
stops guessing from one place without touching the owner at another; and, against
guessing from many addresses, the account is locked everywhere once all its failures in
the cool-off window reach ``GONGKAI_LOGIN_ACCOUNT_FAILURE_LIMIT``, ten times the first.
Against one address trying a few passwords on each of many accounts, that address is
stopped once its failures across accounts reach ``GONGKAI_LOGIN_ADDRESS_FAILURE_LIMIT``.
Those rows are django-axes' ``AccessAttempt``; the agency administrator (for their own
agency's staff) and the security administrator can lift a lockout from the admin, and
the server's shell with ``gongkai staff unlock``; each is audited. A wrong second-factor
code counts as a wrong password, and failures are forgotten only when the whole login
succeeds, so a known password does not buy endless guesses at the code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_credentials
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone

from gongkai.agencies.selectors import (
    accounts_managed_by,
    accounts_the_actor_manages,
    primary_agency,
)
from gongkai.audit.context import current
from gongkai.audit.services import record


def _recent() -> Any:
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(attempt_time__gte=since)


def _sum_failures(attempts: Any) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class AccountAndAddressHandler(AxesDatabaseHandler):
    """axes' database handler, with the account-wide limit added to the per-address one.

    axes locks when :meth:`get_failures` reaches ``AXES_FAILURE_LIMIT``; the failures of
    this (account, address) pair are counted as they are, an account past its own limit
    counts as at the limit from every address, and an address past its own limit (one
    place trying password after password on many accounts) as at the limit for every
    account tried from there.
    """

    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        failures = super().get_failures(request, credentials)
        recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
        username = get_client_username(request, credentials)
        address = getattr(request, "axes_ip_address", None)
        account_locked = bool(username) and (
            _sum_failures(recent.filter(username=username))
            >= settings.GONGKAI_LOGIN_ACCOUNT_FAILURE_LIMIT
        )
        address_locked = bool(address) and (
            _sum_failures(recent.filter(ip_address=address))
            >= settings.GONGKAI_LOGIN_ADDRESS_FAILURE_LIMIT
        )
        if account_locked or address_locked:
            return max(failures, settings.AXES_FAILURE_LIMIT)
        return failures

    def user_logged_in(self, sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
        """A password alone completes the login only of an account without a second factor;
        for the others, failures are forgotten once the code is right (:func:`forget_failures`).
        """
        super().user_logged_in(sender, request, user, **kwargs)
        from gongkai.accounts.second_factor import has_second_factor

        if not has_second_factor(user):
            self.reset_user_attempts(request, get_credentials(user.get_username()))


def count_failure(request: Any, username: str) -> bool:
    """Count a wrong second-factor code like a wrong password; ``True`` once it locks."""
    AxesProxyHandler.user_login_failed(
        sender=count_failure, credentials=get_credentials(username), request=request
    )
    return bool(getattr(request, "axes_locked_out", False))


def is_locked(request: Any, username: str) -> bool:
    return AxesProxyHandler.is_locked(request, get_credentials(username))


def forget_failures(request: Any, username: str) -> None:
    """The whole login succeeded: this account's failures from this address are forgotten."""
    AxesProxyHandler.update_request(request)
    handler = AxesProxyHandler.get_implementation()
    if isinstance(handler, AxesDatabaseHandler):
        handler.reset_user_attempts(request, get_credentials(username))


@dataclass(frozen=True)
class LockedAccount:
    """One account with failed logins in the window, as the unlock screen shows it."""

    username: str
    failures: int
    addresses: tuple[str, ...]
    last_attempt: datetime
    locked_everywhere: bool


def locked_accounts(*, viewer: Any) -> list[LockedAccount]:
    """Accounts with failed logins in the cool-off window that ``viewer`` may unlock."""
    allowed = accounts_managed_by(viewer)
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

    Only whoever looks after the account's security may do it (an agency administrator
    for their agency's staff, the security administrator, the server's shell): a missing
    actor is nobody.
    """
    allowed = accounts_the_actor_manages(current().actor)
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
