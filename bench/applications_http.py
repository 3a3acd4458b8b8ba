"""Bench: online applications through the production HTTP stack, with a crash mid-run.

Starts ``gongkai serve`` (gunicorn) on a fresh database, lets ``--clients``
concurrent clients file ``--total`` applications through the real form (GET the
form for its CSRF and submission tokens, POST it, read the receipt number from
the receipt page), SIGKILLs the whole server half-way and restarts it, and then
checks what must hold:

* every submission token is stored exactly once (clients replay a POST whose
  response was lost; the token makes the replay idempotent);
* receipt numbers are unique and gap-free per agency and year;
* every receipt number a client received exists in the database.

Prints throughput and latency percentiles as JSON. Loopback only, bounded.

    .venv/bin/python bench/applications_http.py --db sqlite --total 10000 --clients 50
    .venv/bin/python bench/applications_http.py --db postgresql --total 10000 --clients 50
"""

from __future__ import annotations

import argparse
import http.client
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
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GONGKAI = str(Path(sys.executable).with_name("gongkai"))
AGENCY_CODE = "11420104MB0001000A"  # replaced by the real demo code at start
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMISSION_RE = re.compile(r'name="submission_token" value="([^"]+)"')
RECEIPT_RE = re.compile(r"(YSQ\d{13})")
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    receipts: dict[str, str] = field(default_factory=dict)  # description marker → receipt
    retries: int = 0
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, env: dict[str, str], port: int, workers: int) -> None:
        self.env, self.port, self.workers = env, port, workers
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                GONGKAI,
                "serve",
                "--port",
                str(self.port),
                "--workers",
                str(self.workers),
                "--no-worker",
            ],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("server did not start")

    def kill(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)  # master and every worker, no cleanup
        self.process.wait()


def submit(port: int, marker: str, result: Result, agency_code: str) -> None:
    """One application; retried (same token) until a receipt comes back."""
    token = None
    submitter = None  # the browser's id its submission key is bound to: kept across retries
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            started = time.perf_counter()
            conn.request(
                "GET",
                f"/apply/{agency_code}/",
                headers={"Cookie": f"gongkai_submitter={submitter}"} if submitter else {},
            )
            page = conn.getresponse()
            body = page.read().decode()
            cookie = page.getheader("Set-Cookie", "")
            csrf_cookie = re.search(r"csrftoken=([^;]+)", cookie)
            if submitter is None:
                found_submitter = re.search(r"gongkai_submitter=([^;]+)", cookie)
                submitter = found_submitter.group(1) if found_submitter else None
            csrf = TOKEN_RE.search(body)
            if token is None:
                found = SUBMISSION_RE.search(body)
                token = found.group(1) if found else None
            if not (csrf and csrf_cookie and token):
                raise RuntimeError(f"form page without tokens (HTTP {page.status})")
            form = {
                "csrfmiddlewaretoken": csrf.group(1),
                "submission_token": token,
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
            conn.request(
                "POST",
                f"/apply/{agency_code}/",
                body=urllib.parse.urlencode(form),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"csrftoken={csrf_cookie.group(1)}; gongkai_submitter={submitter}",
                    "Referer": f"http://127.0.0.1:{port}/apply/{agency_code}/",
                },
            )
            response = conn.getresponse()
            response.read()
            location = response.getheader("Location", "")
            session = re.search(r"sessionid=([^;]+)", response.getheader("Set-Cookie", "") or "")
            if response.status != 302 or not session:
                raise RuntimeError(f"POST answered HTTP {response.status}")
            conn.request("GET", location, headers={"Cookie": f"sessionid={session.group(1)}"})
            receipt_page = conn.getresponse().read().decode()
            receipt = RECEIPT_RE.search(receipt_page)
            if receipt is None:
                raise RuntimeError("receipt page without a receipt number")
            with result.lock:
                result.latencies.append(time.perf_counter() - started)
                result.receipts[marker] = receipt.group(1)
            return
        except (OSError, http.client.HTTPException, RuntimeError) as error:
            with result.lock:
                result.retries += 1
                if len(result.errors) < 20:
                    result.errors.append(str(error))
            time.sleep(0.2)
    with result.lock:
        result.errors.append(f"{marker}: gave up")


