"""Back-office login: lockout, argon2, session expiry and password rules."""

from __future__ import annotations

import importlib

import pytest
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher, make_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from gongkai.agencies.services import do_create_staff_user

LOGIN = "wagtailadmin_login"


def _login(client, username, password):
    return client.post(reverse(LOGIN), {"username": username, "password": password})


def test_lockout_after_repeated_failures(client, district):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _login(client, "a_editor", "wrong-password")
    response = _login(client, "a_editor", "Test-Passw0rd!")
    assert response.status_code == 429
    assert "账号已被锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_account(client, district):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "a_editor", "wrong-password")
    response = _login(client, "b_editor", "Test-Passw0rd!")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(district.user("b", "editor").pk)


def test_fewer_failures_do_not_lock(client, district):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "a_editor", "wrong-password")
    assert _login(client, "a_editor", "Test-Passw0rd!").status_code == 302


def test_production_hasher_is_argon2():
    production = importlib.import_module("gongkai.settings")
    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    hashed = make_password("Test-Passw0rd!", hasher=Argon2PasswordHasher())
    assert hashed.startswith("argon2$argon2id$")
    assert Argon2PasswordHasher().verify("Test-Passw0rd!", hashed)


def test_sessions_expire_when_idle():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_HTTPONLY


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ab1!", "太短"),
        ("abcdefghijk", "3类"),
        ("12345678901234", "只包含数字"),
        ("password123", "太常见"),
    ],
)
def test_weak_passwords_are_refused_in_chinese(district, password, message):
    with pytest.raises(ValidationError) as raised:
        do_create_staff_user(
            username="newcomer",
            password=password,
            full_name="新人",
            agency=district.a,
            roles=["editor"],
        )
    assert any(message in text for text in raised.value.messages), raised.value.messages


def test_an_account_made_from_a_password_hash_logs_in_and_a_foreign_hash_is_refused(
    client, district
):
    """The demo hashes its one password once for a hundred accounts."""
    hashed = make_password("Shared-Passw0rd!")
    for username in ("first", "second"):
        do_create_staff_user(
            username=username,
            password_hash=hashed,
            full_name="演示",
            agency=district.a,
            roles=["editor"],
        )
    assert _login(client, "second", "Shared-Passw0rd!").status_code == 302
    with pytest.raises(ValueError):
        do_create_staff_user(
            username="third",
            password_hash="plain-text-is-no-hash",
            full_name="演示",
            agency=district.a,
            roles=["editor"],
        )


def test_admin_speaks_chinese(client, district):
    response = client.get(reverse(LOGIN))
    body = response.content.decode()
    assert 'lang="zh-hans"' in body
    assert "工作人员登录" in body


def test_upstream_translation_gaps_are_filled(client, district):
    from django.utils.translation import gettext

    assert gettext("Search all pages…") == "搜索全部页面…"
    body = _login(client, "a_editor", "wrong-password").content.decode()
    assert "或密码不正确" in body
    assert "<title>登录 - 政府信息公开平台</title>" in body
