"""Rate limits on search and on logins from one address, each a clear 429 in Chinese, and
the audited unlock from the server's shell.

Filing (test_apply_flood.py), the status lookup (test_track_challenge.py) and the
per-account lockout (test_lockout.py) have their own tests.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from axes.models import AccessAttempt
from click.testing import CliRunner
from django.core.cache import caches
from django.test import Client, override_settings
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.cli import main

pytestmark = pytest.mark.django_db

PASSWORD = "Test-Passw0rd!"


@pytest.fixture
def searches_limited(settings: Any) -> Iterator[int]:
    settings.GONGKAI_SEARCHES_PER_MINUTE = 3
    caches["default"].clear()
    yield 3
    caches["default"].clear()


def test_one_address_searching_too_often_is_told_to_wait(
    client: Client, searches_limited: int
) -> None:
    for n in range(searches_limited):
        assert client.get(f"/search/?q=低保{n}", REMOTE_ADDR="203.0.113.7").status_code == 200
    refused = client.get("/search/?q=低保", REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    page = refused.content.decode()
    assert "检索过于频繁" in page and "请一分钟后再试" in page
    # Another address searches on.
    assert client.get("/search/?q=低保", REMOTE_ADDR="198.51.100.7").status_code == 200


def test_the_search_api_shares_the_budget_and_answers_json(
    client: Client, searches_limited: int
) -> None:
    for _ in range(searches_limited):
        client.get("/search/?q=低保", REMOTE_ADDR="203.0.113.8")
    refused = client.get("/api/search/?q=低保", REMOTE_ADDR="203.0.113.8")
    assert refused.status_code == 429
    assert "检索过于频繁" in json.loads(refused.content)["error"]
    assert "Retry-After" in refused


def test_an_ipv6_client_is_counted_by_its_network(client: Client, searches_limited: int) -> None:
    for host in range(searches_limited):
        client.get("/search/?q=低保", REMOTE_ADDR=f"2001:db8:1:2::{host + 1}")
    assert client.get("/search/?q=低保", REMOTE_ADDR="2001:db8:1:2::99").status_code == 429


def _login(username: str, password: str, ip: str) -> Any:
    return Client().post(
        reverse("wagtailadmin_login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


@override_settings(GONGKAI_LOGIN_ADDRESS_FAILURE_LIMIT=6)
def test_one_address_trying_many_accounts_is_stopped_there_only(district: Any) -> None:
    for username in ("a_editor", "a_first_reviewer", "b_editor"):
        for _ in range(2):  # below the per-account limit each
            _login(username, "wrong-password", "203.0.113.44")

    stopped = _login("b_first_reviewer", PASSWORD, "203.0.113.44")
    assert stopped.status_code == 429
    assert "账号已被锁定" in stopped.content.decode()
    assert _login("b_first_reviewer", PASSWORD, "198.51.100.44").status_code == 302


def test_the_servers_shell_unlocks_an_account_and_it_is_audited(district: Any) -> None:
    for ip in ("203.0.113.1", "203.0.113.2"):
        for _ in range(5):
            _login("a_editor", "wrong-password", ip)
    assert _login("a_editor", PASSWORD, "203.0.113.1").status_code == 429

    result = CliRunner().invoke(main, ["staff", "unlock", "a_editor"])

    assert result.exit_code == 0, result.output
    assert "已解除账号“a_editor”的登录锁定" in result.output
    assert not AccessAttempt.objects.filter(username="a_editor").exists()
    entry = AuditEntry.objects.get(action="auth.unlock")
    assert entry.actor is None and entry.channel == "cli"
    assert entry.changes["addresses"] == ["203.0.113.1", "203.0.113.2"]
    assert _login("a_editor", PASSWORD, "203.0.113.1").status_code == 302


def test_unlocking_from_the_shell_as_a_user_needs_the_right(district: Any) -> None:
    _login("b_editor", "wrong-password", "203.0.113.3")
    result = CliRunner().invoke(main, ["staff", "unlock", "b_editor", "--as", "a_agency_admin"])
    assert result.exit_code != 0
    assert "您无权解除账号“b_editor”的锁定" in result.output
    assert AccessAttempt.objects.filter(username="b_editor").exists()
