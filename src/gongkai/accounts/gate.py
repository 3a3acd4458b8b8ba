"""The steps a login still owes after the password, and the wall around them.

A session used by another client than the one that logged in is ended first
(:mod:`gongkai.accounts.session_binding`). Then: Django's login is complete once the
password is right; for an account with a second factor (or whose role requires one), or
whose password has expired, it is not. Until the step is done the session
reaches that step's page and the logout, every other back-office address sends it
there, and everywhere else (documents, the portal, the API) it is nobody.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.password_age import password_expired
from gongkai.accounts.second_factor import has_second_factor, second_factor_required
from gongkai.accounts.session_binding import broken, end

VERIFY = "accounts_verify"
ENROL = "accounts_enrol"
PASSWORD = "accounts_password_change"


def pending_step(user: Any) -> str | None:
    """The URL name of the step this signed-in user owes, or ``None`` when none:
    the second factor first (who has not proved it is nobody yet), then the password."""
    if not user.is_verified():
        if has_second_factor(user):
            return VERIFY
        if second_factor_required(user):
            return ENROL
    if password_expired(user, now=timezone.now()):
        return PASSWORD
    return None


def _open_paths(step: str) -> set[str]:
    """The step's page and what it needs: the logout, and the admin's script catalogue and
    icon sprite (the page's scripts fetch the sprite and insert whatever comes back)."""
    return {
        reverse(step),
        reverse("wagtailadmin_logout"),
        reverse("wagtailadmin_javascript_catalog"),
        reverse("wagtailadmin_sprite"),
    }


class LoginGateMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: Any = request.user
        if user.is_authenticated and (reason := broken(request)):
            end(request, user, reason)
            if request.path.startswith(reverse("wagtailadmin_home")):
                return redirect(reverse("wagtailadmin_login"))
        elif user.is_authenticated:
            step = pending_step(user)
            if step is not None and request.path not in _open_paths(step):
                if request.path.startswith(reverse("wagtailadmin_home")):
                    query = urlencode({"next": request.get_full_path()})
                    return redirect(f"{reverse(step)}?{query}")
                request.user = AnonymousUser()
        return self.get_response(request)
