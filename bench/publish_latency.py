"""Bench: how long publishing one catalogue entry takes, and what of it is screening.

A fresh SQLite database (in a child process, like ``report_rollup.py``) with one agency
and its reviewers. Each sample is an entry taken through the chain by the service calls
the admin makes (初审, 保密审查, 审核); the timed step is the final approval, which
checks the revision's stored screening verdict, assigns the index number and publishes
it — what the 主要负责人 waits for after pressing 批准. Screening itself runs before, in
the background job a saved revision queues (here called directly, as the worker would),
and is timed separately: since issue 12/13 it is no longer part of the publication.
Entries carry a ~3,000-character body and, when ``--attachment`` is given, a PDF
attachment of about 20 pages whose text is screened too.

    .venv/bin/python bench/publish_latency.py --entries 30

Writes bench/results/publish_latency.json.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results" / "publish_latency.json"
PARAGRAPH = (
    "为深入贯彻落实《中华人民共和国政府信息公开条例》，进一步提高政府工作透明度，"
    "现就有关事项通知如下。"
)


def _pdf_attachment() -> Any:
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from gongkai.documents.model import OfficialDocument, Paragraph
    from gongkai.documents.pdf import render_pdf

    blocks = [Paragraph(PARAGRAPH * 4) for _ in range(60)]
    data = render_pdf(
        OfficialDocument(
            title="附件：工作方案",
            number=None,
            addressee=None,
            blocks=blocks,
            signature="测试区政府办公室",
            date=datetime.date(2026, 11, 1),
        )
    )
    document = Document(title="工作方案")
    document.file.save("plan.pdf", ContentFile(data), save=False)
    document.save()
    return document


def run_one(entries: int, attachment: bool) -> dict[str, Any]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from gongkai.agencies.models import AgencyKind, Role
    from gongkai.agencies.services import do_create_agency, do_create_staff_user
    from gongkai.audit.context import SYSTEM, acting
    from gongkai.demo.codes import demo_code
    from gongkai.disclosure.models import CatalogueEntryPage, EntryAttachment
    from gongkai.disclosure.services.catalogue import column_for, do_create_entry
    from gongkai.disclosure.verdicts import screen_revision
    from gongkai.rules.catalogue import CONFIDENTIALITY_CHECKLIST

    call_command("migrate", verbosity=0)
    with acting(actor=SYSTEM, channel="cli"):
        agency = do_create_agency(
            code=demo_code(authority_and_kind="11", division="420104", serial=7),
            name="测试区政府办公室",
            kind=AgencyKind.DEPARTMENT,
        )
        users = {
            role: do_create_staff_user(
                username=role.value,
                password="Bench-Passw0rd!",
                full_name=role.label,
                agency=agency,
                roles=[role],
            )
            for role in (
                Role.EDITOR,
                Role.FIRST_REVIEWER,
                Role.SECOND_REVIEWER,
                Role.FINAL_APPROVER,
            )
        }
    column = column_for(agency=agency, key="regulations")
    pdf = _pdf_attachment() if attachment else None
    clear = {key: "no" for key, _ in CONFIDENTIALITY_CHECKLIST}
    publish, screening = [], []
    for n in range(entries):
        entry = do_create_entry(
            column=column,
            user=users[Role.EDITOR],
            title=f"关于做好第{n + 1}批政务公开工作的通知",
            formed_on=timezone.localdate() - timedelta(days=2),
            subject="综合政务",
            info_type="normative_document",
            body="".join(f"<p>{PARAGRAPH}</p>" for _ in range(60)),
        )
        if pdf is not None:
            EntryAttachment.objects.create(entry=entry, document=pdf, title="工作方案")
            entry.save_revision(user=users[Role.EDITOR])
        entry.get_workflow().start(entry, users[Role.EDITOR])
        for role, data in ((Role.FIRST_REVIEWER, {}), (Role.FIRST_REVIEWER, clear),
                           (Role.SECOND_REVIEWER, {})):  # fmt: skip
            entry.refresh_from_db()
            state = entry.current_workflow_task_state
            state.task.specific.on_action(state, users[role], "approve", **data)
        entry.refresh_from_db()
        started = time.perf_counter()
        screen_revision(entry.get_latest_revision())  # the background job's work
        screening.append(time.perf_counter() - started)
        state = entry.current_workflow_task_state
        started = time.perf_counter()
        state.task.specific.on_action(state, users[Role.FINAL_APPROVER], "approve")
        publish.append(time.perf_counter() - started)
        assert CatalogueEntryPage.objects.get(pk=entry.pk).live

    def ms(values: list[float], q: float) -> float:
        return round(statistics.quantiles(values, n=100)[int(q) - 1] * 1000, 1)

    return {
        "entries": entries,
        "attachment": "PDF, ~20 pages" if attachment else None,
        "final_approval_publish_ms_p50": round(statistics.median(publish) * 1000, 1),
        "final_approval_publish_ms_p95": ms(publish, 95),
        "background_screening_ms_p50": round(statistics.median(screening) * 1000, 1),
        "load_average_1min": round(os.getloadavg()[0], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=30)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--attachment", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.entries, args.attachment)))
        return
    results = []
    for attachment in (False, True):
        with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as home:
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "gongkai.settings",
                "GONGKAI_HOME": home,
                "DATABASE_URL": f"sqlite:///{home}/bench.sqlite3",
                "GONGKAI_TASKS_URL": f"sqlite:///{home}/tasks.sqlite3",  # indexing runs later
            }
            command = [sys.executable, __file__, "--one", "--entries", str(args.entries)]
            command += ["--attachment"] if attachment else []
            out = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        print(json.dumps(result, ensure_ascii=False), flush=True)
        results.append(result)
    report = {"machine": "2 cores, Python 3.11, SQLite (WAL)", "results": results}
    RESULTS.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
