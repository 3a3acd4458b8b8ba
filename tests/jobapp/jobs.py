"""Tasks only the fault tests queue; each leaves its effect as lines in a file.

Loaded by worker processes started with ``tests.worker_settings``, never by the test
process itself (whose queue runs tasks inline).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from gongkai.jobs.queue import job


def _note(path: str, line: str) -> None:
    with Path(path).open("a", encoding="utf-8") as log:
        log.write(f"{time.time():.3f} {line} {os.getpid()}\n")


def _lines(path: str) -> list[str]:
    log = Path(path)
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


@job(retries=2, retry_delay=0)
def write_once(path: str, token: str, first_seconds: float) -> str:
    """Idempotent, as every task must be: the effect is written only if it is not there.

    Each start is noted (the test counts attempts); only the first attempt lingers,
    long enough for the test to kill its worker.
    """
    first = not any(f" start {token} " in line for line in _lines(path))
    _note(path, f"start {token}")
    if first:
        time.sleep(first_seconds)
    if not any(f" done {token} " in line for line in _lines(path)):
        _note(path, f"done {token}")
    return "written"


@job(batch=True, retries=0)
def hold_batch(path: str, token: str, seconds: float) -> str:
    """Long batch work: holds a batch thread for ``seconds``."""
    _note(path, f"start {token}")
    time.sleep(seconds)
    _note(path, f"done {token}")
    return "held"


@job(retries=0)
def note(path: str, token: str) -> str:
    """Short clock-bound work (as scheduled publishing is)."""
    _note(path, f"done {token}")
    return "noted"
