"""Template context shared by every public page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, str]:
    """``site_name`` for portal/base.html, so pages that are not Wagtail pages can extend it."""
    return {"site_name": settings.WAGTAIL_SITE_NAME}
