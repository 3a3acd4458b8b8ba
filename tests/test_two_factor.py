"""Two-factor login (TOTP): enrolment, the code after the password, recovery codes,
required roles, lockout and reset, through the same URLs a browser uses."""

from __future__ import annotations

import importlib
import re
from binascii import unhexlify
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts.gate import LoginGateMiddleware
from gongkai.accounts.models import RecoveryCode
from gongkai.accounts.second_factor import (
    do_enrol_second_factor,
    do_reset_second_factor,
    new_secret,
)
from gongkai.audit.context import acting
from gongkai.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

PASSWORD = "Test-Passw0rd!"
HOME = "/admin/"
VERIFY = "/admin/login/verify/"
ENROL = "/admin/login/two-factor/"


@pytest.fixture(autouse=True)
def _required_roles(settings: Any) -> None:
    """The production default (the suite's settings require none), and no throttling
    between a wrong code and the next try (a person takes longer than a test)."""
    settings.GONGKAI_2FA_REQUIRED_ROLES = [
        "operator",
        "security_admin",
        "audit_admin",
        "agency_admin",
    ]
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def code(key: str, *, ahead: int = 0) -> str:
    """The code an authenticator shows for ``key`` (hex), ``ahead`` steps from now."""
    return f"{totp(unhexlify(key), drift=ahead):06d}"


def enrol(user: Any) -> tuple[TOTPDevice, list[str]]:
    """Enrol as the user would; the device's next accepted code is one step ahead."""
    key = new_secret()
    with acting(actor=user):
        return do_enrol_second_factor(user=user, key=key, token=code(key))


def password(client: Client, username: str, *, ip: str = "127.0.0.1") -> Any:
    return client.post(
        reverse("wagtailadmin_login"), {"username": username, "password": PASSWORD}, REMOTE_ADDR=ip
    )


def second(client: Client, token: str, *, ip: str = "127.0.0.1") -> Any:
    return client.post(VERIFY, {"code": token, "next": HOME}, REMOTE_ADDR=ip)


def actions() -> list[str]:
    return list(AuditEntry.objects.order_by("id").values_list("action", flat=True))


def test_production_requires_it_of_the_operator_and_agency_administrators() -> None:
    production = importlib.import_module("gongkai.settings")
    required = set(production.GONGKAI_2FA_REQUIRED_ROLES)
    assert {"operator", "security_admin", "audit_admin", "agency_admin"} <= required
    assert "editor" not in production.GONGKAI_2FA_REQUIRED_ROLES


def test_a_required_role_enrols_right_after_the_password_and_reaches_nothing_else(
    client: Client, district: Any
) -> None:
    admin = district.user("a", "agency_admin")
    assert password(client, "a_agency_admin").status_code == 302

    # Every back-office address sends the login to enrolment, and keeps where it was going.
    for url in (HOME, "/admin/memberships/", reverse("agencies_lockouts")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(ENROL), url

    page = client.get(ENROL)
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and 'aria-label="两步验证二维码"' in html
    assert "您的角色要求启用两步验证" in html
    assert "http" not in re.search(r"<svg.*?</svg>", html, re.S).group(0).replace(
        "http://www.w3.org/2000/svg", ""
    )  # drawn here: no outside address
    key = client.session["gongkai_totp_pending_key"]

    wrong = client.post(ENROL, {"code": "000000", "next": HOME})
    assert "验证码不正确" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=admin).exists()

    done = client.post(ENROL, {"code": code(key), "next": HOME})
    listed = r"<li><code>([a-z2-7]{4}(?:-[a-z2-7]{4}){3})</code></li>"
    shown = re.findall(listed, done.content.decode())
    assert len(set(shown)) == 10
    assert "恢复码只显示这一次" in done.content.decode()
    # Kept only as digests.
    stored = set(RecoveryCode.objects.filter(device__user=admin).values_list("digest", flat=True))
    assert len(stored) == 10 and not stored & set(shown)
    assert TOTPDevice.objects.get(user=admin).confirmed
    assert "auth.2fa_enrolled" in actions()

    assert client.get(HOME).status_code == 200
    # The enrolment page now only says it is on; no second enrolment.
    assert "两步验证已启用" in client.get(ENROL).content.decode()


def test_login_asks_for_the_code_after_the_password(client: Client, district: Any) -> None:
    device, _ = enrol(district.user("a", "editor"))

    response = password(client, "a_editor")
    assert response.status_code == 302
    assert client.get(HOME)["Location"].startswith(VERIFY)
    assert "验证码" in client.get(VERIFY).content.decode()
    # The page's scripts fetch the icon sprite and insert it: never the step's page.
    assert client.get(reverse("wagtailadmin_sprite")).status_code == 200

    wrong = second(client, "123456")
    assert wrong.status_code == 200
    assert "验证码不正确" in wrong.content.decode()
    assert client.get(HOME).status_code == 302

    right = second(client, code(device.key, ahead=1))
    assert right.status_code == 302 and right["Location"] == HOME
    assert client.get(HOME).status_code == 200
    assert actions()[-2:] == ["auth.2fa_failed", "auth.2fa_verified"]
    failed = AuditEntry.objects.get(action="auth.2fa_failed")
    assert failed.actor == district.user("a", "editor")
    assert failed.agency == district.a


def test_a_code_is_not_accepted_twice(client: Client, district: Any) -> None:
    device, _ = enrol(district.user("a", "editor"))
    token = code(device.key, ahead=1)
    password(client, "a_editor")
    assert second(client, token).status_code == 302

    other = Client()
    password(other, "a_editor")
    assert "验证码不正确" in second(other, token).content.decode()


