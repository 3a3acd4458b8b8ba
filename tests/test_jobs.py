"""The background-task mechanism, run for real: queues, consumers, the worker command.

Every test here drives a real huey storage (a SQLite file, Redis, a subprocess
worker) and checks what the operator will see: the JobRun rows the recorder
writes from huey's signals, and the admin screen that lists them.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.urls import NoReverseMatch, reverse
from huey import Huey

from gongkai.agencies.models import Role
from gongkai.agencies.services import do_create_staff_user
from gongkai.jobs.models import JobRun
from gongkai.jobs.queue import build_queue
from tests.worker_processes import environment, wait_until

BIN = Path(sys.executable).parent
REDIS_URL = "redis://127.0.0.1:6379/15"


def unique_name(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


@contextmanager
def running_consumer(queue: Huey, *, workers: int) -> Iterator[Any]:
    """Run a real huey consumer in threads of this process, then stop it cleanly.

    ``Consumer.start()`` starts the scheduler and the worker threads and installs
    SIGINT/SIGTERM/SIGHUP handlers for the main process; those belong to pytest,
    so they are put back afterwards.

    The test database is in-memory SQLite in shared-cache mode. There, two
    connections writing at once get SQLITE_LOCKED at once (busy_timeout does not
    apply), and huey swallows the recorder's exception, losing the update. So,
    as Django's LiveServerTestCase does for the same database, the worker threads
    share this thread's connection; on a file or server database each thread
    keeps its own.
    """
    main = connections[DEFAULT_DB_ALIAS]
    share = main.vendor == "sqlite" and main.is_in_memory_db()
    if share:
        main.inc_thread_sharing()

    @queue.on_startup()
    def use_test_connection() -> None:  # runs in each worker thread as it starts
        if share:
            connections[DEFAULT_DB_ALIAS] = main

    @queue.on_shutdown()
    def close_db_connections() -> None:  # runs in each worker thread as it exits
        if not share:
            connections.close_all()

    signums = [signal.SIGINT, signal.SIGTERM] + (
        [signal.SIGHUP] if hasattr(signal, "SIGHUP") else []
    )
    saved = {signum: signal.getsignal(signum) for signum in signums}
    consumer = queue.create_consumer(
        workers=workers,
        worker_type="thread",
        periodic=False,
        check_worker_health=False,
        initial_delay=0.02,
        max_delay=0.1,
        shutdown_timeout=15,
    )
    consumer.start()
    try:
        yield consumer
    finally:
        consumer.stop(graceful=True)
        for signum, handler in saved.items():
            signal.signal(signum, handler)
        if share:
            main.dec_thread_sharing()


def runs_named(suffix: str) -> Any:
    return JobRun.objects.filter(name__endswith=suffix)


def assert_recorder_never_failed(caplog: pytest.LogCaptureFixture) -> None:
    """huey swallows exceptions raised by signal receivers and only logs them."""
    messages = [record.getMessage() for record in caplog.records]
    broken = [message for message in messages if "Error occurred in receiver" in message]
    assert not broken, broken


# --- 1. the embedded SQLite file queue: retries and final failure ---------------


def test_sqlite_queue_retries_then_succeeds_and_records_final_failure(
    transactional_db: None, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    queue = build_queue(f"sqlite:///{tmp_path}/q.sqlite3", name=unique_name("sqlite"))
    assert type(queue).__name__ == "SqliteHuey"
    assert (tmp_path / "q.sqlite3").exists()  # the queue lives in that file

    calls = {"flaky": 0, "doomed": 0}
    lock = threading.Lock()

    @queue.task(retries=2, retry_delay=0)
    def flaky_job() -> str:
        with lock:
            calls["flaky"] += 1
            attempt = calls["flaky"]
        if attempt == 1:
            raise RuntimeError("transient hiccup on first attempt")
        return "ok"

    @queue.task(retries=2, retry_delay=0)
    def doomed_job() -> None:
        with lock:
            calls["doomed"] += 1
        raise ValueError("the mail server is gone for good")

    flaky_job()
    doomed_job()
    # Enqueueing alone is recorded, before any worker runs.
    assert set(runs_named("flaky_job").values_list("status", flat=True)) == {"queued"}
    assert set(runs_named("doomed_job").values_list("status", flat=True)) == {"queued"}

    def settled() -> bool:
        statuses = dict(JobRun.objects.values_list("name", "status"))
        finished = {JobRun.Status.SUCCEEDED, JobRun.Status.FAILED}
        return len(statuses) == 2 and set(statuses.values()) <= finished

    with running_consumer(queue, workers=2):
        wait_until(settled, timeout=20, what="both SQLite-queue jobs to finish")

    assert calls == {"flaky": 2, "doomed": 3}

    flaky = runs_named("flaky_job").get()
    assert flaky.status == JobRun.Status.SUCCEEDED
    assert flaky.attempts == 2
    assert flaky.finished_at is not None and flaky.started_at is not None

    doomed = runs_named("doomed_job").get()
    assert doomed.status == JobRun.Status.FAILED
    assert doomed.attempts == 3
    assert doomed.retries_left == 0
    assert "ValueError: the mail server is gone for good" in doomed.last_error
    assert doomed.worker  # which thread of which host ran it
    assert JobRun.objects.failed().get() == doomed
    assert queue.pending_count() == 0 and queue.scheduled_count() == 0
    assert_recorder_never_failed(caplog)


def test_retries_left_counts_down_while_retrying(db: None) -> None:
    queue = build_queue("", immediate=True, name=unique_name("immediate"))
    seen: list[int] = []

    @queue.task(retries=2, context=True)
    def fails_once(task: Any = None) -> None:
        run = JobRun.objects.get(task_id=str(task.id))
        seen.append(run.retries_left)
        if len(seen) == 1:
            raise RuntimeError("first attempt fails")

    fails_once()
    # Before the first attempt two retries remain; before the second, one.
    assert seen == [2, 1]


# --- 2. Redis with several workers ------------------------------------------------


@pytest.fixture
def redis_queue() -> Iterator[Huey]:
    import redis

    probe = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        probe.ping()
    except redis.RedisError as error:
        message = f"Redis at {REDIS_URL} is unreachable ({error})"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    finally:
        probe.close()
    queue = build_queue(REDIS_URL, name=unique_name("gongkai-test"))
    assert type(queue).__name__ == "RedisHuey"
    try:
        yield queue
    finally:
        queue.storage.flush_all()
        queue.storage.conn.close()


def test_redis_queue_spreads_tasks_over_several_workers(
    transactional_db: None, redis_queue: Huey, caplog: pytest.LogCaptureFixture
) -> None:
    seen: list[str] = []
    lock = threading.Lock()

    @redis_queue.task()
    def note_thread(n: int) -> int:
        with lock:
            seen.append(threading.current_thread().name)
        time.sleep(0.02)  # long enough for the other workers to pick up work
        return n

    for n in range(30):
        note_thread(n)
    assert redis_queue.pending_count() == 30

    def all_done() -> bool:
        return runs_named("note_thread").filter(status=JobRun.Status.SUCCEEDED).count() == 30

    with running_consumer(redis_queue, workers=3):
        wait_until(all_done, timeout=20, what="30 Redis tasks to succeed")

    runs = list(runs_named("note_thread"))
    assert len(runs) == 30
    assert {run.status for run in runs} == {JobRun.Status.SUCCEEDED}
    assert {run.attempts for run in runs} == {1}
    assert sorted(run.arguments[0] for run in runs) == sorted(repr(n) for n in range(30))
    workers = {run.worker for run in runs}
    assert len(workers) > 1, workers
    assert {w.rsplit(":", 1)[-1] for w in workers} <= {"Worker-1", "Worker-2", "Worker-3"}
    assert len(seen) == 30 and len(set(seen)) > 1
    assert redis_queue.pending_count() == 0
    assert_recorder_never_failed(caplog)


# --- 3. what the operator sees ------------------------------------------------------


@pytest.fixture
def failed_run(db: None) -> JobRun:
    return JobRun.objects.create(
        task_id=uuid.uuid4().hex,
        name="gongkai.applications.jobs.send_notice_email",
        status=JobRun.Status.FAILED,
        attempts=6,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
        worker="host:1:Worker-1",
    )


def test_operator_sees_failed_job_in_admin(client: Any, district: Any, failed_run: JobRun) -> None:
    client.force_login(district.operator)
    response = client.get("/admin/jobs/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "向申请人发送办理进度邮件" in body
    assert "失败" in body

    inspect_url = reverse("jobs:inspect", args=[failed_run.pk])
    assert inspect_url == f"/admin/jobs/inspect/{failed_run.pk}/"
    response = client.get(inspect_url)
    assert response.status_code == 200
    assert "SMTPServerDisconnected" in response.content.decode()

    # Filtering by status is how the operator finds what broke.
    response = client.get("/admin/jobs/", {"status": "failed"})
    assert response.status_code == 200
    assert "向申请人发送办理进度邮件" in response.content.decode()


def test_superuser_sees_failed_job_in_admin(
    client: Any, user_model: Any, failed_run: JobRun
) -> None:
    root = user_model.objects.create_superuser("root", "root@example.org", "x-Passw0rd!")
    client.force_login(root)
    response = client.get("/admin/jobs/")
    assert response.status_code == 200
    assert "向申请人发送办理进度邮件" in response.content.decode()
    assert "失败" in response.content.decode()


def denied(response: Any) -> bool:
    """Wagtail answers a permission failure with 403, or a redirect away from the page."""
    if response.status_code in {403, 404}:
        return True
    return response.status_code == 302 and not response.url.startswith("/admin/jobs/")


@pytest.mark.parametrize("role", ["agency_admin", "editor", "disclosure_officer"])
def test_staff_without_operator_role_cannot_see_jobs(
    client: Any, district: Any, failed_run: JobRun, role: str
) -> None:
    client.force_login(district.user("a", role))
    list_response = client.get("/admin/jobs/")
    assert denied(list_response), list_response.status_code
    assert "向申请人发送办理进度邮件" not in list_response.content.decode()
    inspect_response = client.get(reverse("jobs:inspect", args=[failed_run.pk]))
    assert denied(inspect_response), inspect_response.status_code
    assert "SMTPServerDisconnected" not in inspect_response.content.decode()


def test_fresh_staff_user_without_operator_role_cannot_see_jobs(
    client: Any, district: Any, failed_run: JobRun
) -> None:
    clerk = do_create_staff_user(
        username="clerk",
        password="Test-Passw0rd!",
        full_name="办事员",
        agency=district.a,
        roles=[Role.AGENCY_ADMIN, Role.EDITOR],
    )
    client.force_login(clerk)
    assert denied(client.get("/admin/jobs/"))
    assert denied(client.get(f"/admin/jobs/inspect/{failed_run.pk}/"))


def test_job_runs_cannot_be_created_edited_or_deleted(
    client: Any, district: Any, failed_run: JobRun
) -> None:
    client.force_login(district.operator)
    for url_name, args in (
        ("jobs:add", []),
        ("jobs:edit", [failed_run.pk]),
        ("jobs:delete", [failed_run.pk]),
    ):
        try:
            url = reverse(url_name, args=args)
        except NoReverseMatch:
            continue  # the URL does not exist at all: fine
        for response in (
            client.get(url),
            client.post(url, {"name": "x", "status": "succeeded"}),
        ):
            assert denied(response), (url_name, response.status_code)
    # Whatever the URLs, the row survived untouched and no new one appeared.
    failed_run.refresh_from_db()
    assert failed_run.status == JobRun.Status.FAILED
    assert JobRun.objects.count() == 1
    # The list and inspect pages offer no edit or delete links.
    body = (
        client.get("/admin/jobs/").content.decode()
        + client.get(reverse("jobs:inspect", args=[failed_run.pk])).content.decode()
    )
    assert f"/admin/jobs/edit/{failed_run.pk}/" not in body
    assert f"/admin/jobs/delete/{failed_run.pk}/" not in body
    assert "/admin/jobs/new/" not in body


# --- 4. the `gongkai worker` command, end to end in subprocesses ---------------------


def _env(home: Path) -> dict[str, str]:
    return environment(home, DJANGO_SETTINGS_MODULE="gongkai.settings")


ENQUEUE = """
import django
django.setup()
from gongkai.jobs.queue import queue
from gongkai.workcalendar.jobs import check_calendar_coverage
assert type(queue).__name__ == "SqliteHuey", type(queue)
check_calendar_coverage()
print("pending", queue.pending_count())
"""


def test_gongkai_worker_command_processes_a_task(tmp_path: Path) -> None:
    home = tmp_path
    env = _env(home)
    init = subprocess.run(
        [str(BIN / "gongkai"), "init"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        # A ceiling against a hang, not a timing: every migration runs, on a busy machine.
        timeout=300,
    )
    assert init.returncode == 0, init.stderr
    database = home / "gongkai.sqlite3"
    assert database.exists()

    enqueue = subprocess.run(
        [str(BIN / "python"), "-c", ENQUEUE],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert enqueue.returncode == 0, enqueue.stderr
    assert "pending 1" in enqueue.stdout
    assert (home / "tasks.sqlite3").exists()

    def rows() -> list[tuple[str, str, int, str]]:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute(
                "SELECT name, status, attempts, worker FROM jobs_jobrun"
                " WHERE name LIKE '%check_calendar_coverage'"
            ).fetchall()

    assert [row[1] for row in rows()] == ["queued"]  # recorded by the enqueuing process

    log_path = tmp_path / "worker.log"
    log = log_path.open("w", encoding="utf-8")  # a file, so a chatty worker never blocks
    worker = subprocess.Popen(
        [str(BIN / "gongkai"), "worker", "--workers", "1"],
        env=env,
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until(
            lambda: any(row[1] == "succeeded" for row in rows()) or worker.poll() is not None,
            timeout=30,
            what="the worker subprocess to run check_calendar_coverage",
        )
        assert worker.poll() is None, "the worker exited early"
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=5)
        log.close()
    output = log_path.read_text(encoding="utf-8")

    succeeded = [row for row in rows() if row[1] == "succeeded"]
    assert succeeded, output
    name, _, attempts, worker_name = succeeded[0]
    assert name.endswith("check_calendar_coverage")
    assert attempts == 1
    assert f":{worker.pid}:" in worker_name  # run by the worker process, not the enqueuer
    assert "后台任务进程已启动：队列gongkai（1个thread）、gongkai-batch（1个thread）" in output
    assert "存储：SqliteHuey" in output


def test_queue_urls_are_read_like_database_urls(tmp_path: Path, monkeypatch) -> None:
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.chdir(tmp_path)
    relative = build_queue("sqlite:///q.sqlite3", name=unique_name("rel"))
    assert Path(relative.storage.filename) == Path("q.sqlite3")
    absolute = build_queue(f"sqlite:///{tmp_path}/abs.sqlite3", name=unique_name("abs"))
    assert absolute.storage.filename == f"{tmp_path}/abs.sqlite3"
    with pytest.raises(ImproperlyConfigured) as raised:
        build_queue("amqp://guest@localhost//", name=unique_name("bad"))
    assert "不受支持" in str(raised.value)


def test_every_job_has_a_chinese_title() -> None:
    """A job added without a title would show its function name in the back office."""
    import django.apps

    from gongkai.jobs.queue import batch_queue, queue
    from gongkai.jobs.titles import TITLES, job_title

    assert django.apps.apps.ready  # every app's jobs module is imported by now
    names = {name for huey in (queue, batch_queue) for name in huey._registry._registry}
    ours = {name for name in names if "tests" not in name}
    assert ours, names
    assert {name for name in ours if job_title(name) not in TITLES.values()} == set()
