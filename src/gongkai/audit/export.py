"""Writing audit entries out as CSV or JSON for supervisors."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from gongkai.audit.models import AuditEntry
from gongkai.spreadsheet_export import BOM, neutralise

COLUMNS = [
    ("created_at", "时间"),
    ("actor_name", "操作人"),
    ("agency", "所属机构"),
    ("action", "操作"),
    ("summary", "说明"),
    ("object_type", "对象类型"),
    ("object_id", "对象编号"),
    ("changes", "变更内容"),
    ("channel", "来源渠道"),
    ("ip", "来源地址"),
]


def _row(entry: AuditEntry) -> dict[str, object]:
    return {
        "created_at": entry.created_at.isoformat(),
        "actor_name": entry.actor_name,
        "agency": entry.agency.name if entry.agency_id and entry.agency else "",
        "action": entry.action,
        "summary": entry.summary,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "changes": entry.changes,
        "channel": entry.channel,
        "ip": entry.ip or "",
    }


def write_entries(entries: Iterable[AuditEntry], handle: TextIO, *, fmt: str) -> int:
    rows = [_row(entry) for entry in entries]
    if fmt == "json":
        json.dump(rows, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    else:
        handle.write(BOM)
        writer = csv.writer(handle)
        writer.writerow([label for _, label in COLUMNS])
        for row in rows:
            writer.writerow(
                [
                    neutralise(
                        json.dumps(row[key], ensure_ascii=False) if key == "changes" else row[key]
                    )
                    for key, _ in COLUMNS
                ]
            )
    return len(rows)
