"""The ``gongkai worker`` process: one huey consumer per queue, stopped together.

huey's ``Consumer.run`` drives a single queue; the worker runs the main and the batch
queue side by side, each with threads of its own, so the signal handling and the
health checks that ``run`` would do are done here once for both.

Signals: SIGINT (Ctrl+C) stops gracefully, letting running jobs finish for up to
``SHUTDOWN_SECONDS``; SIGTERM and SIGHUP stop at once. A job cut short either way is
re-queued from its JobRun row (gongkai.jobs.leases).
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from huey import Huey

from gongkai.jobs.leases import Reaper, keep_leases
from gongkai.jobs.lifetime import lock_queues

SHUTDOWN_SECONDS = 30
# An idle worker looks at the queue at least this often (huey's default is 10 s):
# a job queued while the worker idles starts within 2 s.
MAX_POLL_SECONDS = 2.0
HEALTH_CHECK_SECONDS = 10.0


@dataclass(frozen=True)
class QueueWork:
    queue: Huey
    threads: int


def consume(
    work: Sequence[QueueWork], *, worker_type: str, started: Callable[[], None] = lambda: None
) -> None:
    """Run a consumer for each queue until a signal stops them all.

    ``started`` runs once every consumer is up (the reaper starts there).
    """
    consumers = [
        item.queue.create_consumer(
            workers=item.threads,
            worker_type=worker_type,
            max_delay=MAX_POLL_SECONDS,
            shutdown_timeout=SHUTDOWN_SECONDS,
        )
        for item in work
    ]
    received: list[int] = []
    stopping = threading.Event()

    def on_signal(signum: int, _frame: object) -> None:
        received.append(signum)
        stopping.set()
        # A second Ctrl+C during a graceful stop interrupts the jobs still running.
        signal.signal(signal.SIGINT, signal.default_int_handler)

    for consumer in consumers:
        consumer.start()  # installs huey's handlers for its own queue: replaced below
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, on_signal)
    started()
    checked = time.monotonic()
    while not stopping.wait(0.5):
        if time.monotonic() - checked >= HEALTH_CHECK_SECONDS:
            checked = time.monotonic()
            for consumer in consumers:
                consumer.check_worker_health()  # a thread that died is replaced
    graceful = received[0] == signal.SIGINT
    for consumer in consumers:  # none takes new work while the others stop
        consumer.stop_flag.set()
    for consumer in consumers:
        consumer.stop(graceful=graceful)
    for consumer in consumers:
        consumer.huey.notify_interrupted_tasks()


def run_worker(
    threads: Mapping[str, int], *, worker_type: str, wait: bool, say: Callable[[str], None]
) -> None:
    """Lock, then consume the named queues (``main``, ``batch``) with these many threads.

    The reaper watches every queue's leases, so any worker re-queues any queue's runs
    whose worker died.
    """
    from django.conf import settings

    from gongkai.jobs.queue import QUEUES

    work = [QueueWork(QUEUES[name], count) for name, count in threads.items()]
    held = lock_queues(settings.HOME, [item.queue.name for item in work], wait=wait, say=say)
    say(describe(work, worker_type))
    for item in work:
        item.queue.on_startup("keep_leases")(keep_leases)
    reaper = Reaper(queues={queue.name: queue for queue in QUEUES.values()})
    consume(work, worker_type=worker_type, started=reaper.start)
    reaper.stop()
    for handle in held:
        handle.close()


def describe(work: Sequence[QueueWork], worker_type: str) -> str:
    queues = "、".join(f"{item.queue.name}（{item.threads}个{worker_type}）" for item in work)
    storage = type(work[0].queue).__name__
    return f"后台任务进程已启动：队列{queues}，存储：{storage}"
