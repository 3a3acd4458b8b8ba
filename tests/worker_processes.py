"""Real ``gongkai worker`` and ``gongkai serve`` processes on a throwaway home, for the
fault tests: started, killed with SIGKILL, and read back through their database.

``gongkai init`` takes most of a minute on a busy machine, so it runs once per module
(``initialised_home``) and each test works on a copy of that home.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[1]
POLL = 0.05  # seconds between polls; every wait is bounded


def wait_until(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(POLL)
    if not condition():
        pytest.fail(f"timed out after {timeout}s waiting for {what}")


def environment(home: Path, **extra: str) -> dict[str, str]:
    """The subprocesses' environment: this checkout's code, the home's own database and
    SQLite queue, and the test-only tasks of ``tests.jobapp``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GONGKAI_", "DJANGO_", "DATABASE_URL", "PYTHONPATH"))
    }
    env.update(
        GONGKAI_HOME=str(home),
        DATABASE_URL=f"sqlite:///{home}/gongkai.sqlite3",
        GONGKAI_TASKS_URL=f"sqlite:///{home}/tasks.sqlite3",
        GONGKAI_TASKS_IMMEDIATE="0",
        GONGKAI_SECRET_KEY="test-only-secret-key-for-the-worker-subprocess",
        GONGKAI_LOG_LEVEL="INFO",
        DJANGO_SETTINGS_MODULE="tests.worker_settings",
        PYTHONPATH=os.pathsep.join([str(REPO / "src"), str(REPO)]),
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def init_home(home: Path) -> None:
    init = subprocess.run(
        [str(BIN / "gongkai"), "init"],
        env=environment(home),
        cwd=home,
        capture_output=True,
        text=True,
        timeout=300,  # a ceiling against a hang: every migration runs, on a busy machine
    )
    assert init.returncode == 0, init.stderr


def copy_home(template: Path, home: Path) -> Path:
    shutil.copytree(template, home, dirs_exist_ok=True)
    return home


class Spawned:
    """A subprocess whose output goes to a file (a chatty process never blocks)."""

    def __init__(self, args: list[str], *, home: Path, log_name: str, **env: str) -> None:
        self.log_path = home / log_name
        self._log = self.log_path.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            args,
            env=environment(home, **env),
            cwd=home,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self._log.close()


def gongkai(*args: str) -> list[str]:
    return [str(BIN / "gongkai"), *args]


def python(code: str) -> list[str]:
    return [str(BIN / "python"), "-c", code]


def enqueue_command(*calls: str) -> list[str]:
    """Queue tasks of ``tests.jobapp.jobs`` from a separate process, as the web does."""
    return python(
        "\n".join(["import django", "django.setup()", "from tests.jobapp import jobs", *calls])
    )


def enqueue(home: Path, *calls: str) -> None:
    done = subprocess.run(
        enqueue_command(*calls),
        env=environment(home),
        cwd=home,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def job_runs(home: Path, name: str) -> list[dict[str, Any]]:
    with sqlite3.connect(f"file:{home}/gongkai.sqlite3?mode=ro", uri=True, timeout=5) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute(
            "SELECT * FROM jobs_jobrun WHERE name = ? ORDER BY id", (name,)
        ).fetchall()
    return [dict(row) for row in rows]


def effects(log: Path) -> list[tuple[float, str, str, int]]:
    """The lines the test tasks wrote: (time, what, token, pid)."""
    if not log.exists():
        return []
    parsed = []
    for line in log.read_text(encoding="utf-8").splitlines():
        stamp, what, token, pid = line.split()
        parsed.append((float(stamp), what, token, int(pid)))
    return parsed


def alive(pid: int) -> bool:
    from gongkai.jobs.leases import process_alive

    if not process_alive(pid):
        return False
    # A zombie still answers kill(0); it has exited all the same.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ", 1)[1].startswith("Z"))
