"""A back-office session ends when another client uses it (a copied cookie)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

HOME = "/admin/"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"


def log_in(*, agent: str = FIREFOX, ip: str = "198.51.100.10") -> Client:
    client = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=ip)
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "a_editor", "password": "Test-Passw0rd!"}
    )
    assert response.status_code == 302
    return client


def copy(client: Client, *, agent: str, ip: str = "198.51.100.10") -> Client:
    """Another client presenting the same session cookie."""
    thief = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=ip)
    thief.cookies = client.cookies
    return thief


def test_the_same_browser_keeps_its_session(district: Any) -> None:
    client = log_in()
    assert client.get(HOME).status_code == 200
    assert client.get(HOME).status_code == 200


def test_another_browser_with_the_cookie_ends_the_session(district: Any) -> None:
    owner = log_in()
    thief = copy(owner, agent=CHROME)

    response = thief.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    # The session is over for the owner too: it was exposed.
    assert owner.get(HOME).status_code == 302
    entry = AuditEntry.objects.get(action="auth.session_rejected")
    assert entry.actor == district.user("a", "editor")
    assert entry.agency == district.a
    assert entry.user_agent == CHROME
    assert "浏览器与登录时不同" in entry.summary


def test_outside_the_back_office_the_copied_session_is_nobody(district: Any) -> None:
    owner = log_in()
    thief = copy(owner, agent=CHROME)
    thief.get("/")
    assert AuditEntry.objects.filter(action="auth.session_rejected").count() == 1
    assert owner.get(HOME).status_code == 302


def test_the_network_is_bound_when_configured(district: Any, settings: Any) -> None:
    settings.GONGKAI_SESSION_BIND_ADDRESS = True
    owner = log_in(ip="198.51.100.10")
    assert copy(owner, agent=FIREFOX, ip="198.51.100.77").get(HOME).status_code == 200
    assert copy(owner, agent=FIREFOX, ip="203.0.113.5").get(HOME).status_code == 302
    assert "来源网络" in AuditEntry.objects.get(action="auth.session_rejected").summary


def test_the_network_is_not_bound_by_default(district: Any) -> None:
    owner = log_in(ip="198.51.100.10")
    assert copy(owner, agent=FIREFOX, ip="203.0.113.5").get(HOME).status_code == 200
