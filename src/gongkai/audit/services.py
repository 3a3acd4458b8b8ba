"""Writing audit entries; called inside the service function's transaction."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from gongkai.audit.context import current
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


def record(
    *,
    action: str,
    summary: str,
    obj: models.Model | None = None,
    agency: models.Model | None = None,
    changes: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry, attributing it to whoever the current context says is acting."""
    ctx = current()
    actor = ctx.actor
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=actor.get_username() if actor is not None else "",
        agency=agency,
        action=action,
        summary=summary[:500],
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        changes={key: _jsonable(value) for key, value in (changes or {}).items()},
        channel=ctx.channel,
        ip=ctx.ip,
        user_agent=ctx.user_agent,
    )
