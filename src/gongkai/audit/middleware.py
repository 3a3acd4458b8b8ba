"""Sets the audit context for every web request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from gongkai.audit.context import acting
from gongkai.client_address import client_ip


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with acting(
            actor=getattr(request, "user", None),
            channel="web",
            ip=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
        ):
            return self.get_response(request)
