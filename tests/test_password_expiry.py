"""Password expiry: past GONGKAI_PASSWORD_MAX_AGE_DAYS a login changes its password first."""

from __future__ import annotations

import importlib
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.models import PasswordRecord
from gongkai.accounts.password_age import do_require_password_change, password_expired
from gongkai.audit.context import acting
from gongkai.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

PASSWORD = "Test-Passw0rd!"
NEW_PASSWORD = "Neues-Passw0rt!"
HOME = "/admin/"
CHANGE = "/admin/login/password/"


def age(user: Any, days: int) -> None:
    PasswordRecord.objects.filter(user=user).update(
        changed_at=timezone.now() - timedelta(days=days)
    )


def log_in(username: str) -> Client:
    client = Client()
    response = client.post(
        reverse("wagtailadmin_login"), {"username": username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def change(client: Client, old: str, new: str) -> Any:
    return client.post(
        CHANGE,
        {"old_password": old, "new_password1": new, "new_password2": new, "next": HOME},
    )


def test_ninety_days_by_default() -> None:
    production = importlib.import_module("gongkai.settings")
    assert production.GONGKAI_PASSWORD_MAX_AGE_DAYS == 90


def test_setting_a_password_records_the_date(district: Any) -> None:
    editor = district.user("a", "editor")
    age(editor, 30)
    editor.set_password(NEW_PASSWORD)
    editor.save()
    record = PasswordRecord.objects.get(user=editor)
    assert timezone.now() - record.changed_at < timedelta(minutes=1)
    assert not record.must_change


def test_an_expired_password_is_changed_before_anything_else(district: Any) -> None:
    editor = district.user("a", "editor")
    age(editor, 91)
    client = log_in("a_editor")

    for url in (HOME, "/admin/pages/", reverse("accounts_enrol")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(CHANGE), url
    page = client.get(CHANGE).content.decode()
    assert "请修改密码" in page and "90天" in page
    client.get(CHANGE)
    assert AuditEntry.objects.filter(action="auth.password_expired").count() == 1

    assert "原密码不正确" in change(client, "wrong-Passw0rd", NEW_PASSWORD).content.decode()
    assert "不能与原密码相同" in change(client, PASSWORD, PASSWORD).content.decode()
    assert "太短" in change(client, PASSWORD, "Ab1!").content.decode()

    done = change(client, PASSWORD, NEW_PASSWORD)
    assert done.status_code == 302 and done["Location"] == HOME
    assert client.get(HOME).status_code == 200  # the session survived the change
    record = PasswordRecord.objects.get(user=editor)
    assert timezone.now() - record.changed_at < timedelta(minutes=1)
    changed = AuditEntry.objects.filter(action="user.update", actor=editor).last()
    assert "password" in changed.changes


def test_not_yet_expired_and_switched_off(district: Any, settings: Any) -> None:
    editor = district.user("a", "editor")
    age(editor, 89)
    assert not password_expired(editor, now=timezone.now())
    age(editor, 400)
    assert password_expired(editor, now=timezone.now())
    settings.GONGKAI_PASSWORD_MAX_AGE_DAYS = 0
    assert not password_expired(editor, now=timezone.now())
    assert log_in("a_editor").get(HOME).status_code == 200


def test_the_second_factor_comes_before_the_password(district: Any, settings: Any) -> None:
    from binascii import unhexlify

    from django_otp.oath import totp

    from gongkai.accounts.second_factor import do_enrol_second_factor, new_secret

    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    editor = district.user("a", "editor")
    key = new_secret()
    with acting(actor=editor):
        do_enrol_second_factor(user=editor, key=key, token=f"{totp(unhexlify(key)):06d}")
    age(editor, 91)
    client = log_in("a_editor")
    assert client.get(HOME)["Location"].startswith("/admin/login/verify/")
    assert client.get(CHANGE)["Location"].startswith("/admin/login/verify/")
    code = f"{totp(unhexlify(key), drift=1):06d}"
    client.post("/admin/login/verify/", {"code": code, "next": HOME})
    assert client.get(HOME)["Location"].startswith(CHANGE)


def test_the_security_administrator_orders_a_change(client: Client, district: Any) -> None:
    editor = district.user("a", "editor")
    with acting(actor=district.user("b", "agency_admin")), pytest.raises(PermissionDenied):
        do_require_password_change(user=editor)

    client.force_login(district.security_admin)
    client.post(reverse("accounts_security"), {"username": "a_editor", "action": "password"})
    assert PasswordRecord.objects.get(user=editor).must_change
    entry = AuditEntry.objects.get(action="auth.password_change_required")
    assert entry.actor == district.security_admin and entry.agency == district.a

    other = log_in("a_editor")
    assert other.get(HOME)["Location"].startswith(CHANGE)
    change(other, PASSWORD, NEW_PASSWORD)
    assert not PasswordRecord.objects.get(user=editor).must_change
    assert other.get(HOME).status_code == 200
