"""Behind a proxy the client address is the hop the trusted proxy saw, not what the client wrote.

A client controls every X-Forwarded-For entry left of the ones our own proxies append;
rotating them must neither escape the /track/ throttle nor put a forged address into the
audit log or the login lockout.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from gongkai.applications.public.throttle import FAILURES_PER_CLIENT
from gongkai.audit.models import AuditEntry
from gongkai.client_address import client_ip

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


def _request(forwarded: str | None, remote: str = PROXY) -> Any:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


@override_settings(GONGKAI_TRUST_X_FORWARDED_FOR=False)
def test_without_trust_the_peer_address_is_the_client() -> None:
    assert client_ip(_request("198.51.100.1, 203.0.113.5")) == PROXY


@override_settings(GONGKAI_TRUST_X_FORWARDED_FOR=True, GONGKAI_TRUSTED_PROXY_COUNT=1)
@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("203.0.113.5", "203.0.113.5"),
        ("198.51.100.1, 203.0.113.5", "203.0.113.5"),  # the left entry is the client's own
        ("1.1.1.1,2.2.2.2 , 203.0.113.5", "203.0.113.5"),
        ("not-an-address, 203.0.113.5", "203.0.113.5"),
        ("2001:db8::1", "2001:db8::1"),
        ("", PROXY),  # no header: the proxy was bypassed or sent nothing
        ("203.0.113.5, garbage", PROXY),  # our proxy never writes garbage: do not trust it
    ],
)
def test_one_trusted_proxy_takes_the_rightmost_hop(forwarded: str, expected: str) -> None:
    assert client_ip(_request(forwarded)) == expected


@override_settings(GONGKAI_TRUST_X_FORWARDED_FOR=True, GONGKAI_TRUSTED_PROXY_COUNT=2)
def test_two_trusted_proxies_skip_the_inner_one() -> None:
    # client → edge (appends the client) → inner (appends the edge) → us
    assert client_ip(_request("6.6.6.6, 203.0.113.5, 10.0.0.1")) == "203.0.113.5"
    # Fewer hops than proxies: the leftmost is the farthest anyone vouches for.
    assert client_ip(_request("203.0.113.5")) == "203.0.113.5"


def _track(client: Client, forged: str) -> Any:
    return client.post(
        "/track/",
        {"receipt_number": "YSQ2026000000001", "query_code": "WRONGCODE2"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=f"{forged}, 203.0.113.5",
    )


@override_settings(GONGKAI_TRUST_X_FORWARDED_FOR=True, GONGKAI_TRUSTED_PROXY_COUNT=1)
def test_rotating_forged_entries_does_not_escape_the_track_throttle(
    client: Client, district: Any
) -> None:
    answers = [_track(client, f"192.0.2.{n}").status_code for n in range(FAILURES_PER_CLIENT + 5)]
    assert answers[:FAILURES_PER_CLIENT] == [200] * FAILURES_PER_CLIENT
    assert set(answers[FAILURES_PER_CLIENT:]) == {429}


@override_settings(GONGKAI_TRUST_X_FORWARDED_FOR=True, GONGKAI_TRUSTED_PROXY_COUNT=1)
def test_the_audit_log_keeps_the_address_the_proxy_saw(client: Client, district: Any) -> None:
    client.post(
        reverse("wagtailadmin_login"),
        {"username": "a_editor", "password": "wrong"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5",
    )
    assert AuditEntry.objects.get(action="auth.login_failed").ip == "203.0.113.5"


@override_settings(GONGKAI_TRUST_X_FORWARDED_FOR=True, GONGKAI_TRUSTED_PROXY_COUNT=1)
def test_the_login_lockout_counts_the_address_the_proxy_saw(client: Client, district: Any) -> None:
    from axes.models import AccessAttempt

    client.post(
        reverse("wagtailadmin_login"),
        {"username": "a_editor", "password": "wrong"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5",
    )
    assert AccessAttempt.objects.get().ip_address == "203.0.113.5"
