"""Writing audit entries; called inside the service function's transaction."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models

from gongkai.audit.context import current, is_system
from gongkai.audit.models import AuditEntry


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(item) for item in value]
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The audited fields of an instance, in JSON-safe form, to diff later."""
    return {name: _jsonable(getattr(instance, name)) for name in fields}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for the fields that changed."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


@dataclass(frozen=True)
class ObjectRef:
    """An object named without loading it (for entries about rows of other apps)."""

    type: str
    id: str
    repr: str

    @classmethod
    def of(cls, obj: models.Model) -> ObjectRef:
        return cls(type=obj._meta.label_lower, id=str(obj.pk), repr=str(obj)[:300])


def record(
    *,
    action: str,
    summary: str,
    obj: models.Model | ObjectRef | None = None,
    agency: models.Model | None = None,
    changes: Mapping[str, Any] | None = None,
    actor: Any = None,
) -> AuditEntry:
    """Append one entry, attributing it to ``actor`` or whoever the context says is acting.

    The system's own actions are named 系统; an entry without an actor (a public
    submission, a failed login) keeps an empty name.
    """
    ctx = current()
    actor = actor if actor is not None else ctx.actor
    ref = ObjectRef.of(obj) if isinstance(obj, models.Model) else obj
    return AuditEntry.objects.create(
        actor=None if is_system(actor) else actor,
        actor_name=actor.get_username() if actor is not None else "",
        agency=agency,
        action=action,
        summary=summary[:500],
        object_type=ref.type if ref else "",
        object_id=ref.id if ref else "",
        object_repr=ref.repr if ref else "",
        changes={key: _jsonable(value) for key, value in (changes or {}).items()},
        channel=ctx.channel,
        ip=ctx.ip,
        user_agent=ctx.user_agent,
    )
