"""Bench: the district roll-up of annual reports over 100 agencies, at three sizes.

For each size it builds a fresh SQLite database (in a child process, so each size has
its own Django setup and file), creates ``--agencies`` agencies under one district
government and ``size`` applications over two report years with a realistic mix —
about 70 % natural persons, outcomes weighted as published district reports show them,
a few extended or overdue answers, carry-over across 1 January, appeals against some
refusals and a few paid processing fees, and the agencies' own reports (most published,
some drafts, some not started) — applications with one multi-row INSERT per 50,000
(``bulk_create`` takes ~12 minutes for 2M), the rest with ``bulk_create``. It then times
``build_rollup`` (the operator's district report and per-agency status list) and
checks the summed table against a plain count of the rows generated.

    .venv/bin/python bench/report_rollup.py                      # 20k, 200k, 2M
    .venv/bin/python bench/report_rollup.py --sizes 200000 --repeat 5

Target: under 2 s at 200,000 applications. Results go to bench/results/report_rollup.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
YEAR = 2025
TODAY = date(2026, 3, 2)  # after the 31 January deadline: late agencies show
CHUNK = 50_000
CATEGORY_WEIGHTS = {
    "natural_person": 70,
    "commercial_enterprise": 14,
    "research_institution": 2,
    "public_welfare_organization": 2,
    "legal_service_agency": 7,
    "other": 5,
}
# Share of answers per outcome group, roughly as district reports print them.
GROUP_WEIGHTS = {"3.1": 32, "3.2": 9, "3.3": 4, "3.4": 30, "3.5": 15, "3.6": 10}


def _outcome_weights() -> tuple[list[str], list[float]]:
    from gongkai.rules.outcomes import OUTCOMES

    codes, weights = [], []
    for group, share in GROUP_WEIGHTS.items():
        members = [o.code for o in OUTCOMES if o.group_code == group]
        for rank, code in enumerate(members):
            codes.append(code)
            weights.append(share / (rank + 1))  # the first reason of a group is the common one
    return codes, weights


def _agencies(count: int) -> list[Any]:
    from gongkai.agencies.models import Agency, AgencyKind
    from gongkai.demo.codes import demo_code

    def code(serial: int) -> str:
        return demo_code(authority_and_kind="11", division="420104", serial=20_000_000 + serial)

    root = Agency.objects.create(code=code(0), name="基准区人民政府", kind=AgencyKind.GOVERNMENT)
    children = [
        Agency(
            code=code(n),
            name=f"基准区第{n}部门",
            kind=AgencyKind.STREET if n % 7 == 0 else AgencyKind.DEPARTMENT,
            parent=root,
        )
        for n in range(1, count)
    ]
    Agency.objects.bulk_create(children)
    return [root, *Agency.objects.filter(parent=root).order_by("pk")]


def _insert_applications(rows: list[dict[str, Any]]) -> None:
    """One multi-row INSERT per batch: bulk_create's per-field preparation is what makes
    2M rows slow, and these values are already in the database's own formats. Columns
    come from the model, so a new NOT NULL field fails loudly here instead of drifting."""
    from django.db import connection

    from gongkai.applications.models import Application

    fields = [f.column for f in Application._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(fields)
    marks = ", ".join("%s" for _ in fields)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {Application._meta.db_table} ({columns}) VALUES ({marks})",
            [tuple(row.get(column) for column in fields) for row in rows],
        )


# Text columns an online application leaves empty (NOT NULL, so "" rather than NULL).
BLANK_TEXT = dict.fromkeys(
    [
        "identity_number",
        "contact_person",
        "email",
        "document_number",
        "answer_type",
        "staff_note",
        "junk_reason",
    ],
    "",
)


def generate(size: int, agency_count: int, seed: int = 2025) -> dict[str, Any]:
    """``size`` applications over YEAR-1 and YEAR; returns what a check can count."""
    from django.db import transaction

    from gongkai.applications.models import Appeal, Application, ClockEvent
    from gongkai.rules.application_clock import EventKind

    rng = random.Random(seed)
    agencies = _agencies(agency_count)
    # Zipf-like: a few agencies (housing, police, land) get most applications.
    agency_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(agencies))]
    outcomes, outcome_weights = _outcome_weights()
    categories, category_weights = list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values())
    first_day, span = date(YEAR - 1, 1, 1), (date(YEAR, 12, 31) - date(YEAR - 1, 1, 1)).days
    now = datetime(2026, 3, 2, 9, 0).isoformat(sep=" ")
    received_in_year = 0
    appeals, fees = [], []
    for start in range(0, size, CHUNK):
        rows = []
        n = min(CHUNK, size - start)
        picked_agencies = rng.choices(agencies, agency_weights, k=n)
        picked_categories = rng.choices(categories, category_weights, k=n)
        picked_outcomes = rng.choices(outcomes, outcome_weights, k=n)
        for i in range(n):
            received = first_day + timedelta(days=rng.randrange(span + 1))
            extended = rng.random() < 0.05
            due = received + timedelta(days=56 if extended else 28)  # 20/40 working days
            closed: date | None = received + timedelta(days=rng.randint(2, 40 if extended else 32))
            outcome = picked_outcomes[i]
            if closed > TODAY or rng.random() < 0.003:
                closed, outcome = None, ""
            received_in_year += received.year == YEAR
            number = start + i
            fee = 100 if closed and rng.random() < 0.005 else 0
            if fee:
                fees.append((number, min(received + timedelta(days=10), closed)))
            if outcome[:3] in ("3.3", "3.4", "3.5") and rng.random() < 0.04:
                appeals.append((number, closed))
            phase = "in_progress"
            if closed:
                phase = "ended" if outcome in ("3.6.1", "3.6.2") else "answered"
            rows.append(
                {
                    "agency_id": picked_agencies[i].pk,
                    "receipt_number": f"BENCH{number:09d}",
                    "query_code_hash": "bench",
                    "category": picked_categories[i],
                    "applicant_name": f"申请人{number % 5000}",
                    "identity_kind": "resident_id",
                    "phone": "13800000000",
                    "address": "武汉市硚口区解放大道1号",
                    "postal_code": "430030",
                    "description": "基准测试申请：某项目的立项批复文件",
                    "information_form": "email",
                    "delivery_method": "email",
                    "channel": "online",
                    "submitted_at": f"{received.isoformat()} 01:00:00",
                    "received_date": received.isoformat(),
                    "phase": phase,
                    "answer_due": due.isoformat(),
                    "clock_paused": False,
                    "outcome": outcome,
                    "closed_date": closed.isoformat() if closed else None,
                    "fee_basis": "count" if fee else "",
                    "fee_amount": fee,
                    "created_at": now,
                    "updated_at": now,
                    **BLANK_TEXT,
                }
            )
        with transaction.atomic():
            _insert_applications(rows)
    ids = dict(
        Application.objects.filter(receipt_number__startswith="BENCH").values_list(
            "receipt_number", "pk"
        )
    )

    def pk(number: int) -> int:
        return ids[f"BENCH{number:09d}"]

    appeal_rows = []
    for number, closed in appeals:
        filed = closed + timedelta(days=rng.randint(10, 60))
        decided = filed + timedelta(days=rng.randint(30, 120))
        appeal_rows.append(
            Appeal(
                application_id=pk(number),
                kind=rng.choice(list(Appeal.Kind)),
                body="基准区人民政府",
                filed_on=filed,
                result=rng.choice(["upheld", "upheld", "corrected", "other"])
                if decided <= TODAY
                else "pending",
                decided_on=decided if decided <= TODAY else None,
            )
        )
    Appeal.objects.bulk_create(appeal_rows, batch_size=5000)
    ClockEvent.objects.bulk_create(
        [ClockEvent(application_id=pk(n), kind=EventKind.FEE_PAID, on=on) for n, on in fees],
        batch_size=5000,
    )
    _reports(agencies, rng)
    return {
        "root": agencies[0],
        "received_in_year": received_in_year,
        "appeals": len(appeal_rows),
        "fees_paid": len(fees),
    }


def _reports(agencies: list[Any], rng: random.Random) -> None:
    """Agencies' own reports as on TODAY: ~70 % published (a few after 31 January),
    ~20 % drafts with their table 二 figures entered, the rest not started."""
    from gongkai.reports.compose import counted_reports
    from gongkai.reports.models import AnnualReport, ProactiveFigure, ReportStatus
    from gongkai.reports.proactive import figure_cells

    built = counted_reports(agencies=agencies, years=[YEAR])[YEAR]
    reports, kinds = [], []
    for agency in agencies:
        kind = rng.choices(["final", "draft", "none"], [70, 20, 10])[0]
        if kind == "none":
            continue
        published = date(YEAR + 1, 1, rng.randint(10, 31)) if rng.random() < 0.9 else TODAY
        final = kind == "final"
        reports.append(
            AnnualReport(
                agency=agency,
                year=YEAR,
                status=ReportStatus.FINAL if final else ReportStatus.DRAFT,
                snapshot={**built[agency.pk], "findings": []} if final else None,
                published_on=published if final else None,
            )
        )
        kinds.append(kind)
    AnnualReport.objects.bulk_create(reports)
    figures = [
        ProactiveFigure(
            report=report,
            row=cell.row.key,
            column=cell.column.key,
            value=rng.randint(0, 40),
            source="基准数据",
        )
        for report, kind in zip(reports, kinds, strict=True)
        if kind == "draft"
        for cell in figure_cells("2021")
    ]
    ProactiveFigure.objects.bulk_create(figures)


def run_one(size: int, agency_count: int, repeat: int) -> dict[str, Any]:
    """In a child process whose environment already points at a fresh database."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from gongkai.reports.rollup import build_rollup

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    made = generate(size, agency_count)
    generated_s = time.perf_counter() - started
    timings, cpu = [], []
    for _ in range(repeat):
        connection.close()  # each run opens the database as a request would
        started, started_cpu = time.perf_counter(), time.process_time()
        rollup = build_rollup(district=made["root"], year=YEAR, today=TODAY)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    apps = rollup.report["tables"]["applications"]
    return {
        "applications": size,
        "agencies": len(rollup.agencies),
        "generate_s": round(generated_s, 1),
        "rollup_s_min": round(min(timings), 3),
        "rollup_s_median": round(statistics.median(timings), 3),
        # CPU time of this process (SQLite runs in it): what the roll-up costs when the
        # two cores are shared with other work, as they were during these runs.
        "rollup_cpu_s_min": round(min(cpu), 3),
        "load_average_1min": round(os.getloadavg()[0], 1),
        "runs": repeat,
        "received_in_year": apps["1"]["total"],
        "received_in_year_matches_generated": apps["1"]["total"] == made["received_in_year"],
        "answered_in_year": apps["3.7"]["total"],
        "carried_over": apps["4"]["total"],
        "appeals_generated": made["appeals"],
        "fees_paid_generated": made["fees_paid"],
        "processing_fees": rollup.report["processing_fees"],
        "findings": len(rollup.report["findings"]),
        "late_agencies": len(rollup.late),
        "db_mb": round(Path(connection.settings_dict["NAME"]).stat().st_size / 2**20, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 200_000, 2_000_000])
    parser.add_argument("--agencies", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--output", type=Path, default=ROOT / "bench/results/report_rollup.json")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.agencies, args.repeat)))
        return
    previous = json.loads(args.output.read_text()) if args.output.exists() else {}
    # One entry per size; a rerun of some sizes replaces only theirs.
    kept = {r["applications"]: r for r in previous.get("results", [])}
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as home:
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "gongkai.settings",
                "GONGKAI_HOME": home,
                "DATABASE_URL": f"sqlite:///{home}/bench.sqlite3",
                "GONGKAI_TASKS_URL": f"sqlite:///{home}/tasks.sqlite3",
            }
            command = [sys.executable, __file__, "--one", str(size)]
            command += ["--agencies", str(args.agencies), "--repeat", str(args.repeat)]
            out = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        print(json.dumps(result, ensure_ascii=False), flush=True)
        kept[size] = result
    report = {
        "machine": "2 cores, Python 3.11, SQLite (WAL)",
        "year": YEAR,
        "today": TODAY.isoformat(),
        "results": [kept[size] for size in sorted(kept)],
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
