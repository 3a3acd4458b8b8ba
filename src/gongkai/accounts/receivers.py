"""Bind each new back-office session to the client that logged in."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from gongkai.accounts.session_binding import bind


@receiver(user_logged_in, dispatch_uid="gongkai_bind_session")
def _bind_session(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """A login made without a client's request (Django's ``force_login`` builds an empty
    one) is bound by its first request instead (``session_binding.broken``)."""
    if request is not None and hasattr(request, "session") and "REMOTE_ADDR" in request.META:
        bind(request)
