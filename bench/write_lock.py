"""Bench: does slow work in one agency hold the write lock for everyone? (issue 12 (5))

On a fresh SQLite database, ``gongkai serve`` (gunicorn, loopback) takes ``--clients``
concurrent public submissions to agency B through the real form while, in two other
processes, agency A takes an entry with a 3,000-page PDF attachment through the review
chain to publication, and the operator uploads and audits a 3,000-page report. Each of
those does what the system does: the entry's revision is screened by the background
job's function (outside any transaction), then the final approver acts (the entry is
blocked as unreadable — over 2,000 pages — and published by the recorded override); the
report is stored by the upload service and audited by the job's function.

Counts failed submissions (any answer but the receipt; no retries), the submissions'
latency percentiles, the slow steps' durations and the peak resident memory (VmHWM) of
every process of the run, sampled from /proc. Loopback only, bounded.

    .venv/bin/python bench/write_lock.py --clients 100 --total 300

Writes bench/results/write_lock.json.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "write_lock.json"
GONGKAI = str(Path(sys.executable).with_name("gongkai"))
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMISSION_RE = re.compile(r'name="submission_token" value="([^"]+)"')
PAGES = 3000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def big_pdf(pages: int) -> bytes:
    """A real first page of text, then blank pages: 3,000 pages in a few hundred KB."""
    import datetime

    from pypdf import PdfReader, PdfWriter

    from gongkai.documents.model import OfficialDocument, Paragraph
    from gongkai.documents.pdf import render_pdf

    first = render_pdf(
        OfficialDocument(
            title="测试区教育局2025年政府信息公开工作年度报告",
            number=None,
            addressee=None,
            blocks=[Paragraph("本报告根据《中华人民共和国政府信息公开条例》编制。")],
            signature="测试区教育局",
            date=datetime.date(2026, 1, 20),
        )
    )
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(first)).pages:
        writer.add_page(page)
    while len(writer.pages) < pages:
        writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# --- the two slow actors (run as child processes with Django) ---------------------------


def actor_publish() -> dict[str, float]:
    from django.core.files.base import ContentFile
    from django.utils import timezone
    from wagtail.documents.models import Document

    from gongkai.agencies.models import AgencyKind, Role
    from gongkai.agencies.services import do_create_agency, do_create_staff_user
    from gongkai.audit.context import SYSTEM, acting
    from gongkai.demo.codes import demo_code
    from gongkai.disclosure.models import CatalogueEntryPage, EntryAttachment
    from gongkai.disclosure.permissions import agency_collection
    from gongkai.disclosure.services.catalogue import column_for, do_create_entry
    from gongkai.disclosure.verdicts import screen_revision
    from gongkai.rules.catalogue import CONFIDENTIALITY_CHECKLIST

    roles = (Role.EDITOR, Role.FIRST_REVIEWER, Role.SECOND_REVIEWER, Role.FINAL_APPROVER)
    with acting(actor=SYSTEM, channel="cli"):
        agency = do_create_agency(
            code=demo_code(authority_and_kind="11", division="420104", serial=99002),
            name="压测区教育局",
            kind=AgencyKind.DEPARTMENT,
        )
        users = {
            role: do_create_staff_user(
                username=f"a_{role.value}",
                password="Bench-Passw0rd!",
                full_name=role.label,
                agency=agency,
                roles=[role],
            )
            for role in roles
        }
    document = Document(title="三千页附件", collection=agency_collection(agency))
    document.file.save("big.pdf", ContentFile(big_pdf(PAGES)), save=False)
    document.save()
    entry = do_create_entry(
        column=column_for(agency=agency, key="regulations"),
        user=users[Role.EDITOR],
        title="关于印发三千页工作方案的通知",
        formed_on=timezone.localdate(),
        subject="综合政务",
        info_type="normative_document",
        body="<p>现将工作方案印发给你们。</p>",
    )
    EntryAttachment.objects.create(entry=entry, document=document, title="工作方案")
    revision = entry.save_revision(user=users[Role.EDITOR])
    timings: dict[str, float] = {}
    started = time.perf_counter()
    verdict = screen_revision(revision)  # the background job's work, outside transactions
    timings["background_screening_s"] = round(time.perf_counter() - started, 2)
    assert verdict.unreadable, verdict.findings
    entry.get_workflow().start(entry, users[Role.EDITOR])
    reason = "三千页附件已人工核对，依法应当公开"
    clear = {key: "no" for key, _ in CONFIDENTIALITY_CHECKLIST} | {"privacy_reason": reason}
    steps = ((Role.FIRST_REVIEWER, "approve", {}), (Role.FIRST_REVIEWER, "approve", clear),
             (Role.SECOND_REVIEWER, "approve", {}),
             (Role.FINAL_APPROVER, "override", {"reason": reason}))  # fmt: skip
    for role, action, data in steps:
        entry.refresh_from_db()
        state = entry.current_workflow_task_state
        started = time.perf_counter()
        state.task.specific.on_action(state, users[role], action, **data)
        timings[f"{role.value}_{action}_s"] = round(time.perf_counter() - started, 2)
    assert CatalogueEntryPage.objects.get(pk=entry.pk).live
    return timings


def actor_audit() -> dict[str, float]:
    from gongkai.agencies.models import Agency, Role
    from gongkai.agencies.services import do_create_staff_user
    from gongkai.audit.context import SYSTEM, acting
    from gongkai.report_audit.models import AuditBatch
    from gongkai.report_audit.services import do_create_batch, run_batch

    with acting(actor=SYSTEM, channel="cli"):
        operator = do_create_staff_user(
            username="bench_operator",
            password="Bench-Passw0rd!",
            full_name="运营",
            agency=Agency.objects.order_by("pk").first(),
            roles=[Role.OPERATOR],
        )
    data = big_pdf(PAGES)
    timings: dict[str, float] = {}
    with acting(actor=operator, channel="web"):
        started = time.perf_counter()
        batch = do_create_batch(name="三千页年报", files=[("report.pdf", data)])
        timings["upload_request_s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    run_batch(batch_id=batch.pk)  # the background job's work
    timings["background_audit_s"] = round(time.perf_counter() - started, 2)
    assert AuditBatch.objects.get(pk=batch.pk).status == "done"
    return timings


# --- the submissions --------------------------------------------------------------------


def submit_once(port: int, agency_code: str, marker: str) -> tuple[bool, float, str]:
    """One application, no retry: (received a receipt, seconds, error)."""
    started = time.perf_counter()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        conn.request("GET", f"/apply/{agency_code}/")
        page = conn.getresponse()
        body = page.read().decode()
        cookie = page.getheader("Set-Cookie", "") or ""
        csrf_cookie = re.search(r"csrftoken=([^;]+)", cookie)
        submitter = re.search(r"gongkai_submitter=([^;]+)", cookie)
        csrf, token = TOKEN_RE.search(body), SUBMISSION_RE.search(body)
        if not (csrf and csrf_cookie and token):
            return False, time.perf_counter() - started, f"form HTTP {page.status}"
        form = {
            "csrfmiddlewaretoken": csrf.group(1),
            "submission_token": token.group(1),
            "category": "natural_person",
            "applicant_name": "压测申请人",
            "identity_kind": "resident_id",
            "identity_number": "11010519491231002X",
            "phone": "13800000000",
            "email": "bench@example.org",
            "description": f"压测所需信息 {marker}",
            "information_form": "email",
            "delivery_method": "email",
            "declaration": "on",
        }
        cookies = f"csrftoken={csrf_cookie.group(1)}"
        if submitter:
            cookies += f"; gongkai_submitter={submitter.group(1)}"
        conn.request(
            "POST",
            f"/apply/{agency_code}/",
            body=urllib.parse.urlencode(form),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookies,
                "Referer": f"http://127.0.0.1:{port}/apply/{agency_code}/",
            },
        )
        response = conn.getresponse()
        response.read()
        if response.status != 302:
            return False, time.perf_counter() - started, f"POST HTTP {response.status}"
        return True, time.perf_counter() - started, ""
    except (OSError, http.client.HTTPException) as error:
        return False, time.perf_counter() - started, str(error)


# --- memory -----------------------------------------------------------------------------


class PeakMemory(threading.Thread):
    """Samples VmHWM (the kernel's own peak RSS per process) of every descendant."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peaks: dict[int, tuple[str, int]] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        me = os.getpid()
        while not self.stop.is_set():
            for entry in os.scandir("/proc"):
                if not entry.name.isdigit():
                    continue
                pid = int(entry.name)
                try:
                    if not self._descends(pid, me):
                        continue
                    status = Path(f"/proc/{pid}/status").read_text()
                    command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
                except OSError:
                    continue
                found = re.search(r"VmHWM:\s+(\d+) kB", status)
                if found:
                    kb = int(found.group(1))
                    name = command.decode(errors="replace").strip()[:120]
                    if kb > self.peaks.get(pid, ("", 0))[1]:
                        self.peaks[pid] = (name, kb)
            self.stop.wait(0.05)

    @staticmethod
    def _descends(pid: int, ancestor: int) -> bool:
        for _ in range(8):
            if pid == ancestor:
                return True
            if pid <= 1:
                return False
            stat = Path(f"/proc/{pid}/stat").read_text()
            pid = int(stat.rsplit(")", 1)[1].split()[1])
        return False


def run(args: argparse.Namespace) -> dict[str, Any]:
    home = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env["GONGKAI_HOME"] = str(home)
    env["GONGKAI_FILINGS_FREE_PER_HOUR"] = env["GONGKAI_FILINGS_MAX_PER_HOUR"] = "1000000"
    subprocess.run([GONGKAI, "init"], env=env, check=True, capture_output=True)
    from gongkai.demo.codes import demo_code

    code_b = demo_code(authority_and_kind="11", division="420104", serial=99001)
    subprocess.run(
        [GONGKAI, "agency", "create", "--code", code_b, "--name", "压测区民政局"],
        env=env,
        check=True,
        capture_output=True,
    )
    port = free_port()
    memory = PeakMemory()
    memory.start()
    server = subprocess.Popen(
        [GONGKAI, "serve", "--port", str(port), "--workers", str(args.workers), "--no-worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        for _ in range(300):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        actor_env = {**env, "DJANGO_SETTINGS_MODULE": "gongkai.settings"}
        actors = {
            name: subprocess.Popen(
                [sys.executable, __file__, "--actor", name],
                env=actor_env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for name in ("publish", "audit")
        }
        outcomes: list[tuple[bool, float, str]] = []
        lock = threading.Lock()
        counter = iter(range(args.total))

        def client() -> None:
            while True:
                with lock:
                    n = next(counter, None)
                if n is None:
                    return
                outcome = submit_once(port, code_b, f"B{n:06d}")
                with lock:
                    outcomes.append(outcome)

        started = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        submissions_s = time.perf_counter() - started
        actor_results = {}
        for name, process in actors.items():
            out, err = process.communicate(timeout=1800)
            if process.returncode != 0:
                raise RuntimeError(f"actor {name} failed:\n{err[-3000:]}")
            actor_results[name] = json.loads(out.strip().splitlines()[-1])
        actors_s = time.perf_counter() - started
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
        memory.stop.set()
        memory.join()
    latencies = sorted(seconds for ok, seconds, _ in outcomes if ok)
    failures = [error for ok, _, error in outcomes if not ok]

    def pct(q: int) -> float:
        return round(statistics.quantiles(latencies, n=100)[q - 1] * 1000, 1)

    peaks = sorted(memory.peaks.values(), key=lambda item: -item[1])
    return {
        "submissions": len(outcomes),
        "clients": args.clients,
        "failures": len(failures),
        "failure_examples": failures[:5],
        "submission_ms_p50": pct(50),
        "submission_ms_p95": pct(95),
        "submissions_wall_s": round(submissions_s, 1),
        "publish_3000_page_entry": actor_results["publish"],
        "audit_3000_page_report": actor_results["audit"],
        "all_done_s": round(actors_s, 1),
        "peak_rss_mb": [{"process": name, "mb": round(kb / 1024, 1)} for name, kb in peaks],
        "load_average_1min_at_end": round(os.getloadavg()[0], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--total", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--actor", choices=["publish", "audit"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.actor:
        import django

        django.setup()
        result = actor_publish() if args.actor == "publish" else actor_audit()
        print(json.dumps(result))
        return
    sys.path.insert(0, str(ROOT / "src"))
    report = run(args)
    report["machine"] = "2 cores shared with other work (see load), Python 3.11, SQLite (WAL)"
    print(json.dumps(report, ensure_ascii=False, indent=2))
    RESULTS.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
