"""Login lockout that protects an account without letting strangers lock its owner out.

Failures lock one account *from one address*; a much higher count across addresses locks
the account everywhere (password guessing from a botnet). The agency administrator
unlocks their own agency's staff, the security administrator anyone (三员分立; the
operator in single-operator mode); all are audited.
"""

from __future__ import annotations

from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings
from django.urls import reverse

from gongkai.agencies.lockout import do_unlock_account, locked_accounts
from gongkai.audit.context import acting
from gongkai.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

LOGIN = "wagtailadmin_login"
PASSWORD = "Test-Passw0rd!"


def _login(client: Client, username: str, password: str, ip: str = "127.0.0.1") -> Any:
    return client.post(reverse(LOGIN), {"username": username, "password": password}, REMOTE_ADDR=ip)


def _fail(username: str, times: int, ip: str) -> None:
    client = Client()
    for _ in range(times):
        _login(client, username, "wrong-password", ip)


def test_failures_from_one_address_do_not_lock_the_owner_elsewhere(district: Any) -> None:
    _fail("a_editor", settings.AXES_FAILURE_LIMIT + 3, ip="203.0.113.66")

    attacker = _login(Client(), "a_editor", PASSWORD, ip="203.0.113.66")
    owner = _login(Client(), "a_editor", PASSWORD, ip="198.51.100.10")

    assert attacker.status_code == 429
    assert owner.status_code == 302


@override_settings(GONGKAI_LOGIN_ACCOUNT_FAILURE_LIMIT=12)
def test_many_addresses_together_lock_the_account_everywhere(district: Any) -> None:
    for n in range(3):
        _fail("a_editor", 4, ip=f"203.0.113.{n + 1}")  # below the per-address limit each

    assert _login(Client(), "a_editor", PASSWORD, ip="198.51.100.10").status_code == 429
    assert _login(Client(), "b_editor", PASSWORD, ip="198.51.100.10").status_code == 302


def test_lockouts_are_listed_only_to_who_may_lift_them(district: Any) -> None:
    _fail("a_editor", settings.AXES_FAILURE_LIMIT, ip="203.0.113.66")
    _fail("b_editor", settings.AXES_FAILURE_LIMIT, ip="203.0.113.66")
    _fail("no_such_user", settings.AXES_FAILURE_LIMIT, ip="203.0.113.66")

    def names(viewer: Any) -> set[str]:
        return {locked.username for locked in locked_accounts(viewer=viewer)}

    assert names(district.user("a", "agency_admin")) == {"a_editor"}
    assert names(district.user("b", "agency_admin")) == {"b_editor"}
    assert names(district.user("a", "editor")) == set()
    assert names(district.security_admin) == {"a_editor", "b_editor", "no_such_user"}
    assert names(district.operator) == set()


def test_the_agency_administrator_unlocks_own_staff_only_and_it_is_audited(
    district: Any,
) -> None:
    _fail("a_editor", settings.AXES_FAILURE_LIMIT, ip="203.0.113.66")
    _fail("b_editor", settings.AXES_FAILURE_LIMIT, ip="203.0.113.66")
    admin = district.user("a", "agency_admin")

    with acting(actor=admin, channel="web"), pytest.raises(PermissionDenied):
        do_unlock_account(username="b_editor")
    # Nobody (an anonymous visitor; actor=None would inherit the tests' system actor, which
    # may unlock: `gongkai staff unlock`).
    with acting(actor=AnonymousUser(), channel="web"), pytest.raises(PermissionDenied):
        do_unlock_account(username="a_editor")
    with acting(actor=admin, channel="web"):
        do_unlock_account(username="a_editor")

    assert not AccessAttempt.objects.filter(username="a_editor").exists()
    assert AccessAttempt.objects.filter(username="b_editor").exists()
    entry = AuditEntry.objects.get(action="auth.unlock")
    assert entry.actor == admin
    assert entry.agency == district.a
    assert "a_editor" in entry.summary
    assert _login(Client(), "a_editor", PASSWORD, ip="203.0.113.66").status_code == 302


def test_unlock_screen_lists_and_unlocks(client: Client, district: Any) -> None:
    _fail("a_editor", settings.AXES_FAILURE_LIMIT, ip="203.0.113.66")
    client.force_login(district.security_admin)

    page = client.get(reverse("agencies_lockouts"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "a_editor" in html and "203.0.113.66" in html

    done = client.post(reverse("agencies_lockouts"), {"username": "a_editor"})
    assert done.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert AuditEntry.objects.filter(action="auth.unlock").count() == 1


def test_unlock_screen_refuses_staff_without_the_right(client: Client, district: Any) -> None:
    _fail("b_editor", settings.AXES_FAILURE_LIMIT, ip="203.0.113.66")
    client.force_login(district.user("a", "editor"))
    refused = client.get(reverse("agencies_lockouts"))
    assert refused.status_code in {302, 403}  # Wagtail's admin turns 403 into a redirect
    assert "b_editor" not in refused.content.decode()

    client.force_login(district.user("a", "agency_admin"))
    assert "b_editor" not in client.get(reverse("agencies_lockouts")).content.decode()
    refused = client.post(reverse("agencies_lockouts"), {"username": "b_editor"})
    assert refused.status_code in {302, 403}
    assert AccessAttempt.objects.filter(username="b_editor").exists()
