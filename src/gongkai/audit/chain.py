"""A hash chain over the audit log, so a removed or altered entry is noticed.

The table is append-only by model, queryset and trigger, but on SQLite a raw DELETE,
Django's ``_raw_delete()`` or dropping the trigger went unnoticed (等保 三级 asks for a
tamper-evident log). Each entry is sealed, in id order, with
``sha256(previous digest + the entry's canonical form)``; ``verify`` recomputes the chain
and names every entry that was deleted, altered or slipped in after its successors were
sealed. Whoever can rewrite the whole chain can still hide a change, which is why
``gongkai audit verify`` prints the head digest: recorded elsewhere (the archive export,
a supervisor's note), it pins everything sealed before it.

Sealing runs apart from the writers — every minute as a job, and before each verify — so
an action never waits for the chain and two writers never race for the same link.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC

from django.db import IntegrityError, transaction

from gongkai.audit.models import AuditEntry, AuditSeal
from gongkai.db_locks import lock_for_transaction

GENESIS = "0" * 64
BATCH = 1000
# Serialises sealers (gongkai.db_locks).
ADVISORY_LOCK_KEY = 0x6175646974  # "audit"


# The names of what ``canonical_fields`` returns, in its order (the archive's columns).
FIELDS = [
    "id",
    "created_at",
    "actor_id",
    "actor_name",
    "agency_id",
    "action",
    "summary",
    "object_type",
    "object_id",
    "object_repr",
    "changes",
    "channel",
    "ip",
    "user_agent",
]


def canonical_fields(entry: AuditEntry) -> list[object]:
    """The entry's hashed fields, as read back from the database (time in UTC, as text)."""
    created = entry.created_at.astimezone(UTC).isoformat(timespec="microseconds")
    return [
        entry.pk,
        created,
        entry.actor_id,
        entry.actor_name,
        entry.agency_id,
        entry.action,
        entry.summary,
        entry.object_type,
        entry.object_id,
        entry.object_repr,
        entry.changes,
        entry.channel,
        entry.ip,
        entry.user_agent,
    ]


def encode(fields: list[object]) -> bytes:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, default=str).encode()


def canonical(entry: AuditEntry) -> bytes:
    """The entry's fields in a fixed form, as read back from the database."""
    return encode(canonical_fields(entry))


def link_fields(previous: str, fields: list[object]) -> str:
    return hashlib.sha256(previous.encode() + encode(fields)).hexdigest()


def link(previous: str, entry: AuditEntry) -> str:
    return link_fields(previous, canonical_fields(entry))


def _entries_after(entry_id: int) -> Iterator[AuditEntry]:
    last = entry_id
    while True:
        batch = list(AuditEntry.objects.filter(pk__gt=last).order_by("pk")[:BATCH])
        if not batch:
            return
        yield from batch
        last = batch[-1].pk


def seal_pending() -> int:
    """Seal every entry written since the last seal; returns how many were sealed."""
    try:
        with transaction.atomic():
            lock_for_transaction(ADVISORY_LOCK_KEY)
            head = AuditSeal.objects.order_by("-entry_id").first()
            previous, after = (head.digest, head.entry_id) if head else (GENESIS, 0)
            seals = []
            for entry in _entries_after(after):
                previous = link(previous, entry)
                seals.append(AuditSeal(entry_id=entry.pk, digest=previous))
            AuditSeal.objects.bulk_create(seals, batch_size=BATCH)
            return len(seals)
    except IntegrityError:
        return 0  # another sealer got there first; its links are the same


@dataclass
class Verdict:
    checked: int = 0
    unsealed: int = 0
    head: str = GENESIS
    problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


def verify() -> Verdict:
    """Recompute the chain from the first seal; every break is named in Chinese."""
    verdict = Verdict()
    previous = GENESIS
    seals = AuditSeal.objects.order_by("entry_id").values_list("entry_id", "digest")
    entries = _entries_after(0)
    entry = next(entries, None)
    for entry_id, digest in seals.iterator(chunk_size=BATCH):
        while entry is not None and entry.pk < entry_id:
            verdict.problems.append(f"第{entry.pk}号记录在其后的记录封存之后才出现（疑似插入）。")
            entry = next(entries, None)
        if entry is None or entry.pk != entry_id:
            verdict.problems.append(f"第{entry_id}号记录已封存，但已不在日志中（被删除）。")
            # Continue the chain from the stored link so one deletion is reported once.
            previous = digest
            continue
        expected = link(previous, entry)
        if expected != digest:
            verdict.problems.append(
                f"第{entry_id}号记录与封存链不符：该记录被修改，或其前的记录连同封存被删除。"
            )
        previous = digest
        verdict.checked += 1
        entry = next(entries, None)
    while entry is not None:
        verdict.unsealed += 1
        entry = next(entries, None)
    verdict.head = previous
    return verdict


def do_verify_chain() -> Verdict:
    """Seal, verify and put the verdict on record: the audit administrator's check from the
    admin (the command ``gongkai audit verify`` is the server's own)."""
    from django.core.exceptions import PermissionDenied

    from gongkai.agencies.duties import reads_whole_audit_log
    from gongkai.audit.context import current, is_system
    from gongkai.audit.services import record

    actor = current().actor
    if actor is None or not (is_system(actor) or reads_whole_audit_log(actor)):
        raise PermissionDenied("只有审计管理员可以校验审计日志哈希链。")
    sealed = seal_pending()
    verdict = verify()
    with transaction.atomic():
        record(
            action="audit.verify",
            summary=(
                f"校验审计日志哈希链：{verdict.checked}条"
                + ("完整" if verdict.intact else f"，{len(verdict.problems)}处不符")
            ),
            changes={
                "sealed": sealed,
                "checked": verdict.checked,
                "problems": verdict.problems[:50],
                "head": verdict.head,
            },
        )
    return verdict
