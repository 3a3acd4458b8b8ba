"""Archives of old audit entries, for keeping elsewhere, that can be checked later.

An archive holds a contiguous run of the chain (every entry up to the last one written
before the cut-off date), each with its hashed fields exactly as the chain reads them,
the digest of the entry before it (``previous``) and its own (``digest``). Recomputing
``sha256(previous + fields)`` row by row, each ``previous`` being the row before's
``digest``, shows that nothing in the file was removed, changed or reordered since it was
sealed; the last digest, compared with the log's own seal (or a note kept elsewhere),
ties the file to the log.

JSON Lines keeps the values' types; CSV (with a BOM, for Excel) writes them as text and
the reader restores them. A CSV cell that starts with ``'`` or with what a spreadsheet
would run as a formula gets one more ``'`` in front, which the reader takes off again.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, TextIO

from django.utils import timezone

from gongkai.audit.chain import (
    FIELDS,
    GENESIS,
    Verdict,
    canonical_fields,
    link_fields,
    seal_pending,
)
from gongkai.audit.models import AuditEntry, AuditSeal
from gongkai.spreadsheet_export import BOM, FORMULA_STARTS

COLUMNS = [*FIELDS, "previous", "digest"]
INTEGERS = {"id", "actor_id", "agency_id"}


def cut_off(before: date) -> datetime:
    """Midnight at the start of ``before``, in the server's zone (Asia/Shanghai)."""
    return timezone.make_aware(datetime.combine(before, time.min))


@dataclass
class Written:
    count: int = 0
    first_id: int | None = None
    last_id: int | None = None
    head: str = GENESIS


def _rows(before: date) -> Iterator[dict[str, Any]]:
    last = (
        AuditEntry.objects.filter(created_at__lt=cut_off(before))
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    if last is None:
        return
    digests = dict(AuditSeal.objects.filter(entry_id__lte=last).values_list("entry_id", "digest"))
    previous: str | None = None
    for entry in AuditEntry.objects.filter(pk__lte=last).order_by("pk").iterator(1000):
        if previous is None:
            before_it = AuditSeal.objects.filter(entry_id__lt=entry.pk).order_by("-entry_id")
            previous = before_it.values_list("digest", flat=True).first() or GENESIS
        digest = digests.get(entry.pk)
        if digest is None:
            raise RuntimeError(f"第{entry.pk}号审计记录尚未封存，无法归档。")
        row = dict(zip(FIELDS, canonical_fields(entry), strict=True))
        yield {**row, "previous": previous, "digest": digest}
        previous = digest


def _escape(value: str) -> str:
    return "'" + value if value.startswith(("'", *FORMULA_STARTS)) else value


def _unescape(value: str) -> str:
    return value[1:] if value.startswith("'") else value


def write_archive(*, before: date, handle: TextIO, fmt: str) -> Written:
    """Seal what is pending, then write every entry up to the last one before ``before``."""
    seal_pending()
    written = Written()
    writer = None
    if fmt == "csv":
        handle.write(BOM)
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
    for row in _rows(before):
        if writer is None:
            handle.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        else:
            writer.writerow([_cell(row[name]) for name in COLUMNS])
        written.count += 1
        written.first_id = written.first_id or row["id"]
        written.last_id = row["id"]
        written.head = row["digest"]
    return written


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return _escape(json.dumps(value, ensure_ascii=False, sort_keys=True))
    return _escape(str(value))


def _from_cell(name: str, text: str) -> Any:
    text = _unescape(text)
    if name in INTEGERS:
        return int(text) if text else None
    if name == "ip":
        return text or None
    if name == "changes":
        return json.loads(text)
    return text


def read_archive(handle: TextIO) -> Iterator[dict[str, Any]]:
    """The rows of an archive in either format (told apart by the CSV header)."""
    first = handle.readline().lstrip(BOM)
    if first.startswith("{"):
        yield json.loads(first)
        for line in handle:
            if line.strip():
                yield json.loads(line)
        return
    header = next(csv.reader([first]))
    if header != COLUMNS:
        raise ValueError("不是审计日志归档文件：表头不符。")
    for cells in csv.reader(handle):
        yield {name: _from_cell(name, text) for name, text in zip(COLUMNS, cells, strict=True)}


def verify_archive(handle: TextIO) -> Verdict:
    """Recompute the archive's chain, and compare its digests with the log's seals."""
    verdict = Verdict()
    previous: str | None = None
    seals: dict[int, str] = {}
    for number, row in enumerate(read_archive(handle), start=1):
        fields = [row[name] for name in FIELDS]
        if previous is not None and row["previous"] != previous:
            verdict.problems.append(
                f"第{number}行（第{row['id']}号记录）与上一行不相连：其间有记录缺失或次序被改动。"
            )
        if link_fields(row["previous"], fields) != row["digest"]:
            verdict.problems.append(
                f"第{number}行（第{row['id']}号记录）的内容与其摘要不符：该行被修改。"
            )
        seals[row["id"]] = row["digest"]
        previous = row["digest"]
        verdict.checked += 1
    stored = AuditSeal.objects.filter(entry_id__in=list(seals)).values_list("entry_id", "digest")
    for entry_id, digest in stored:
        if seals[entry_id] != digest:
            verdict.problems.append(f"第{entry_id}号记录的摘要与审计日志的封存不符。")
    verdict.head = previous or GENESIS
    return verdict


def do_archive(
    *, before: date, handle: TextIO, fmt: str, today: date
) -> tuple[Written, str | None]:
    """The audit administrator's (or the server shell's) archive, on record.

    Returns what was written and, when the archived entries are not yet six months old
    (网络安全法 Art. 21), why they must stay in the log all the same; nothing is removed
    here: the log stays append-only, the archive is a copy to keep elsewhere.
    """
    from django.core.exceptions import PermissionDenied
    from django.db import transaction

    from gongkai.agencies.duties import reads_whole_audit_log
    from gongkai.audit.context import current, is_system
    from gongkai.audit.services import record
    from gongkai.rules.log_retention import RetentionError, check_removal

    actor = current().actor
    if actor is None or not (is_system(actor) or reads_whole_audit_log(actor)):
        raise PermissionDenied("只有审计管理员可以归档审计日志。")
    written = write_archive(before=before, handle=handle, fmt=fmt)
    try:
        check_removal(before=before, today=today)
        kept = None
    except RetentionError as error:
        kept = str(error)
    with transaction.atomic():
        record(
            action="audit.archive",
            summary=f"归档{before:%Y-%m-%d}以前的审计记录{written.count}条",
            changes={
                "before": before,
                "count": written.count,
                "first_id": written.first_id,
                "last_id": written.last_id,
                "head": written.head,
                "format": fmt,
            },
        )
    return written, kept
