"""Leases on running jobs: a run whose worker died is re-queued once, or failed when no
retries are left, and the operator sees it as 疑似卡住 until then."""

from __future__ import annotations

import os
import socket
import subprocess
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from huey import Huey

from gongkai.audit.models import AuditEntry
from gongkai.jobs.leases import expire_dead_local_runs, requeue_expired_runs
from gongkai.jobs.models import JobRun
from gongkai.jobs.queue import build_queue
from tests.test_jobs import running_consumer, unique_name, wait_until

NOW = timezone.now()


@pytest.fixture
def queue(tmp_path: Path) -> Huey:
    return build_queue(f"sqlite:///{tmp_path}/q.sqlite3", name=unique_name("leases"))


def orphaned_run(queue: Huey, task: Any, *, lease_until: Any, worker: str) -> JobRun:
    """The row a worker leaves when it dies mid-job: 执行中, with the task's message."""
    return JobRun.objects.create(
        task_id=str(task.id),
        name=task.name,
        queue=queue.name,
        status=JobRun.Status.RUNNING,
        attempts=1,
        retries_left=task.retries,
        started_at=NOW - timedelta(minutes=5),
        lease_until=lease_until,
        worker=worker,
        message=queue.serialize_task(task),
    )


def test_an_expired_run_is_requeued_once_and_then_runs(transactional_db: None, queue: Huey) -> None:
    effects: list[str] = []

    @queue.task(retries=2)
    def publish_due_entries() -> None:
        effects.append("published")

    task = publish_due_entries.s()
    run = orphaned_run(queue, task, lease_until=NOW - timedelta(seconds=1), worker="gone:1:W")

    assert list(JobRun.objects.stuck(now=NOW)) == [run]
    first = requeue_expired_runs(now=NOW, queues={queue.name: queue})
    again = requeue_expired_runs(now=NOW, queues={queue.name: queue})  # a second worker's beat
    assert [r.pk for r in first] == [run.pk] and again == []
    assert queue.pending_count() == 1

    run.refresh_from_db()
    assert run.status == JobRun.Status.RETRYING
    assert run.retries_left == 1  # the lost run counts as a failed attempt
    assert "执行进程（gone:1:W）中断" in run.last_error and "已重新排队" in run.last_error
    assert run.message is None and run.lease_until is None
    assert not JobRun.objects.stuck(now=NOW).exists()
    entry = AuditEntry.objects.get(action="job.requeue")
    assert entry.object_id == str(run.pk) and entry.actor_name == "系统"

    with running_consumer(queue, workers=1):
        wait_until(
            lambda: JobRun.objects.get(pk=run.pk).status == JobRun.Status.SUCCEEDED,
            timeout=20,
            what="the re-queued run to succeed",
        )
    run.refresh_from_db()
    assert run.attempts == 2 and effects == ["published"]
    assert run.message is None and run.lease_until is None


def test_an_expired_run_without_retries_fails_visibly(transactional_db: None, queue: Huey) -> None:
    @queue.task(retries=0)
    def audit_reports() -> None:
        raise AssertionError("must not run again")

    run = orphaned_run(
        queue, audit_reports.s(), lease_until=NOW - timedelta(seconds=1), worker="gone:1:W"
    )
    requeue_expired_runs(now=NOW, queues={queue.name: queue})
    run.refresh_from_db()
    assert run.status == JobRun.Status.FAILED
    assert "没有剩余重试次数" in run.last_error
    assert run.finished_at == NOW
    assert queue.pending_count() == 0
    assert AuditEntry.objects.filter(action="job.abandon").count() == 1
    assert JobRun.objects.failed().get() == run


def test_a_run_that_cannot_be_rebuilt_fails_with_the_reason(
    transactional_db: None, queue: Huey
) -> None:
    @queue.task(retries=2)
    def renamed_since() -> None: ...

    expired = NOW - timedelta(seconds=1)
    garbled = orphaned_run(queue, renamed_since.s(), lease_until=expired, worker="gone:1:W")
    JobRun.objects.filter(pk=garbled.pk).update(message=b"not a huey message")
    legacy = orphaned_run(queue, renamed_since.s(), lease_until=expired, worker="gone:1:W")
    JobRun.objects.filter(pk=legacy.pk).update(message=None)

    requeue_expired_runs(now=NOW, queues={queue.name: queue})
    garbled.refresh_from_db()
    legacy.refresh_from_db()
    assert garbled.status == legacy.status == JobRun.Status.FAILED
    assert "任务消息无法读取" in garbled.last_error and "无法重新排队" in garbled.last_error
    assert "没有任务消息" in legacy.last_error
    assert queue.pending_count() == 0


def test_a_renewed_lease_and_another_queue_are_left_alone(
    transactional_db: None, queue: Huey, tmp_path: Path
) -> None:
    @queue.task(retries=2)
    def long_job() -> None: ...

    alive = orphaned_run(
        queue, long_job.s(), lease_until=NOW + timedelta(seconds=30), worker="h:1:W"
    )
    other = build_queue(f"sqlite:///{tmp_path}/other.sqlite3", name=unique_name("other"))
    other_job = other.task(retries=2)(long_job.func)
    elsewhere = orphaned_run(other, other_job.s(), lease_until=NOW - timedelta(1), worker="h:1:W")
    assert requeue_expired_runs(now=NOW, queues={queue.name: queue}) == []
    assert {r.status for r in JobRun.objects.filter(pk__in=[alive.pk, elsewhere.pk])} == {
        JobRun.Status.RUNNING
    }
    # The unknown queue's run still shows, as stuck, to the operator.
    assert list(JobRun.objects.stuck(now=NOW)) == [elsewhere]


def test_a_restarted_worker_ends_the_leases_of_dead_local_workers(db: None, queue: Huey) -> None:
    @queue.task(retries=2)
    def long_job() -> None: ...

    dead_pid = _dead_pid()
    host = socket.gethostname()
    later = NOW + timedelta(seconds=50)
    dead = orphaned_run(queue, long_job.s(), lease_until=later, worker=f"{host}:{dead_pid}:W")
    mine = orphaned_run(queue, long_job.s(), lease_until=later, worker=f"{host}:{os.getpid()}:W")
    remote = orphaned_run(queue, long_job.s(), lease_until=later, worker=f"other:{dead_pid}:W")

    assert expire_dead_local_runs(now=NOW) == 1
    assert list(JobRun.objects.expired(now=NOW)) == [dead]
    for run in (mine, remote):
        run.refresh_from_db()
        assert run.lease_until == later


def _dead_pid() -> int:
    """The pid of a process that has exited and been reaped."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_the_operator_sees_stuck_runs(client: Any, district: Any, queue: Huey) -> None:
    @queue.task(retries=2)
    def scheduled_publishing() -> None: ...

    orphaned_run(
        queue, scheduled_publishing.s(), lease_until=timezone.now() - timedelta(1), worker="x:1:W"
    )
    JobRun.objects.create(
        task_id=uuid.uuid4().hex,
        name="gongkai.reports.jobs.deliver_report_reminders",
        status=JobRun.Status.SUCCEEDED,
    )
    client.force_login(district.operator)
    listing = client.get("/admin/jobs/").content.decode()
    assert "疑似卡住" in listing and "发送年度报告填报提醒" in listing
    stuck = client.get("/admin/jobs/", {"condition": "stuck"}).content.decode()
    assert "其他后台任务" in stuck  # scheduled_publishing, a job with no title
    assert "发送年度报告填报提醒" not in stuck
