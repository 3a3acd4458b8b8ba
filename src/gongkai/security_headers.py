"""The security headers every response carries, and the deploy check of the HTTPS switch.

django-csp writes the Content-Security-Policy; which policy a response gets is decided by
its path in :func:`gongkai.content_policy.policy_for` (a view may still set its own with
django-csp's ``@csp``, as document downloads do). The middleware sits just inside
Django's ``SecurityMiddleware``, outside the page cache and whitenoise, so a cached page
and a static file carry the same headers as a freshly rendered one. ``nosniff``,
``Referrer-Policy``, ``Cross-Origin-Opener-Policy`` and HSTS come from
``SecurityMiddleware`` itself, ``X-Frame-Options`` from Django's clickjacking middleware.
"""

from __future__ import annotations

from typing import Any

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.http import HttpRequest, HttpResponseBase

from gongkai.content_policy import PERMISSIONS_POLICY, policy_for


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware with the policy chosen by path, plus Permissions-Policy."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None:
            parts.config = policy_for(request.path_info)
        return parts

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        response = super().process_response(request, response)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


@register(Tags.security, deploy=True)
def https_base_url(app_configs: Any, **kwargs: Any) -> list[Warning]:
    """With GONGKAI_HTTPS on, links and the CSRF origin come from an https:// base URL."""
    if settings.GONGKAI_HTTPS and not settings.WAGTAILADMIN_BASE_URL.startswith("https://"):
        return [
            Warning(
                "GONGKAI_HTTPS 已开启，但 GONGKAI_BASE_URL 不是 https:// 地址："
                f"{settings.WAGTAILADMIN_BASE_URL}",
                hint="将 GONGKAI_BASE_URL 设为站点的 https:// 地址。",
                id="gongkai.W001",
            )
        ]
    return []
