"""``gongkai serve``'s watch over its task worker: a worker that dies is started again.

Before, the server started the worker once and never looked again: when it died the
web kept answering while nothing was queued any more, publishing and reminders
included. Now a thread of the server waits on the worker and restarts it, after 1 s,
then 2, 4 … up to a minute while it keeps dying young (a worker that ran a minute
starts the count again), logging each death with its exit code or signal.

The worker is started with ``--wait`` (it queues behind any worker still holding its
queues, such as one still stopping) and dies with the server (gongkai.jobs.lifetime).
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import threading
import time
from collections.abc import Sequence

from gongkai.jobs.lifetime import PARENT_ENV

log = logging.getLogger(__name__)

FIRST_DELAY = 1.0
MAX_DELAY = 60.0
STEADY_AFTER = 60.0  # a worker that lived this long died of something new: back to 1 s
STOP_TIMEOUT = 10.0


def restart_delay(failures: int) -> float:
    """1, 2, 4 … seconds after the 1st, 2nd, 3rd … early death in a row; at most a minute."""
    return min(FIRST_DELAY * 2 ** (failures - 1), MAX_DELAY)


def how_it_ended(pid: int) -> str:
    """Block until child ``pid`` exits and say how, without reaping it.

    The server's gunicorn master reaps every child it is told of (``waitpid(-1)``),
    which would lose the exit status; WNOWAIT reads it first and leaves the reaping
    to whichever comes next.
    """
    try:
        ended = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
    except ChildProcessError:
        return "退出状态未知"
    if ended.si_code == os.CLD_EXITED:
        return f"退出码 {ended.si_status}"
    try:
        name = signal.Signals(ended.si_status).name
    except ValueError:
        name = str(ended.si_status)
    return f"被信号 {name} 终止"


class WorkerSupervisor(threading.Thread):
    def __init__(self, command: Sequence[str], *, label: str = "后台任务进程") -> None:
        super().__init__(name="WorkerSupervisor", daemon=True)
        self.command = list(command)
        self.label = label
        self.stopping = threading.Event()
        self.process: subprocess.Popen[bytes] | None = None
        self._starting = threading.Lock()  # stop() never races a start

    def run(self) -> None:
        failures = 0
        while True:
            with self._starting:
                if self.stopping.is_set():
                    return
                env = {**os.environ, PARENT_ENV: str(os.getpid())}
                # Started from this thread, which outlives the worker: Linux's parent-death
                # signal fires when the creating *thread* ends, not only the process.
                self.process = subprocess.Popen(self.command, env=env)
            started = time.monotonic()
            ended = how_it_ended(self.process.pid)
            self.process.poll()  # reap it, unless gunicorn already has
            if self.stopping.is_set():
                return
            failures = 1 if time.monotonic() - started >= STEADY_AFTER else failures + 1
            delay = restart_delay(failures)
            log.warning(
                "%s（pid %d）意外退出（%s），%g秒后重启（连续第%d次）。",
                self.label,
                self.process.pid,
                ended,
                delay,
                failures,
            )
            if self.stopping.wait(delay):
                return

    def stop(self) -> None:
        """Stop the worker: SIGTERM (its running jobs are re-queued at the next start)."""
        with self._starting:
            self.stopping.set()
        process = self.process
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
