"""Who is acting and from where, carried alongside the work being done.

Service functions are called from web requests, the CLI and background tasks.
Rather than threading ``request`` through every signature, the entry point sets
the context once and the audit log reads it.

Three kinds of actor exist, and a missing one is never mistaken for a powerful one:
a signed-in user; :data:`SYSTEM`, the platform itself, set only by the ``gongkai``
command run without ``--as`` (the operator's shell on the server) and by background
jobs; and ``None``, nobody (an anonymous visitor, or code that set no context),
whom every service refuses.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Any, Final

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class SystemActor:
    """The platform acting on its own: the server's shell and its scheduled jobs.

    Not a user: it holds no role and sees nothing through ``visible_to``; the services'
    authorization checks let it through explicitly, and the audit log names it 系统.
    """

    is_authenticated: Final = False
    is_active: Final = True
    is_superuser: Final = False
    pk: Final = None

    def get_username(self) -> str:
        return "系统"

    def __str__(self) -> str:
        return "系统"

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM: Final = SystemActor()

Actor = AbstractBaseUser | SystemActor | None


@dataclass(frozen=True)
class AuditContext:
    actor: Actor = None
    channel: str = "system"
    ip: str | None = None
    user_agent: str = ""


_current: ContextVar[AuditContext] = ContextVar("gongkai_audit_context", default=AuditContext())  # noqa: B039  (frozen)


def current() -> AuditContext:
    return _current.get()


def is_system(actor: Any) -> bool:
    return actor is SYSTEM


def current_user() -> AbstractBaseUser | None:
    """The signed-in user acting, for "recorded by" columns: ``None`` for the system and nobody."""
    actor = _current.get().actor
    return None if actor is None or is_system(actor) else actor


@contextmanager
def acting(
    *,
    actor: AbstractBaseUser | AnonymousUser | SystemActor | None = None,
    channel: str | None = None,
    ip: str | None = None,
    user_agent: str | None = None,
) -> Iterator[AuditContext]:
    """Run a block on behalf of ``actor``; unspecified parts are inherited.

    An anonymous user becomes ``None`` (nobody); pass :data:`SYSTEM` only from the CLI
    without ``--as`` and from background jobs.
    """
    base = _current.get()
    changes: dict[str, object] = {}
    if actor is not None:
        if is_system(actor) or getattr(actor, "is_authenticated", False):
            changes["actor"] = actor
        else:
            changes["actor"] = None
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