def test_a_recovery_code_opens_one_login_only(district: Any) -> None:
    _, codes = enrol(district.user("a", "editor"))

    first = Client()
    password(first, "a_editor")
    assert second(first, codes[3].upper().replace("-", " ")).status_code == 302
    assert first.get(HOME).status_code == 200
    used = AuditEntry.objects.get(action="auth.recovery_code_used")
    assert used.changes == {"recovery_codes_left": 9}

    again = Client()
    password(again, "a_editor")
    assert "验证码不正确" in second(again, codes[3]).content.decode()
    assert again.get(HOME).status_code == 302
    assert RecoveryCode.objects.filter(device__user=district.user("a", "editor")).count() == 9


def test_other_roles_need_no_second_factor_until_they_enrol(client: Client, district: Any) -> None:
    password(client, "a_editor")
    assert client.get(HOME).status_code == 200
    page = client.get(ENROL)
    assert page.status_code == 200
    assert "您的角色要求" not in page.content.decode()


def test_wrong_codes_count_towards_the_lockout(client: Client, district: Any) -> None:
    enrol(district.user("a", "editor"))
    password(client, "a_editor")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert second(client, "000000").status_code == 200

    locked = second(client, "000000")
    assert locked.status_code == 429
    assert "账号已被锁定" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # The right password no longer helps from this address.
    assert password(Client(), "a_editor").status_code == 429


def test_a_right_password_does_not_forgive_wrong_codes(district: Any) -> None:
    """Otherwise whoever has the password could guess codes four at a time for ever."""
    enrol(district.user("a", "editor"))
    attempts = settings.AXES_FAILURE_LIMIT - 2
    client = Client()
    password(client, "a_editor")
    for _ in range(attempts):
        second(client, "000000")

    client = Client()
    assert password(client, "a_editor").status_code == 302
    second(client, "000000")
    assert second(client, "000000").status_code == 429


def test_a_pending_login_is_nobody_outside_the_back_office(district: Any) -> None:
    enrol(district.user("a", "editor"))
    client = Client()
    password(client, "a_editor")
    seen: list[Any] = []

    def view(request: Any) -> Any:
        seen.append(request.user)
        from django.http import HttpResponse

        return HttpResponse()

    request = RequestFactory().get("/documents/1/secret.pdf")
    request.session = client.session
    from django.contrib.auth.middleware import AuthenticationMiddleware
    from django_otp.middleware import OTPMiddleware

    AuthenticationMiddleware(lambda r: None).process_request(request)
    OTPMiddleware(LoginGateMiddleware(view))(request)
    assert isinstance(seen[0], AnonymousUser)


def test_reset_by_who_looks_after_the_account_and_audited(district: Any) -> None:
    editor = district.user("a", "editor")
    enrol(editor)
    enrol(district.user("b", "editor"))

    with acting(actor=district.user("b", "agency_admin")), pytest.raises(PermissionDenied):
        do_reset_second_factor(user=editor)
    with acting(actor=district.user("a", "editor")), pytest.raises(PermissionDenied):
        do_reset_second_factor(user=editor)
    with acting(actor=AnonymousUser()), pytest.raises(PermissionDenied):
        do_reset_second_factor(user=editor)
    with acting(actor=district.user("a", "agency_admin")):
        do_reset_second_factor(user=editor)
    with acting(actor=district.operator), pytest.raises(PermissionDenied):
        do_reset_second_factor(user=district.user("b", "editor"))  # 三员分立: not its duty
    with acting(actor=district.security_admin):
        do_reset_second_factor(user=district.user("b", "editor"))

    assert not TOTPDevice.objects.exists()
    assert not RecoveryCode.objects.exists()
    resets = AuditEntry.objects.filter(action="auth.2fa_reset").order_by("id")
    assert [(e.actor, e.agency) for e in resets] == [
        (district.user("a", "agency_admin"), district.a),
        (district.security_admin, district.b),
    ]
    # Without a device, the editor logs in with the password alone again.
    client = Client()
    password(client, "a_editor")
    assert client.get(HOME).status_code == 200


def test_the_security_screen_lists_and_resets(client: Client, district: Any, settings: Any) -> None:
    settings.GONGKAI_2FA_REQUIRED_ROLES = []  # force_login knows no second factor
    enrol(district.user("a", "editor"))
    enrol(district.user("b", "editor"))
    client.force_login(district.user("a", "agency_admin"))

    page = client.get(reverse("accounts_security"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "a_editor" in html and "b_editor" not in html
    assert client.post(reverse("accounts_security"), {"username": "b_editor"}).status_code == 302
    assert TOTPDevice.objects.filter(user=district.user("b", "editor")).exists()
    client.post(reverse("accounts_security"), {"username": "a_editor"})
    assert not TOTPDevice.objects.filter(user=district.user("a", "editor")).exists()

    client.force_login(district.user("a", "editor"))
    assert client.get(reverse("accounts_security")).status_code in {302, 403}


def test_the_servers_shell_resets_the_last_administrators_phone(district: Any) -> None:
    from click.testing import CliRunner

    from gongkai.cli import main

    enrol(district.operator)
    result = CliRunner().invoke(main, ["staff", "reset-2fa", "operator"])
    assert result.exit_code == 0, result.output
    assert not TOTPDevice.objects.filter(user=district.operator).exists()
    entry = AuditEntry.objects.get(action="auth.2fa_reset")
    assert entry.actor_name == "系统" and entry.channel == "cli"

    refused = CliRunner().invoke(main, ["staff", "reset-2fa", "a_editor", "--as", "b_agency_admin"])
    assert refused.exit_code == 1
    assert "无权" in refused.output
