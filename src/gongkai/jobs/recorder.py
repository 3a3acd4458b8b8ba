"""Mirror huey's task signals into JobRun rows, with the lease of a running job.

A message runs only if it claims its row (``_claim``): the outbox (gongkai.jobs.outbox)
may push a job twice, and the copy whose row is already running or finished is
skipped. huey emits EXECUTING before it runs the pre-execute hooks, so the claim is
made in the EXECUTING receiver and the hook (``_skip_unclaimed``) cancels the copy
that lost it, in the same worker thread.
"""

from __future__ import annotations

import logging
import threading
import traceback
from datetime import datetime
from typing import Any

from django.db import close_old_connections, connection
from django.db.models import F
from django.utils import timezone
from huey import signals as S
from huey.api import Huey, Task
from huey.exceptions import CancelExecution

from gongkai.jobs import leases
from gongkai.jobs.models import JobRun

log = logging.getLogger(__name__)

# A message may run from these; a running or finished row means this message is a copy.
_CLAIMABLE = (JobRun.Status.PENDING, JobRun.Status.QUEUED, JobRun.Status.RETRYING)

# The task id whose message this worker thread is skipping (EXECUTING → hook → CANCELED).
_skipping = threading.local()

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
    if signal == S.SIGNAL_EXECUTING:
        _skipping.task_id = None
    elif signal == S.SIGNAL_CANCELED and getattr(_skipping, "task_id", None) == str(task.id):
        _skipping.task_id = None  # the skipped copy: its row belongs to the run that has it
        return
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
    if signal == S.SIGNAL_ENQUEUED:
        return  # the row exists now; an outbox row stays 待发送 until the push succeeds
    if signal == S.SIGNAL_EXECUTING:
        if not _claim(queue, task, run, now=now):
            _skipping.task_id = str(task.id)
            log.warning(
                "后台任务 %s（%s）已在执行或已结束（%s），重复送达的这一份不再执行",
                task.name,
                task.id,
                JobRun.objects.get(pk=run.pk).get_status_display(),
            )
        return
    if signal == S.SIGNAL_INTERRUPTED:
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


def _claim(queue: Huey, task: Task, run: JobRun, *, now: datetime) -> bool:
    """Mark the row running for this message, unless another message already has it.

    One conditional UPDATE, so of two copies taken at once by two workers one wins.
    """
    claimed = JobRun.objects.filter(pk=run.pk, status__in=_CLAIMABLE).update(
        status=JobRun.Status.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        worker=leases.worker_name(),
        queue=queue.name,
        # Kept while it runs: the task as it stands (retries left), to re-queue it from.
        message=queue.serialize_task(task),
        lease_until=now + leases.lease_length(),
    )
    if claimed:
        leases.started(str(task.id))
    return bool(claimed)


def _skip_unclaimed(task: Task) -> None:
    """huey's pre-execute hook: a copy whose row another message holds does not run."""
    if getattr(_skipping, "task_id", None) == str(task.id):
        raise CancelExecution(retry=False)


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
    queue.pre_execute("skip_unclaimed")(_skip_unclaimed)
