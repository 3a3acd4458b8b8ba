"""Leases on running jobs, so a job whose worker died is run again instead of lost.

huey removes a task from the queue before running it: a worker killed mid-job (the
OOM killer, a power cut, ``kill -9``) took the task with it, and its JobRun row stayed
执行中 for ever. Now the row of a running job holds the task's message and a lease
(``lease_until``) that the process running it renews every ``renew_interval()``
seconds (``keep_leases``). A lease that has run out means the worker is gone (or
stopped with the job unfinished); any worker's ``Reaper`` then re-queues the task from
its message, counting the lost run as a failed attempt, or marks it failed when no
retries are left.

A task may therefore run again after a run that did part of its work, or, should a
worker stall for a whole lease without dying, beside it: every task must be
idempotent (README, 后台任务).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Mapping
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections, connections, transaction
from django.utils import timezone
from huey import Huey

from gongkai.audit.services import record
from gongkai.jobs.models import JobRun
from gongkai.jobs.outbox import push_pending, task_of

log = logging.getLogger(__name__)

_in_flight: set[str] = set()  # task ids this process is running now
_in_flight_lock = threading.Lock()
_renewing_in: int | None = None  # the pid whose renewer thread runs (forks start their own)


def worker_name() -> str:
    """host:pid:thread, as JobRun.worker shows it (and as dead workers are found by)."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.current_thread().name}"[:100]


def lease_length() -> timedelta:
    return timedelta(seconds=settings.GONGKAI_JOB_LEASE_SECONDS)


def renew_interval() -> float:
    """Four renewals a lease: a lease expires only after four missed renewals."""
    return settings.GONGKAI_JOB_LEASE_SECONDS / 4


def started(task_id: str) -> None:
    with _in_flight_lock:
        _in_flight.add(task_id)


def ended(task_id: str) -> None:
    with _in_flight_lock:
        _in_flight.discard(task_id)


def renew_leases(*, now: datetime) -> int:
    with _in_flight_lock:
        running = list(_in_flight)
    if not running:
        return 0
    return JobRun.objects.filter(task_id__in=running, status=JobRun.Status.RUNNING).update(
        lease_until=now + lease_length()
    )


def expire_dead_local_runs(*, now: datetime) -> int:
    """End at once the leases of runs whose worker, on this machine, is no longer alive.

    A worker restarted after a crash need not wait out its predecessor's leases. Only
    a process known dead counts: a reused pid looks alive, and its runs then wait for
    their lease like any other.
    """
    host = socket.gethostname()
    running = JobRun.objects.filter(status=JobRun.Status.RUNNING, worker__startswith=f"{host}:")
    dead = {
        worker.split(":")[1]
        for worker in running.values_list("worker", flat=True)
        if not process_alive(int(worker.split(":")[1]))
    }
    expired = 0
    for pid in dead:
        expired += running.filter(worker__startswith=f"{host}:{pid}:", lease_until__gt=now).update(
            lease_until=now
        )
    return expired


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def requeue_expired_runs(*, now: datetime, queues: Mapping[str, Huey]) -> list[JobRun]:
    """Re-queue (or, with no retries left, fail) each run whose lease ran out.

    Each run is claimed by a conditional UPDATE, so two workers reaping at once
    re-queue it once. The queue write happens inside the transaction: if it fails, the
    claim is undone and the next round tries again, rather than leaving a row that
    says 等待重试 for a task that is nowhere.
    """
    handled = []
    for run in JobRun.objects.expired(now=now).filter(queue__in=list(queues)):
        lost = (
            f"执行进程（{run.worker or '未知'}）中断，任务未完成"
            f"（租约于{_local(run.lease_until)}到期）"
        )
        task, unreadable = task_of(run, queues[run.queue])
        with transaction.atomic():
            if task is not None and task.retries > 0:
                task.retries -= 1
                status, error = JobRun.Status.RETRYING, f"{lost}；已重新排队。"
            elif task is not None:
                status, error = JobRun.Status.FAILED, f"{lost}；没有剩余重试次数，任务失败。"
            else:
                status, error = JobRun.Status.FAILED, f"{lost}；{unreadable}，无法重新排队。"
            claimed = JobRun.objects.filter(
                pk=run.pk, status=JobRun.Status.RUNNING, lease_until=run.lease_until
            ).update(
                status=status,
                last_error=error,
                retries_left=task.retries if task is not None else 0,
                lease_until=None,
                message=None,
                finished_at=now if status == JobRun.Status.FAILED else None,
            )
            if not claimed:  # renewed, finished or reaped by another worker meanwhile
                continue
            run.refresh_from_db()
            record(
                action="job.requeue" if status == JobRun.Status.RETRYING else "job.abandon",
                summary=f"后台任务“{run.name}”：{error}",
                obj=run,
            )
            if status == JobRun.Status.RETRYING:
                queues[run.queue].enqueue(task)
        log.warning("后台任务 %s（%s）：%s", run.name, run.task_id, error)
        handled.append(run)
    return handled


def _local(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S") if moment else "未知时间"


def keep_leases() -> None:
    """Renew the leases of the jobs this process runs, from a thread of its own.

    Registered as huey's startup hook, which runs in each worker thread, or in each
    forked worker process with ``--type process``: the renewal must live where the
    jobs run, so a worker process that dies stops renewing exactly its own jobs.
    """
    global _renewing_in
    with _in_flight_lock:
        if _renewing_in == os.getpid():
            return
        _renewing_in = os.getpid()
    threading.Thread(target=_renew_forever, name="LeaseRenewer", daemon=True).start()


def _renew_forever() -> None:
    while True:
        time.sleep(renew_interval())
        close_old_connections()
        try:
            renew_leases(now=timezone.now())
        except Exception:  # a locked database now is no reason to stop renewing
            log.exception("后台任务租约续期失败")


class Reaper(threading.Thread):
    """Re-queues the runs whose lease ran out, and pushes the jobs still waiting in the
    outbox (gongkai.jobs.outbox), in every worker, every renewal interval.

    The first round runs at once and first ends the leases of dead workers on this
    machine, so a worker (re)started after a crash picks up at start what its
    predecessor left.
    """

    def __init__(self, *, queues: Mapping[str, Huey]) -> None:
        super().__init__(name="Reaper", daemon=True)
        self.queues = dict(queues)
        self.stopping = threading.Event()

    def run(self) -> None:
        from gongkai.audit.context import SYSTEM, acting

        first = True
        while True:
            close_old_connections()
            try:
                with acting(actor=SYSTEM, channel="task"):
                    now = timezone.now()
                    if first:
                        expire_dead_local_runs(now=now)
                        first = False
                    requeue_expired_runs(now=now, queues=self.queues)
                    push_pending(now=now, queues=self.queues)
            except Exception:  # a locked database now is no reason to stop
                log.exception("后台任务重新排队失败")
            if self.stopping.wait(renew_interval()):
                connections.close_all()  # this thread's own
                return

    def stop(self) -> None:
        self.stopping.set()
