"""Template context shared by every public page."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from gongkai.portal.display import LARGE, display_mode
from gongkai.site_identity.models import SiteIdentity


def site(request: HttpRequest) -> dict[str, object]:
    """``site_name`` and the footer's ``site_identity`` for portal/base.html (so non-Wagtail
    pages can extend it), display mode."""
    identity = SimpleLazyObject(lambda: SiteIdentity.load(request_or_site=request))
    return {
        "site_identity": identity,
        "site_name": SimpleLazyObject(lambda: identity.name),
        "large_display": display_mode(request) == LARGE,
    }
