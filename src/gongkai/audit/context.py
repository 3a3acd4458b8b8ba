"""Who is acting and from where, carried alongside the work being done.

Service functions are called from web requests, the CLI and background tasks.
Rather than threading ``request`` through every signature, the entry point sets
the context once and the audit log reads it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


@dataclass(frozen=True)
class AuditContext:
    actor: AbstractBaseUser | None = None
    channel: str = "system"
    ip: str | None = None
    user_agent: str = ""


_current: ContextVar[AuditContext] = ContextVar("gongkai_audit_context", default=AuditContext())  # noqa: B039  (frozen)


def current() -> AuditContext:
    return _current.get()


@contextmanager
def acting(
    *,
    actor: AbstractBaseUser | AnonymousUser | None = None,
    channel: str | None = None,
    ip: str | None = None,
    user_agent: str | None = None,
) -> Iterator[AuditContext]:
    """Run a block on behalf of ``actor``; unspecified parts are inherited."""
    base = _current.get()
    changes: dict[str, object] = {}
    if actor is not None:
        changes["actor"] = actor if getattr(actor, "is_authenticated", False) else None
    if channel is not None:
        changes["channel"] = channel
    if ip is not None:
        changes["ip"] = ip
    if user_agent is not None:
        changes["user_agent"] = user_agent[:300]
    token = _current.set(replace(base, **changes))
    try:
        yield _current.get()
    finally:
        _current.reset(token)
