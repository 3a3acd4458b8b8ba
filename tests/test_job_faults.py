"""The task mechanism under faults, with real processes: long batch work beside
clock-bound jobs, a worker killed mid-job, a server whose worker dies, a server killed.

Each test starts ``gongkai worker`` or ``gongkai serve`` on a copy of one initialised
home (SQLite database and queue), with the test-only tasks of ``tests.jobapp``, and
reads what happened from the tasks' effect file and the JobRun rows.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.worker_processes import (
    Spawned,
    alive,
    copy_home,
    effects,
    enqueue,
    enqueue_command,
    environment,
    gongkai,
    init_home,
    job_runs,
    wait_until,
)

STARTED = "后台任务进程已启动"


@pytest.fixture(scope="module")
def initialised_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("initialised-home")
    init_home(home)
    return home


@pytest.fixture
def home(initialised_home: Path, tmp_path: Path) -> Path:
    return copy_home(initialised_home, tmp_path / "home")


@pytest.fixture
def spawn(home: Path) -> Iterator[Callable[..., Spawned]]:
    started: list[Spawned] = []

    def start(args: list[str], *, log_name: str, **env: str) -> Spawned:
        spawned = Spawned(args, home=home, log_name=log_name, **env)
        started.append(spawned)
        return spawned

    yield start
    for spawned in started:
        spawned.stop()


def test_long_jobs_go_to_the_batch_queue() -> None:
    from gongkai.applications.jobs import remind_handlers
    from gongkai.disclosure.jobs import publish_scheduled, screen_revision_job
    from gongkai.inspection.jobs import probe_sites_job, scheduled_inspection_job
    from gongkai.jobs.queue import batch_queue, queue
    from gongkai.report_audit.jobs import audit_batch_job
    from gongkai.reports.jobs import deliver_report_reminders
    from gongkai.search.jobs import catch_up, remine_grams

    for long_work in (audit_batch_job, remine_grams, scheduled_inspection_job):
        assert long_work.huey is batch_queue, long_work.name
    for clock_bound in (
        publish_scheduled,
        remind_handlers,
        deliver_report_reminders,
        screen_revision_job,
        probe_sites_job,
        catch_up,
    ):
        assert clock_bound.huey is queue, clock_bound.name


def test_long_batch_jobs_do_not_delay_clock_bound_jobs(
    home: Path, spawn: Callable[..., Spawned]
) -> None:
    """Two long audits queued, then a publishing job: it runs at once, beside them."""
    log = home / "effects.log"
    worker = spawn(gongkai("worker"), log_name="worker.log")
    wait_until(lambda: STARTED in worker.output(), timeout=60, what="the worker to start")
    assert "gongkai（2个thread）、gongkai-batch（1个thread）" in worker.output()

    enqueue(
        home,
        f"jobs.hold_batch({str(log)!r}, 'audit-1', 20)",
        f"jobs.hold_batch({str(log)!r}, 'audit-2', 20)",
        f"jobs.note({str(log)!r}, 'publish')",
    )
    queued = time.time()

    def seen(what: str, token: str) -> list[float]:
        return [at for at, w, t, _ in effects(log) if (w, t) == (what, token)]

    wait_until(lambda: seen("done", "publish"), timeout=15, what="the publishing job")
    published = seen("done", "publish")[0]
    assert published - queued < 5, f"publishing waited {published - queued:.1f}s"
    # …while the batch work held its thread: one audit running, the other waiting.
    assert seen("start", "audit-1") and not seen("done", "audit-1")
    assert not seen("start", "audit-2")


def test_a_job_killed_with_its_worker_runs_again_once(
    home: Path, spawn: Callable[..., Spawned]
) -> None:
    log = home / "effects.log"
    first = spawn(gongkai("worker"), log_name="worker-1.log")
    enqueue(home, f"jobs.write_once({str(log)!r}, 'entry-42', 120)")
    wait_until(lambda: effects(log), timeout=60, what="the job to start")
    (run,) = job_runs(home, "write_once")
    assert run["status"] == "running" and run["lease_until"] and run["message"]

    first.kill()  # SIGKILL mid-job: huey had already taken the task off the queue
    second = spawn(gongkai("worker"), log_name="worker-2.log")
    wait_until(
        lambda: job_runs(home, "write_once")[0]["status"] == "succeeded",
        timeout=45,
        what="the restarted worker to run the job again",
    )
    starts = [pid for _, what, _, pid in effects(log) if what == "start"]
    done = [pid for _, what, _, pid in effects(log) if what == "done"]
    assert starts == [first.pid, second.pid]
    assert done == [second.pid]  # the effect happened once
    (run,) = job_runs(home, "write_once")
    assert run["attempts"] == 2 and run["retries_left"] == 1
    assert f":{first.pid}:" in run["last_error"] and "已重新排队" in run["last_error"]
    assert run["message"] is None and run["lease_until"] is None


def test_a_job_longer_than_its_lease_is_renewed_not_run_twice(
    home: Path, spawn: Callable[..., Spawned]
) -> None:
    log = home / "effects.log"
    spawn(gongkai("worker"), log_name="worker.log", GONGKAI_JOB_LEASE_SECONDS="4")
    enqueue(home, f"jobs.write_once({str(log)!r}, 'long', 12)")  # three leases long
    wait_until(
        lambda: job_runs(home, "write_once") and job_runs(home, "write_once")[0]["finished_at"],
        timeout=60,
        what="the long job to finish",
    )
    assert [what for _, what, _, _ in effects(log)] == ["start", "done"]
    (run,) = job_runs(home, "write_once")
    assert run["status"] == "succeeded" and run["attempts"] == 1


def test_a_second_worker_on_the_same_home_refuses_or_waits(
    home: Path, spawn: Callable[..., Spawned]
) -> None:
    first = spawn(gongkai("worker"), log_name="worker-1.log")
    wait_until(lambda: STARTED in first.output(), timeout=60, what="the first worker")

    second = subprocess.run(
        gongkai("worker"),
        env=environment(home),
        cwd=home,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert second.returncode == 1
    assert f"另一个后台任务进程（pid {first.pid}）正在处理本实例（{home}）" in second.stderr
    assert "加 --wait" in second.stderr and STARTED not in second.stdout

    waiting = spawn(gongkai("worker", "--wait"), log_name="worker-3.log")
    wait_until(lambda: "等待它退出" in waiting.output(), timeout=60, what="the waiting worker")
    assert STARTED not in waiting.output()
    first.stop()
    wait_until(lambda: STARTED in waiting.output(), timeout=20, what="the waiting worker to start")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_restarts_a_dead_worker_and_takes_it_down_when_killed(
    home: Path, spawn: Callable[..., Spawned]
) -> None:
    serve = spawn(
        gongkai("serve", "--port", str(free_port()), "--workers", "1"), log_name="serve.log"
    )
    lock = home / "worker.gongkai.lock"  # the worker holding the main queue writes its pid
    wait_until(lambda: STARTED in serve.output(), timeout=60, what="serve's worker to start")
    # Its control socket is its home's, not the user's one (a second node would take it).
    assert f"Control socket listening at {home / 'gunicorn.ctl'}" in serve.output()
    first = int(lock.read_text())
    assert first != serve.pid

    os.kill(first, signal.SIGKILL)
    log = home / "effects.log"
    # Queued while no worker runs (from another process, as the web would): the
    # restarted worker must take it.
    queuing = spawn(enqueue_command(f"jobs.note({str(log)!r}, 'after-restart')"), log_name="q.log")
    wait_until(lambda: "意外退出" in serve.output(), timeout=10, what="serve to notice")
    assert (
        f"后台任务进程（pid {first}）意外退出（被信号 SIGKILL 终止），1秒后重启" in serve.output()
    )
    wait_until(lambda: serve.output().count(STARTED) == 2, timeout=60, what="the worker to restart")
    second = int(lock.read_text())
    assert second != first and alive(second) and not alive(first)
    wait_until(lambda: effects(log), timeout=30, what="the restarted worker to run a job")
    assert queuing.process.wait(timeout=5) == 0

    serve.kill()  # SIGKILL: no atexit, no cleanup of its own
    wait_until(lambda: not alive(second), timeout=15, what="the orphaned worker to exit")
