"""Mirror huey's task signals into JobRun rows, with the lease of a running job."""

from __future__ import annotations

import traceback
from typing import Any

from django.db import close_old_connections, connection
from django.utils import timezone
from huey import signals as S
from huey.api import Huey, Task

from gongkai.jobs import leases
from gongkai.jobs.models import JobRun

# This run is over (its retry, if any, is huey's own): no lease, nothing to re-queue.
_RUN_ENDS = {
    S.SIGNAL_COMPLETE,
    S.SIGNAL_ERROR,
    S.SIGNAL_RETRYING,
    S.SIGNAL_TIMEOUT,
    S.SIGNAL_EXPIRED,
    S.SIGNAL_REVOKED,
    S.SIGNAL_CANCELED,
}


def _record(queue: Huey, signal: str, task: Task, exc: BaseException | None = None) -> None:
    # A long-lived worker must drop stale connections; an immediate queue runs
    # inside the caller's transaction, whose connection must be left alone.
    if not connection.in_atomic_block:
        close_old_connections()
    now = timezone.now()
    run, _ = JobRun.objects.get_or_create(
        task_id=str(task.id),
        defaults={
            "name": task.name,
            "arguments": [repr(arg)[:200] for arg in (task.args or ())],
            "status": JobRun.Status.QUEUED,
            "enqueued_at": now,
            "retries_left": task.retries or 0,
            "queue": queue.name,
        },
    )
    if signal == S.SIGNAL_EXECUTING:
        run.status = JobRun.Status.RUNNING
        run.attempts += 1
        run.started_at = now
        run.worker = leases.worker_name()
        run.queue = queue.name
        # Kept while it runs: the task as it stands (retries left), to re-queue it from.
        run.message = queue.serialize_task(task)
        run.lease_until = now + leases.lease_length()
        leases.started(str(task.id))
    elif signal == S.SIGNAL_INTERRUPTED:
        # The worker is stopping with this job unfinished (huey never re-queues it): the
        # lease ends now, and the next round of any worker's reaper re-queues it.
        leases.ended(str(task.id))
        run.lease_until = now
        run.last_error = "执行进程停止时任务尚未完成，将重新排队。"
    elif signal == S.SIGNAL_COMPLETE:
        run.status = JobRun.Status.SUCCEEDED
        run.finished_at = now
    elif signal == S.SIGNAL_RETRYING:
        # huey emits RETRYING before it decrements ``retries`` for the requeue.
        run.status = JobRun.Status.RETRYING
        run.retries_left = max((task.retries or 0) - 1, 0)
    elif signal in {S.SIGNAL_ERROR, S.SIGNAL_TIMEOUT}:
        run.last_error = (
            "".join(traceback.format_exception(exc))[-4000:] if exc else f"任务中断：{signal}"
        )
        run.finished_at = now
        # With no retries left this error is final and must stay visible.
        run.retries_left = max((task.retries or 0) - 1, 0)
        run.status = JobRun.Status.RETRYING if task.retries else JobRun.Status.FAILED
    elif signal in {S.SIGNAL_EXPIRED, S.SIGNAL_REVOKED, S.SIGNAL_CANCELED}:
        run.status = JobRun.Status.FAILED
        run.last_error = f"任务未执行：{signal}"
        run.finished_at = now
    if signal in _RUN_ENDS:
        leases.ended(str(task.id))
        run.message = None
        run.lease_until = None
    run.save()


def connect_recorder(queue: Huey) -> None:
    def receiver(signal: str, task: Task, *args: Any) -> None:
        error = args[0] if args and isinstance(args[0], BaseException) else None
        _record(queue, signal, task, error)

    queue.signal(
        S.SIGNAL_ENQUEUED,
        S.SIGNAL_EXECUTING,
        S.SIGNAL_COMPLETE,
        S.SIGNAL_ERROR,
        S.SIGNAL_RETRYING,
        S.SIGNAL_TIMEOUT,
        S.SIGNAL_INTERRUPTED,
        S.SIGNAL_EXPIRED,
        S.SIGNAL_REVOKED,
        S.SIGNAL_CANCELED,
    )(receiver)