def run(args: argparse.Namespace) -> dict[str, object]:
    home = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    env["GONGKAI_HOME"] = str(home)
    # Every client of the bench is 127.0.0.1: lift the per-address filing limits, which
    # would otherwise ask for a challenge after three applications.
    env["GONGKAI_FILINGS_FREE_PER_HOUR"] = env["GONGKAI_FILINGS_MAX_PER_HOUR"] = "1000000"
    if args.db == "postgresql":
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS gongkai_bench")
            conn.execute("CREATE DATABASE gongkai_bench")
        env["DATABASE_URL"] = "postgresql://postgres@127.0.0.1:5432/gongkai_bench"
    else:
        env.pop("DATABASE_URL", None)
    subprocess.run([GONGKAI, "init"], env=env, check=True, capture_output=True)
    created = subprocess.run(
        [GONGKAI, "agency", "create", "--code", args.agency_code, "--name", "压测区人民政府办公室"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    assert "已创建" in created.stdout
    port = free_port()
    server = Server(env, port, args.workers)
    server.start()
    result = Result()
    markers = [f"B{i:06d}" for i in range(args.total)]
    queue = iter(markers)
    queue_lock = threading.Lock()
    done = 0
    killed_at: int | None = None

    def client() -> None:
        nonlocal done
        while True:
            with queue_lock:
                marker = next(queue, None)
            if marker is None:
                return
            submit(port, marker, result, args.agency_code)
            with queue_lock:
                done += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    for thread in threads:
        thread.start()
    if args.kill:
        while done < args.total // 2:
            time.sleep(0.05)
        killed_at = done
        server.kill()
        time.sleep(1)
        server.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    server.kill()

    check = subprocess.run(
        [sys.executable, "-c", VERIFY],
        env={**env, "DJANGO_SETTINGS_MODULE": "gongkai.settings"},
        input=json.dumps(result.receipts),
        capture_output=True,
        text=True,
        check=True,
    )
    verdict = json.loads(check.stdout)
    latencies = sorted(result.latencies)
    return {
        "db": args.db,
        "total": args.total,
        "clients": args.clients,
        "server_workers": args.workers,
        "killed_and_restarted_after": killed_at,
        "elapsed_s": round(elapsed, 1),
        "throughput_per_s": round(len(latencies) / elapsed, 1),
        "latency_p50_ms": round(statistics.median(latencies) * 1000, 1),
        "latency_p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1),
        "client_retries": result.retries,
        "sample_errors": result.errors[:5],
        **verdict,
    }


VERIFY = r"""
import json, sys, django
django.setup()
from gongkai.applications.models import Application
receipts = json.load(sys.stdin)
rows = list(Application.objects.values_list("receipt_number", "description", "submission_token"))
by_marker = {}
for number, description, token in rows:
    by_marker.setdefault(description.rsplit(" ", 1)[-1], []).append(number)
sequence = sorted(int(number[-5:]) for number, _, _ in rows)
print(json.dumps({
    "stored": len(rows),
    "stored_exactly_once": all(len(v) == 1 for v in by_marker.values()),
    "every_marker_stored": set(by_marker) >= set(receipts),
    "receipts_found": all(by_marker.get(m, [None])[0] == r for m, r in receipts.items()),
    "receipt_numbers_unique": len({n for n, _, _ in rows}) == len(rows),
    "gap_free": sequence == list(range(1, len(rows) + 1)),
    "tokens_unique": len({t for _, _, t in rows}) == len(rows),
}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--total", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--no-kill", dest="kill", action="store_false")
    parser.add_argument("--agency-code", default="")
    args = parser.parse_args()
    if not args.agency_code:
        sys.path.insert(0, str(ROOT / "src"))
        from gongkai.demo.codes import demo_code

        args.agency_code = demo_code(authority_and_kind="11", division="420104", serial=99001)
    print(json.dumps(run(args), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
