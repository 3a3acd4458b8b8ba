"""Error pages that must render whatever failed: no database, no context processors,
and no dependency on the static files manifest.

An error page that raises is worse than none: Django hands the new exception to the 500
handler of every middleware layer in turn, each failing again, and the client waits on
an answer that never comes (a body the CSRF check refused, on an instance started
without ``collectstatic``, hung a gunicorn worker this way — tests/abuse/test_upload_memory.py).
So the stylesheet's address falls back to its unhashed name, and a page that still
cannot render is answered with its words in bare HTML.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse
from django.template import loader
from django.utils.html import escape

STYLESHEET = "gongkai/standalone.css"

logger = logging.getLogger(__name__)


def stylesheet_url() -> str:
    """The hashed address when the manifest has it, else the plain one (whitenoise and a
    front proxy serve both)."""
    try:
        return staticfiles_storage.url(STYLESHEET)
    except ValueError:
        return f"{settings.STATIC_URL}{STYLESHEET}"


def standalone_response(
    template: str, status: int, *, heading: str, context: dict[str, Any] | None = None
) -> HttpResponse:
    try:
        page = loader.get_template(template).render(
            {"stylesheet": stylesheet_url(), **(context or {})}
        )
    except Exception:  # the error page itself must not fail; see the module docstring
        logger.exception("error page %s could not be rendered", template)
        page = (
            '<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8">'
            f"<title>{escape(heading)}</title><h1>{escape(heading)}</h1>"
            f'<p><a href="/">返回首页</a></p><p>错误代码：{status}</p></html>'
        )
    return HttpResponse(page, status=status)
