"""How long a worker process lives: alone on its queues, and no longer than its server.

One consumer per queue per home (``lock_queues``): a second worker on the same home
refuses, or waits with ``--wait``. A worker started by ``gongkai serve`` dies with it
(``die_with_server``), so a killed server leaves no orphan consuming the queue.

Only the standard library here: ``die_with_server`` runs before Django is set up.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

# Set by ``gongkai serve`` for the worker it starts: the pid the worker must die with.
PARENT_ENV = "GONGKAI_WORKER_PARENT"
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


class QueueBusy(Exception):
    """Another worker consumes this queue on this home."""


def lock_queues(
    home: Path, names: Sequence[str], *, wait: bool, say: Callable[[str], None]
) -> list[IO[str]]:
    """Hold ``worker.<queue>.lock`` under the home for each queue, for the process's life.

    A second consumer of the same queue would run periodic jobs twice and race the
    first for every task; after ``kill -9`` of ``gongkai serve`` the orphaned worker
    and the restarted server's worker did exactly that. ``flock`` is released by the
    kernel when the holder dies, however it dies, so a stale lock cannot exist.
    """
    held = []
    for name in names:
        handle = (home / f"worker.{name}.lock").open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "未知"
            busy = (
                f"另一个后台任务进程（pid {holder}）正在处理本实例（{home}）的队列“{name}”，"
                "同一实例的每个队列只能由一个后台任务进程处理。"
            )
            if not wait:
                raise QueueBusy(f"{busy}请先停止该进程，或加 --wait 等它退出后再启动。") from None
            say(f"{busy}等待它退出……")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.truncate(0)
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        held.append(handle)
    return held


def die_with_server() -> None:
    """End this process when the ``gongkai serve`` that started it ends, if one did.

    On Linux the kernel sends SIGTERM when the parent dies, even by SIGKILL
    (PR_SET_PDEATHSIG); elsewhere a thread watches for the parent to change. A parent
    gone before this runs is noticed at once: the worker is then adopted already.
    """
    if not os.environ.get(PARENT_ENV):
        return  # started by hand or by a service manager: lives on its own
    parent_pid = int(os.environ[PARENT_ENV])
    if os.getppid() != parent_pid:
        sys.exit("启动本后台任务进程的 gongkai serve 已退出。")
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM) == 0:
            if os.getppid() != parent_pid:  # died between the check and prctl
                sys.exit("启动本后台任务进程的 gongkai serve 已退出。")
            return

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(1)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="ParentWatch", daemon=True).start()
