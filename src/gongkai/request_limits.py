"""Refuse an oversized request body before Django reads any of it.

Django parses a multipart body into temporary files as soon as anything touches
``request.POST`` — the CSRF check does, before any view or form can look at a size. A
200 MB upload was therefore streamed to disk in full before the attachment form said
no. This middleware sits before ``CsrfViewMiddleware`` and compares the declared
``Content-Length`` with the limit of the view the request resolved to, so the body of an
oversized request is never read. (A body without ``Content-Length`` is read by Django as
empty, so the declared length is the whole story; the front proxy should cap bodies too —
see the README's security section.)

Every view accepts at most ``GONGKAI_DOCUMENT_MAX_MB`` plus room for the form's other
fields; the few views that take larger uploads by design are listed in ``LARGER_BODIES``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from gongkai.report_audit.uploads import MAX_BATCH_BYTES

# Form fields, boundaries and file headers beside the file itself.
ENVELOPE_BYTES = 1024 * 1024

# Views whose uploads are larger than one attachment by design, by URL name.
LARGER_BODIES: dict[str, int] = {
    # A batch of published reports, zips expanded, is capped at MAX_BATCH_BYTES.
    "report_audit_upload": MAX_BATCH_BYTES,
}


def body_limit(view_name: str | None) -> int:
    """The largest request body, in bytes, the view of this name accepts."""
    default = settings.GONGKAI_DOCUMENT_MAX_MB * 1024 * 1024
    return LARGER_BODIES.get(view_name or "", default) + ENVELOPE_BYTES


def declared_length(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def refusal(request: HttpRequest, limit: int) -> HttpResponse:
    """413 in Chinese; JSON for the admin's script uploads, which show ``error_message``."""
    megabytes = (limit - ENVELOPE_BYTES) // 2**20
    message = f"上传内容超过{megabytes}MB的上限，未接收。请压缩或拆分后再上传。"
    wants_json = "application/json" in request.headers.get("Accept", "") or (
        request.headers.get("X-Requested-With") == "XMLHttpRequest"
    )
    if wants_json:
        return JsonResponse({"success": False, "error_message": message}, status=413)
    return HttpResponse(
        f'<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>上传内容过大</title>'
        f"<h1>上传内容过大</h1><p>{message}</p><p>请返回上一页重试。</p></html>",
        status=413,
        content_type="text/html; charset=utf-8",
    )


class RequestBodyLimitMiddleware:
    """Answer 413 to a request whose declared body exceeds its view's limit, unread."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        length = declared_length(request)
        if not length:
            return None
        match = request.resolver_match
        limit = body_limit(match.view_name if match else None)
        if length > limit:
            return refusal(request, limit)
        return None
