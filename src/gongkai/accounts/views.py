"""The login's second step, enrolment, and the account-security screen.

Thin: the decisions are in :mod:`gongkai.accounts.second_factor` and the lockout in
:mod:`gongkai.agencies.lockout`; these views only carry the request to them.
"""

from __future__ import annotations

from base64 import b32encode
from binascii import unhexlify
from typing import Any

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout, update_session_auth_hash
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from gongkai.accounts.forms import CodeForm, ExpiredPasswordForm
from gongkai.accounts.password_age import (
    do_require_password_change,
    max_age,
    password_expired,
    record_expiry_noticed,
)
from gongkai.accounts.qr import qr_svg
from gongkai.accounts.second_factor import (
    RECOVERY_CODES,
    do_enrol_second_factor,
    do_reset_second_factor,
    has_second_factor,
    new_secret,
    provisioning_uri,
    recovery_codes_left,
    second_factor_required,
    verify_second_factor,
)
from gongkai.accounts.selectors import account_rows
from gongkai.agencies.lockout import count_failure, forget_failures, is_locked
from gongkai.form_errors import add_service_errors

PENDING_KEY = "gongkai_totp_pending_key"


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def _locked_out(request: HttpRequest) -> HttpResponse:
    """End the half-done login; AxesMiddleware answers with the lockout page (429)."""
    logout(request)
    request.axes_locked_out = True  # type: ignore[attr-defined]
    return HttpResponse(status=429)


@require_http_methods(["GET", "POST"])
def verify_view(request: HttpRequest) -> HttpResponse:
    """After the password: the authenticator's code or a recovery code."""
    user: Any = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    if user.is_verified() or not has_second_factor(user):
        return redirect(_next_url(request))
    username = user.get_username()
    if is_locked(request, username):
        return _locked_out(request)
    form = CodeForm(request.POST or None, placeholder="6位验证码或恢复码")
    if request.method == "POST" and form.is_valid():
        device = verify_second_factor(user=user, token=form.cleaned_data["code"])
        if device is not None:
            django_otp.login(request, device)
            forget_failures(request, username)
            return redirect(_next_url(request))
        if count_failure(request, username):
            return _locked_out(request)
        form.add_error("code", "验证码不正确，请重新输入。")
    context = {
        "form": form,
        "next": _next_url(request),
        "recovery_codes_left": recovery_codes_left(user),
    }
    return TemplateResponse(request, "accounts/verify.html", context)


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@require_http_methods(["GET", "POST"])
def enrol_view(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan, confirm with a code, write down the recovery codes."""
    user: Any = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    if has_second_factor(user):
        if not user.is_verified():
            return redirect(reverse("accounts_verify"))
        context = {"enrolled": True, "recovery_codes_left": recovery_codes_left(user)}
        return TemplateResponse(request, "accounts/enrol.html", context)
    key = request.session.get(PENDING_KEY) or new_secret()
    request.session[PENDING_KEY] = key
    form = CodeForm(request.POST or None, placeholder="6位验证码")
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = do_enrol_second_factor(
                user=user, key=key, token=form.cleaned_data["code"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            del request.session[PENDING_KEY]
            django_otp.login(request, device)
            forget_failures(request, user.get_username())
            context = {"codes": codes, "next": _next_url(request)}
            return TemplateResponse(request, "accounts/recovery_codes.html", context)
    secret = b32encode(unhexlify(key.encode())).decode()
    context = {
        "form": form,
        "next": _next_url(request),
        "required": second_factor_required(user),
        "qr": qr_svg(provisioning_uri(user, key), title="两步验证二维码"),
        "secret": _grouped(secret),
        "recovery_codes": RECOVERY_CODES,
    }
    return TemplateResponse(request, "accounts/enrol.html", context)


NOTICED_KEY = "gongkai_password_expiry_noticed"


@require_http_methods(["GET", "POST"])
def password_change_view(request: HttpRequest) -> HttpResponse:
    """An expired (or ordered) password is changed here before anything else opens."""
    user: Any = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    if not password_expired(user, now=timezone.now()):
        return redirect(_next_url(request))
    if not request.session.get(NOTICED_KEY):
        record_expiry_noticed(user)
        request.session[NOTICED_KEY] = True
    form = ExpiredPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()  # the new date is recorded by PasswordAgeRecorder, the change audited
        update_session_auth_hash(request, user)
        del request.session[NOTICED_KEY]
        messages.success(request, "密码已修改。")
        return redirect(_next_url(request))
    age = max_age()
    context = {"form": form, "next": _next_url(request), "max_age_days": age.days if age else 0}
    return TemplateResponse(request, "accounts/password_change.html", context)


@require_http_methods(["GET", "POST"])
def security_view(request: HttpRequest) -> HttpResponse:
    """The accounts this user looks after: second factor, with a reset for a lost phone."""
    rows = account_rows(viewer=request.user, now=timezone.now())
    if rows is None:
        raise PermissionDenied
    if request.method == "POST":
        username = request.POST.get("username", "")[:150]
        target = get_user_model().objects.filter(username=username).first()
        password = request.POST.get("action") == "password"
        try:
            if target is None:
                raise PermissionDenied(f"找不到账号“{username}”。")
            if password:
                do_require_password_change(user=target)
            else:
                do_reset_second_factor(user=target)
        except PermissionDenied as error:
            messages.error(request, str(error))
        else:
            done = (
                "要求其下次操作前修改密码" if password else "重置其两步验证，其下次登录时须重新启用"
            )
            messages.success(request, f"已{done}（账号“{username}”）。")
        return redirect("accounts_security")
    age = max_age()
    context = {
        "page_title": "账号安全",
        "header_icon": "key",
        "rows": rows,
        "max_age_days": age.days if age else 0,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "idle_minutes": settings.SESSION_COOKIE_AGE // 60,
    }
    return TemplateResponse(request, "accounts/security.html", context)
