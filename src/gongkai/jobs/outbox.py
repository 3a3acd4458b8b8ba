"""The job outbox: a job asked for by a transaction is a JobRun row of that transaction.

Pushing a task to huey from ``transaction.on_commit`` lost it whenever the broker was
away at that moment: the push failed after the commit, was only logged, and nothing
remembered the job (33, then 18 applicants' 已提交 mails in the fault runs, README
故障演练). Now ``enqueue_on_commit`` writes the request, with the task's message, in
the caller's transaction: it commits or rolls back with the caller's data. After the
commit the task is pushed; a push that fails leaves the row 待发送, and every worker's
reaper (gongkai.jobs.leases) pushes such rows again once the broker answers, and at
its start.

A row may thus be pushed twice (the push reached the broker but its answer did not
reach us, or two reapers pushed at once); the recorder runs a message only if it
claims the row (gongkai.jobs.recorder), so the job itself runs once.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from huey import Huey
from huey.api import Task, TaskWrapper

from gongkai.audit.services import record
from gongkai.jobs.models import JobRun

log = logging.getLogger(__name__)

# A pending row younger than this is left to the push its own commit makes.
PUSH_GRACE = timedelta(seconds=5)


def enqueue_on_commit(job: TaskWrapper, *args: Any) -> JobRun:
    """Ask for ``job(*args)`` in the current transaction; it is pushed once that commits.

    Every "run this job after the commit" goes through here, so a committed request
    is never lost to a broker that is away, and a rolled-back one never runs. Outside
    a transaction the row is written and pushed at once.
    """
    queue = job.huey
    task = job.s(*args)
    run = JobRun.objects.create(
        task_id=str(task.id),
        name=task.name,
        arguments=[repr(arg)[:200] for arg in args],
        status=JobRun.Status.PENDING,
        enqueued_at=timezone.now(),
        retries_left=task.retries or 0,
        queue=queue.name,
        message=queue.serialize_task(task),
    )
    transaction.on_commit(lambda: push(task, queue=queue))
    return run


def push(task: Task, *, queue: Huey) -> bool:
    """Put a pending row's task on its queue; False, with the row still pending, if refused.

    Never raises: it runs after the commit, when the caller's work is already done.
    """
    task_id = str(task.id)
    try:
        queue.enqueue(task)
    except Exception as error:  # the broker is away: the row waits for the reaper
        reason = f"{type(error).__name__}: {error}"[:500]
        log.warning("后台任务 %s（%s）暂未送入任务队列：%s", task.name, task_id, reason)
        try:
            JobRun.objects.filter(task_id=task_id, status=JobRun.Status.PENDING).update(
                last_error=f"送入任务队列失败（{_local(timezone.now())}）：{reason}；"
                "后台任务进程将在队列恢复后重新发送。"
            )
        except Exception:
            log.exception("后台任务 %s（%s）的发送失败无法记录", task.name, task_id)
        return False
    try:
        # Only while still pending: a worker may already have claimed or finished it.
        JobRun.objects.filter(task_id=task_id, status=JobRun.Status.PENDING).update(
            status=JobRun.Status.QUEUED, last_error=""
        )
    except Exception:  # stays pending and is pushed again: the recorder skips the copy
        log.exception("后台任务 %s（%s）已送入队列，但记录未能更新", task.name, task_id)
    return True


def push_pending(*, now: datetime, queues: Mapping[str, Huey]) -> list[JobRun]:
    """Push the rows still pending ``PUSH_GRACE`` after their request, oldest first.

    A queue whose broker refuses a push is left until the next round; a message no
    longer readable (the task was renamed or removed) fails its row, saying why.
    """
    pushed: list[JobRun] = []
    refused: set[str] = set()
    pending = JobRun.objects.filter(
        status=JobRun.Status.PENDING,
        enqueued_at__lte=now - PUSH_GRACE,
        queue__in=list(queues),
    ).order_by("enqueued_at", "id")
    for run in pending:
        if run.queue in refused:
            continue
        task, unreadable = task_of(run, queues[run.queue])
        if task is None:
            error = f"待发送，但{unreadable}，无法送入任务队列，任务失败。"
            with transaction.atomic():
                if JobRun.objects.filter(pk=run.pk, status=JobRun.Status.PENDING).update(
                    status=JobRun.Status.FAILED, last_error=error, message=None, finished_at=now
                ):
                    record(action="job.abandon", summary=f"后台任务“{run.name}”：{error}", obj=run)
            log.error("后台任务 %s（%s）：%s", run.name, run.task_id, error)
            continue
        if push(task, queue=queues[run.queue]):
            log.warning("后台任务 %s（%s）已重新送入任务队列", run.name, run.task_id)
            pushed.append(run)
        else:
            refused.add(run.queue)
    return pushed


def task_of(run: JobRun, queue: Huey) -> tuple[Any, str]:
    """The task a row's message holds, or why there is none (saying it, not guessing)."""
    if not run.message:
        return None, "记录中没有任务消息（升级前开始执行的任务）"
    try:
        return queue.deserialize_task(bytes(run.message)), ""
    except Exception as error:  # e.g. the task was renamed or removed since
        return None, f"任务消息无法读取（{type(error).__name__}: {error}）"


def _local(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")
