"""Bench: how long a job is lost when its worker is killed, by hand and under serve.

On a fresh home (SQLite database and queue), ``--rounds`` times each:

* worker: ``gongkai worker`` runs a job (tests.jobapp's ``write_once``), is SIGKILLed
  mid-job, and is started again by hand; measured: kill → the job starts again, and
  how much of that is the new worker's start-up.
* serve: ``gongkai serve``'s worker is SIGKILLed mid-job; the server restarts it;
  measured: kill → restarted worker up → the job starts again.

Each round also checks the job's effect happened once. Prints JSON with the machine's
load. Loopback only (serve listens on 127.0.0.1), bounded waits.

    .venv/bin/python bench/job_faults.py --rounds 3
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.test_job_faults import STARTED, free_port  # noqa: E402
from tests.worker_processes import (  # noqa: E402
    Spawned,
    copy_home,
    effects,
    enqueue,
    gongkai,
    init_home,
    wait_until,
)


def _starts(log: Path, token: str) -> list[float]:
    return [at for at, what, t, _ in effects(log) if (what, t) == ("start", token)]


def _kill_mid_job(home: Path, log: Path, token: str, worker_pid: int) -> float:
    enqueue(home, f"jobs.write_once({str(log)!r}, {token!r}, 300)")
    wait_until(lambda: _starts(log, token), timeout=60, what="the job to start")
    os.kill(worker_pid, signal.SIGKILL)
    return time.time()


def _await_rerun(log: Path, token: str, restarted: Callable[[], bool]) -> tuple[float, float]:
    """When the worker was up again and when the job started again; checks it ran once."""
    wait_until(restarted, timeout=120, what="the worker to be up again")
    up = time.time()
    wait_until(lambda: len(_starts(log, token)) == 2, timeout=120, what="the re-run")
    _check_once(log, token)
    return up, _starts(log, token)[1]


def _check_once(log: Path, token: str) -> None:
    wait_until(
        lambda: any((w, t) == ("done", token) for _, w, t, _ in effects(log)),
        timeout=60,
        what="the re-run to finish",
    )
    done = [1 for _, w, t, _ in effects(log) if (w, t) == ("done", token)]
    assert len(done) == 1 and len(_starts(log, token)) == 2, effects(log)


def worker_round(home: Path, n: int) -> dict[str, float]:
    log = home / f"worker-{n}.log"
    first = Spawned(gongkai("worker"), home=home, log_name=f"w{n}a.out")
    wait_until(lambda: STARTED in first.output(), timeout=120, what="the worker")
    killed = _kill_mid_job(home, log, f"w{n}", first.pid)
    first.stop()
    spawned = time.time()
    second = Spawned(gongkai("worker"), home=home, log_name=f"w{n}b.out")
    try:
        up, rerun = _await_rerun(log, f"w{n}", lambda: STARTED in second.output())
    finally:
        second.stop()
    return {
        "kill_to_rerun_s": rerun - killed,
        "worker_startup_s": up - spawned,
        "up_to_rerun_s": rerun - up,
    }


def serve_round(home: Path, n: int) -> dict[str, float]:
    log = home / f"serve-{n}.log"
    serve = Spawned(
        gongkai("serve", "--port", str(free_port()), "--workers", "1"),
        home=home,
        log_name=f"s{n}.out",
    )
    lock = home / "worker.gongkai.lock"
    try:
        wait_until(lambda: STARTED in serve.output(), timeout=120, what="serve's worker")
        killed = _kill_mid_job(home, log, f"s{n}", int(lock.read_text()))
        up, rerun = _await_rerun(log, f"s{n}", lambda: serve.output().count(STARTED) == 2)
    finally:
        serve.stop()
    return {"kill_to_worker_up_s": up - killed, "kill_to_rerun_s": rerun - killed}


def _summary(rounds: list[dict[str, float]]) -> dict[str, dict[str, float]]:
    return {
        key: {
            "median": round(statistics.median(r[key] for r in rounds), 2),
            "max": round(max(r[key] for r in rounds), 2),
        }
        for key in rounds[0]
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-faults-") as tmp:
        template = Path(tmp) / "template"
        template.mkdir()
        init_home(template)
        results: dict[str, list[dict[str, float]]] = {"worker": [], "serve": []}
        load_before = os.getloadavg()
        for n in range(args.rounds):
            home = copy_home(template, Path(tmp) / f"home-{n}")
            results["worker"].append(worker_round(home, n))
            results["serve"].append(serve_round(home, n))
        print(
            json.dumps(
                {
                    "rounds": args.rounds,
                    "load_before": [round(x, 2) for x in load_before],
                    "load_after": [round(x, 2) for x in os.getloadavg()],
                    "worker": _summary(results["worker"]),
                    "serve": _summary(results["serve"]),
                },
                ensure_ascii=False,
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
