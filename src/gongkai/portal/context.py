"""Template context shared by every public page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from gongkai.portal.display import LARGE, display_mode


def site(request: HttpRequest) -> dict[str, object]:
    """``site_name`` for portal/base.html (so non-Wagtail pages can extend it), display mode."""
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "large_display": display_mode(request) == LARGE,
    }
