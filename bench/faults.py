"""Bench: faults injected under load — nothing lost, nothing duplicated, a clear error.

Runs ``gongkai serve`` (gunicorn plus its task worker) on a PostgreSQL cluster and a
Redis of its own (so restarting them touches nothing else on the machine), with the
private files (applicants' uploads) on a small tmpfs, and a local SMTP sink for the
applicants' notices. ``--clients`` clients file applications through the real form, one
in four with an identity proof upload, replaying a failed POST with the same page's
tokens as a browser's back-and-resubmit would. Meanwhile, on a schedule:

1. kill -9 of one gunicorn worker (the master starts another);
2. kill -9 of the task worker;
3. PostgreSQL restarted (fast shutdown: open connections are cut);
4. Redis killed, down for ``--outage`` seconds, started again;
5. the private-file volume full for ``--outage`` seconds;
6. kill -9 of the whole ``gongkai serve`` process group, started again.

Then it waits for the queue to drain and checks, in the database and on disk: every
receipt a client was shown exists once; receipt numbers are unique and gap-free; one
audit row per application; every upload is on disk whole, no partial files; every
applicant got the 已提交 e-mail (missing and duplicated counted); no job is left
running; and no client ever got a 500 (503 with a Chinese reason, or a refused
connection while a process was down, are the clear answers). Prints JSON.

Needs root (initdb runs as the postgres user; the tmpfs is mounted). Loopback only,
bounded by ``--total`` and ``--deadline``.

    .venv/bin/python bench/faults.py --total 1500 --clients 16
"""

from __future__ import annotations

import argparse
import contextlib
import email
import io
import json
import os
import re
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from pathlib import Path

import httpx

from gongkai.demo.codes import demo_code

ROOT = Path(__file__).resolve().parent.parent
GONGKAI = str(Path(sys.executable).with_name("gongkai"))
PG_BIN = Path("/usr/lib/postgresql") / sorted(os.listdir("/usr/lib/postgresql"))[-1] / "bin"
TOKEN_RE = re.compile(r'name="submission_token" value="([^"]+)"')
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RECEIPT_RE = re.compile(r"(YSQ\d{13})")
AGENCY_CODE = demo_code(authority_and_kind="11", division="420104", serial=99002)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_postgres(*command: str) -> None:
    subprocess.run(["runuser", "-u", "postgres", "--", *command], check=True, capture_output=True)


class Postgres:
    """A throw-away cluster on its own port, trust auth on loopback."""

    def __init__(self, base: Path) -> None:
        self.data = base / "pg"
        self.port = free_port()
        self.data.mkdir()
        shutil.chown(self.data, "postgres", "postgres")
        as_postgres(str(PG_BIN / "initdb"), "-D", str(self.data), "--auth=trust", "-U", "postgres")

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def ctl(self, *action: str) -> None:
        options = f"-p {self.port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=on"
        as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-w", "-o", options, *action)

    def start(self) -> None:
        self.ctl("-l", str(self.data / "log"), "start")

    def restart(self) -> None:
        self.ctl("-m", "fast", "-l", str(self.data / "log"), "restart")

    def stop(self) -> None:
        self.ctl("-m", "immediate", "stop")


