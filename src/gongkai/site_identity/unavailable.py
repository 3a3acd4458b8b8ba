"""A full disk or a database that is away answers 503 in Chinese, not a bare 500.

Either fault reaches Django as an exception raised inside a service's transaction,
which therefore rolled back — or, once the action committed, while saving the session
afterwards (``SessionInterrupted`` over a refused connection); forms that create
records carry a submission token, so the person may simply send the form again and it
is not filed twice. The page says exactly that and asks the client to retry later
(``Retry-After``), where a 500 would only say something broke. It is decided in the
500 handler (:func:`gongkai.site_identity.views.server_error`), the one place every
layer's unhandled exception reaches, views and middleware alike.
"""

from __future__ import annotations

import errno

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse

from gongkai.site_identity.standalone import standalone_response

STORAGE_FULL = {errno.ENOSPC, errno.EDQUOT}
RETRY_AFTER_SECONDS = 60


def unavailable_reason(error: BaseException | None) -> str | None:
    """The cause the 503 page names, found anywhere in the chain of ``error``; None when
    it is not such a fault (a bug stays a 500)."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OSError) and error.errno in STORAGE_FULL:
            return "服务器存储空间已满"
        if isinstance(error, OperationalError | InterfaceError):
            return "数据库暂时无法访问"
        error = error.__cause__ or error.__context__
    return None


def unavailable_response(reason: str) -> HttpResponse:
    """Rendered without the database or context processors: they may be what failed."""
    response = standalone_response(
        "503.html", 503, heading="服务暂时不可用", context={"reason": reason}
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
