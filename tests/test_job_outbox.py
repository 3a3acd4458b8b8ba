"""The job outbox under a broker outage, with a real Redis: a job asked for by a
committed transaction is kept until the broker is back, then runs once.

A Redis server of the test's own runs on a free loopback port and is stopped and
started again on that port; the applicant's notice job runs on a Redis queue built
by ``build_queue``, consumed by huey worker threads of this process, with the
worker's real reaper pushing what is pending. The mail lands in Django's locmem
outbox, so "sent once" is counted there.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from huey import Huey

from gongkai.applications import jobs as application_jobs
from gongkai.applications.models import Application
from gongkai.applications.services import intake
from gongkai.jobs.leases import Reaper
from gongkai.jobs.models import JobRun
from gongkai.jobs.outbox import PUSH_GRACE, enqueue_on_commit, push, push_pending, task_of
from gongkai.jobs.queue import build_queue
from tests.test_applications import PERSON, office  # noqa: F401  (fixture)
from tests.test_jobs import assert_recorder_never_failed, running_consumer
from tests.worker_processes import wait_until

TODAY = date(2026, 11, 20)
EMAIL = "lisi@example.org"
# A landline: the applicant is told by mail only, so one notice job per step.
APPLICANT = {**PERSON, "phone": "027-87654321", "email": EMAIL}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RedisServer:
    """A redis-server of the test's own on a fixed loopback port, to stop and start."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                *("redis-server", "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.directory)),
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_until(self.answers, timeout=20, what="redis-server to accept connections")

    def answers(self) -> bool:
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
        except OSError:
            return False
        return True

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    if shutil.which("redis-server") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("redis-server is not installed")
        pytest.skip("redis-server is not installed")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def notice_queue(redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[Huey]:
    """The applicant's e-mail notice job, on a queue of this test's Redis.

    Registered under the job's own name (its module and function), so the message
    the outbox stores is the one a production worker would read back.
    """
    queue = build_queue(redis_server.url, name=f"gongkai-outbox-{uuid.uuid4().hex[:8]}")
    email_job = queue.task(retries=2, retry_delay=1)(application_jobs.send_notice_email.func)
    monkeypatch.setattr(application_jobs, "send_notice_email", email_job)
    yield queue
    if redis_server.answers():
        queue.storage.flush_all()
    queue.storage.conn.close()


def start_worker(queue: Huey, stack: ExitStack) -> None:
    """What ``gongkai worker`` runs for this queue: consumer threads and the reaper."""
    stack.enter_context(running_consumer(queue, workers=2))
    reaper = Reaper(queues={queue.name: queue})
    reaper.start()

    def stop_reaper() -> None:
        reaper.stop()
        reaper.join(timeout=15)

    stack.callback(stop_reaper)


def file_online() -> Application:
    from gongkai.agencies.models import Agency

    agency = Agency.objects.order_by("pk").first()
    return intake.do_submit_online_application(today=TODAY, agency=agency, **APPLICANT).application


def notice_runs() -> list[JobRun]:
    return list(JobRun.objects.filter(name__endswith="send_notice_email").order_by("id"))


def mails_to_applicant() -> list[Any]:
    return [message for message in mail.outbox if message.to == [EMAIL]]


@pytest.mark.parametrize("worker_during_outage", [True, False], ids=["running", "started-after"])
def test_a_notice_committed_while_redis_is_down_is_sent_once_it_is_back(
    transactional_db: None,
    office: Any,  # noqa: F811
    settings: Any,
    redis_server: RedisServer,
    notice_queue: Huey,
    caplog: pytest.LogCaptureFixture,
    worker_during_outage: bool,
) -> None:
    settings.GONGKAI_JOB_LEASE_SECONDS = 2  # the reaper looks every 0.5 s
    with ExitStack() as stack:
        if worker_during_outage:
            start_worker(notice_queue, stack)
        redis_server.stop()

        application = file_online()

        # Committed: the application and the request for its notice, nothing lost.
        assert Application.objects.filter(pk=application.pk).exists()
        (run,) = notice_runs()
        assert run.status == JobRun.Status.PENDING and run.get_status_display() == "待发送"
        assert run.message and "送入任务队列失败" in run.last_error
        assert run.arguments == [repr(application.pk), repr("submitted")]
        # The reaper keeps trying while Redis is away: still pending, nothing sent.
        time.sleep(PUSH_GRACE.total_seconds() + 1)
        (run,) = notice_runs()
        assert run.status == JobRun.Status.PENDING and mails_to_applicant() == []
        pending = run

        redis_server.start()
        if not worker_during_outage:
            start_worker(notice_queue, stack)  # its reaper's first round pushes at once
        wait_until(
            lambda: notice_runs()[0].status == JobRun.Status.SUCCEEDED,
            timeout=60,
            what="the pending notice to be pushed and sent",
        )
        (message,) = mails_to_applicant()
        assert application.receipt_number in message.subject

        # The same message pushed again (a push whose answer was lost): skipped.
        copy, _ = task_of(pending, notice_queue)
        assert copy is not None and push(copy, queue=notice_queue)
        wait_until(
            lambda: notice_queue.pending_count() == 0, timeout=30, what="the copy to be taken"
        )
        time.sleep(1)  # time enough for a wrongly run copy to send its mail
    assert len(mails_to_applicant()) == 1
    (run,) = notice_runs()
    assert run.status == JobRun.Status.SUCCEEDED and run.attempts == 1
    assert run.message is None
    assert "重复送达的这一份不再执行" in caplog.text
    assert_recorder_never_failed(caplog)


def test_a_rolled_back_transaction_leaves_no_row_and_no_job(
    transactional_db: None,
    office: Any,  # noqa: F811
    notice_queue: Huey,
) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        file_online()
        assert len(notice_runs()) == 1  # written in the transaction…
        raise RuntimeError("the caller's transaction fails after the submission")
    assert notice_runs() == []  # …and gone with it
    assert not Application.objects.exists()
    assert notice_queue.pending_count() == 0
    assert mails_to_applicant() == []


def test_a_pending_job_is_shown_to_the_operator(
    client: Any, district: Any, django_capture_on_commit_callbacks: Any
) -> None:
    closed = build_queue(f"redis://127.0.0.1:{free_port()}/0", name="gongkai-closed-port")

    @closed.task()
    def rebuild_something(n: int) -> int:
        return n

    with django_capture_on_commit_callbacks(execute=True):
        run = enqueue_on_commit(rebuild_something, 7)
    run.refresh_from_db()
    assert run.status == JobRun.Status.PENDING and "ConnectionError" in run.last_error

    client.force_login(district.operator)
    body = client.get("/admin/jobs/", {"status": "pending"}).content.decode()
    assert "其他后台任务" in body and "待发送" in body  # rebuild_something has no title
    assert not JobRun.objects.stuck(now=timezone.now()).exists()
    inspect = client.get(f"/admin/jobs/inspect/{run.pk}/").content.decode()
    assert "送入任务队列失败" in inspect and "后台任务进程将在队列恢复后重新发送" in inspect

    # Pending for long: the broker has been away, or no worker runs to push it.
    JobRun.objects.filter(pk=run.pk).update(enqueued_at=timezone.now() - timedelta(minutes=20))
    assert JobRun.objects.stuck(now=timezone.now()).filter(pk=run.pk).exists()
    stuck = client.get("/admin/jobs/", {"condition": "stuck"}).content.decode()
    assert "其他后台任务" in stuck


def test_a_pending_job_whose_message_cannot_be_read_fails_saying_why(db: None) -> None:
    queue = build_queue("sqlite:///unused.sqlite3", immediate=True, name="gongkai-unreadable")
    now = timezone.now()
    run = JobRun.objects.create(
        task_id=uuid.uuid4().hex,
        name="gongkai.removed.old_job",
        status=JobRun.Status.PENDING,
        enqueued_at=now - timedelta(minutes=1),
        queue=queue.name,
        message=b"not a huey message",
    )
    assert push_pending(now=now, queues={queue.name: queue}) == []
    run.refresh_from_db()
    assert run.status == JobRun.Status.FAILED and run.finished_at == now
    assert "待发送，但任务消息无法读取" in run.last_error and run.message is None