class Redis:
    """A Redis of our own with an append-only file, as a deployment would run it."""

    def __init__(self, base: Path) -> None:
        self.dir = base / "redis"
        self.dir.mkdir()
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                *("redis-server", "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "yes", "--appendfsync", "always"),
                *("--dir", str(self.dir)),
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("redis did not start")

    def crash(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait()


class SmtpSink(socketserver.ThreadingTCPServer):
    """Enough SMTP for Django's backend; keeps each message's subject line."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        self.subjects: list[str] = []
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _SmtpHandler)


class _SmtpHandler(socketserver.StreamRequestHandler):
    server: SmtpSink

    def handle(self) -> None:
        self.wfile.write(b"220 sink\r\n")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb == b"DATA":
                self.wfile.write(b"354 go\r\n")
                lines = []
                while (body := self.rfile.readline()) not in (b".\r\n", b""):
                    lines.append(body.decode("utf-8", "replace"))
                message = email.message_from_string("".join(lines))
                subject = str(make_header(decode_header(message.get("Subject", ""))))
                with self.server.lock:
                    self.server.subjects.append(subject)
                self.wfile.write(b"250 ok\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


class Site:
    """``gongkai serve`` with its worker, in a process group of its own."""

    def __init__(self, env: dict[str, str], port: int) -> None:
        self.env, self.port = env, port
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        log = open(Path(self.env["GONGKAI_HOME"]) / "serve.log", "ab")  # noqa: SIM115
        self.process = subprocess.Popen(
            [GONGKAI, "serve", "--port", str(self.port), "--workers", "2"],
            env=self.env,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{self.port}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gongkai serve did not start")

    def children(self, *, web: bool) -> list[int]:
        """gunicorn's workers (forked: the master's command line) or the task worker
        (the search follower, the other child, is neither)."""
        assert self.process is not None
        found = []
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                try:
                    command = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ")
                except FileNotFoundError:
                    continue
                if b"gongkai.cli search" in command:
                    continue
                if (b"gongkai.cli worker" not in command) == web:
                    found.append(int(child))
        return found

    def kill_one(self, *, web: bool) -> int | None:
        pids = self.children(web=web)
        if pids:
            os.kill(pids[0], signal.SIGKILL)
        return pids[0] if pids else None

    def kill_all(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


@dataclass
class Load:
    receipts: dict[str, str] = field(default_factory=dict)  # marker → receipt shown
    with_proof: set[str] = field(default_factory=set)
    statuses: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    gave_up: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def saw(self, status: str, reason: str = "") -> None:
        with self.lock:
            self.statuses[status] += 1
            if reason:
                self.reasons[reason] += 1


def proof_png(marker: str) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (120, 60), "white")
    ImageDraw.Draw(image).text((5, 20), marker, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def file_one(port: int, marker: str, proof: bool, load: Load, deadline: float) -> None:
    """One applicant: the form page, then POSTs (same tokens) until a receipt is shown."""
    base = f"http://127.0.0.1:{port}"
    with httpx.Client(base_url=base, timeout=30) as client:
        form_page = None
        while time.monotonic() < deadline:
            try:
                if form_page is None:
                    page = client.get(f"/apply/{AGENCY_CODE}/")
                    if page.status_code != 200:
                        load.saw(str(page.status_code))
                        time.sleep(0.5)
                        continue
                    form_page = page.text
                data = {
                    "csrfmiddlewaretoken": CSRF_RE.search(form_page).group(1),  # type: ignore[union-attr]
                    "submission_token": TOKEN_RE.search(form_page).group(1),  # type: ignore[union-attr]
                    "category": "natural_person",
                    "applicant_name": "故障演练申请人",
                    "identity_kind": "resident_id",
                    "identity_number": "11010519491231002X",
                    "phone": "13800000000",
                    "email": f"{marker.lower()}@bench.invalid",
                    "description": f"故障演练所需信息 {marker}",
                    "information_form": "email",
                    "delivery_method": "email",
                    "declaration": "on",
                }
                files = {"identity_proof": ("证件.png", proof_png(marker), "image/png")}
                response = client.post(
                    f"/apply/{AGENCY_CODE}/",
                    data=data,
                    files=files if proof else None,
                    headers={"Referer": f"{base}/apply/{AGENCY_CODE}/"},
                )
                if response.status_code != 302:
                    reason = re.search(r"<p>([^<，]{2,20})，", response.text)
                    load.saw(str(response.status_code), reason.group(1) if reason else "")
                    time.sleep(0.5)
                    continue
                receipt_page = client.get(response.headers["Location"])
                number = RECEIPT_RE.search(receipt_page.text)
                if number is None:
                    load.saw(f"receipt {receipt_page.status_code}")
                    continue
                load.saw("302")
                with load.lock:
                    load.receipts[marker] = number.group(1)
                    if proof:
                        load.with_proof.add(marker)
                return
            except httpx.HTTPError as error:
                load.saw(type(error).__name__)
                time.sleep(0.5)
    with load.lock:
        load.gave_up.append(marker)


def fill(directory: Path) -> Path:
    filler = directory / "filler"
    with open(filler, "wb") as out:
        try:
            while True:
                out.write(b"\0" * (1 << 20))
                out.flush()
        except OSError:
            pass
    return filler


VERIFY = r"""
import json, sys, django
from collections import Counter
from pathlib import Path
django.setup()
from django.conf import settings
from gongkai.applications.models import ApplicantFile, Application
from gongkai.audit.models import AuditEntry
from gongkai.jobs.models import JobRun
seen = json.load(sys.stdin)
rows = list(Application.objects.values_list("pk", "receipt_number", "description"))
by_marker = {}
for pk, number, description in rows:
    by_marker.setdefault(description.rsplit(" ", 1)[-1], []).append(number)
sequence = sorted(int(number[-5:]) for _, number, _ in rows)
files = list(ApplicantFile.objects.values_list("application__description", "file", "size"))
root = Path(settings.GONGKAI_PRIVATE_ROOT)
on_disk = {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}
audit = AuditEntry.objects.filter(action="application.create").count()
print(json.dumps({
    "applications": len(rows),
    "each_marker_once": all(len(v) == 1 for v in by_marker.values()),
    "receipts_shown_found": sum(
        by_marker.get(m, [None])[0] == r for m, r in seen["receipts"].items()
    ),
    "receipts_shown": len(seen["receipts"]),
    "receipt_numbers_unique": len({n for _, n, _ in rows}) == len(rows),
    "gap_free": sequence == list(range(1, len(rows) + 1)),
    "audit_rows_for_intake": audit,
    "uploads_recorded": len(files),
    "uploads_expected": len(seen["with_proof"]),
    "uploads_whole_on_disk": sum(
        (root / n).is_file() and (root / n).stat().st_size == size for _, n, size in files
    ),
    "partial_files": sorted(n for n in on_disk if n.endswith(".part")),
    "unreferenced_files": len(on_disk - {name for _, name, _ in files}),
    "jobs_left_running": JobRun.objects.filter(status="running").count(),
    "jobs_failed": JobRun.objects.filter(status="failed").count(),
    "notice_jobs_by_status": dict(
        Counter(JobRun.objects.filter(name="send_notice_email").values_list("status", flat=True))
    ),
    "receipt_by_marker": {m: v[0] for m, v in by_marker.items()},
}))
"""


def run(args: argparse.Namespace) -> dict[str, object]:
    base = Path(tempfile.mkdtemp(prefix="gongkai-faults-"))
    os.chmod(base, 0o755)
    postgres, redis, sink = Postgres(base), Redis(base), SmtpSink()
    private = base / "private"
    site = Site({}, 0)
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    try:
        postgres.start()
        redis.start()
        private.mkdir()
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={args.disk_mb}m", "tmpfs", str(private)],
            check=True,
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
        env.update(
            GONGKAI_HOME=str(base / "home"),
            GONGKAI_PRIVATE_ROOT=str(private),
            DATABASE_URL=postgres.url,
            GONGKAI_TASKS_URL=redis.url,
            GONGKAI_EMAIL_BACKEND="smtp",
            GONGKAI_EMAIL_HOST="127.0.0.1",
            GONGKAI_EMAIL_PORT=str(sink.server_address[1]),
            GONGKAI_FILINGS_FREE_PER_HOUR="1000000",
            GONGKAI_FILINGS_MAX_PER_HOUR="1000000",
        )
        subprocess.run([GONGKAI, "init"], env=env, check=True, capture_output=True)
        subprocess.run(
            [
                GONGKAI,
                "agency",
                "create",
                "--code",
                AGENCY_CODE,
                "--name",
                "故障演练区人民政府办公室",
            ],
            env=env,
            check=True,
            capture_output=True,
        )
        port = free_port()
        site.env, site.port = env, port
        site.start()

        load = Load()
        markers = iter(f"F{i:06d}" for i in range(args.total))
        queue_lock = threading.Lock()
        deadline = time.monotonic() + args.deadline

        def client() -> None:
            while True:
                with queue_lock:
                    marker = next(markers, None)
                if marker is None:
                    return
                file_one(port, marker, int(marker[1:]) % 4 == 0, load, deadline)

        faults: list[dict[str, object]] = []

        def at(label: str, action: object) -> None:
            started = time.monotonic()
            detail = action() if callable(action) else None  # type: ignore[operator]
            faults.append(
                {
                    "fault": label,
                    "filed_before": len(load.receipts),
                    "detail": detail,
                    "took_s": round(time.monotonic() - started, 1),
                }
            )

        def outage_redis() -> None:
            redis.crash()
            time.sleep(args.outage)
            redis.start()

        def outage_disk() -> None:
            filler = fill(private)
            time.sleep(args.outage)
            filler.unlink()

        def restart_site() -> None:
            site.kill_all()
            time.sleep(2)
            site.start()

        schedule = [
            (
                "kill -9 gunicorn worker",
                lambda: site.kill_one(web=True),
            ),
            ("kill -9 task worker", lambda: site.kill_one(web=False)),
            ("PostgreSQL restart", postgres.restart),
            (f"Redis down {args.outage}s", outage_redis),
            (f"private volume full {args.outage}s", outage_disk),
            ("kill -9 gongkai serve, restart", restart_site),
        ]
        started = time.monotonic()
        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for thread in threads:
            thread.start()
        for index, (label, action) in enumerate(schedule, start=1):
            while len(load.receipts) < args.total * index // (len(schedule) + 1):
                if time.monotonic() > deadline:
                    break
                time.sleep(0.1)
            at(label, action)
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started

        # The queue drains: every applicant's 已提交 e-mail, however the faults fell. Counted
        # by receipt, not by mail: a duplicate must not end the wait for a missing one.
        drain_deadline = time.monotonic() + args.drain
        while time.monotonic() < drain_deadline:
            with sink.lock:
                mailed_now = {m.group(1) for s in sink.subjects if (m := RECEIPT_RE.search(s))}
            if mailed_now >= set(load.receipts.values()):
                break
            time.sleep(1)
        time.sleep(3)
        verify = subprocess.run(
            [sys.executable, "-c", VERIFY],
            env={**env, "DJANGO_SETTINGS_MODULE": "gongkai.settings"},
            input=json.dumps({"receipts": load.receipts, "with_proof": sorted(load.with_proof)}),
            capture_output=True,
            text=True,
            check=True,
        )
        verdict = json.loads(verify.stdout)
        receipts = set(verdict.pop("receipt_by_marker").values())
        mailed = Counter(m.group(1) for s in sink.subjects if (m := RECEIPT_RE.search(s)))
        return {
            "total": args.total,
            "clients": args.clients,
            "elapsed_s": round(elapsed, 1),
            "faults": faults,
            "client_saw": dict(load.statuses),
            "clear_reasons_shown": dict(load.reasons),
            "clients_gave_up": len(load.gave_up),
            **verdict,
            "notices_missing": len(receipts - set(mailed)),
            "notices_duplicated": sum(1 for n in mailed.values() if n > 1),
            "load_after": os.getloadavg(),
        }
    finally:
        if site.process is not None and site.process.poll() is None:
            site.kill_all()
        sink.shutdown()
        if redis.process is not None and redis.process.poll() is None:
            redis.crash()
        with contextlib.suppress(subprocess.CalledProcessError):
            postgres.stop()
        subprocess.run(["umount", "-l", str(private)], check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--total", type=int, default=1500)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--outage", type=float, default=10.0)
    parser.add_argument("--disk-mb", type=int, default=64)
    parser.add_argument("--deadline", type=float, default=1800.0)
    parser.add_argument("--drain", type=float, default=300.0)
    args = parser.parse_args()
    print(json.dumps(run(args), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
