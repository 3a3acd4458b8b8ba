"""The menu item of the account-guarding screens (lockouts, account security)."""

from __future__ import annotations

from django.http import HttpRequest
from wagtail.admin.menu import MenuItem

from gongkai.agencies.selectors import looks_after_accounts


class AccountGuardMenuItem(MenuItem):
    """Shown to whoever looks after some accounts' security (``looks_after_accounts``)."""

    def is_shown(self, request: HttpRequest) -> bool:
        return looks_after_accounts(request.user)
