"""The task queues: two huey instances on one storage chosen by GONGKAI_TASKS_URL.

``sqlite:///path`` keeps the queues in a file (the embedded default: no server);
``postgresql://…`` keeps them in the PostgreSQL database; ``redis://…`` puts them on
Redis for several workers on several machines. Task code is identical on all.

Two queues, each with worker threads of its own, because priorities cannot help once
every thread is busy: two report audits held both threads of a single queue for 6.5
minutes while scheduled publishing and reminders waited. ``queue`` ("gongkai") carries
the short, time-bound work; ``batch_queue`` ("gongkai-batch") the long batch work
(report audits, index rebuilds, full inspections), which may wait for each other but
never for the clock-bound jobs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import urlparse

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from huey import Huey, MemoryHuey, PostgresHuey, RedisHuey, SqliteHuey

from gongkai.jobs.queue_names import BATCH, MAIN
from gongkai.jobs.recorder import connect_recorder


def build_queue(url: str, *, immediate: bool = False, name: str = MAIN) -> Huey:
    if immediate:
        queue: Huey = MemoryHuey(name, immediate=True)
    else:
        scheme = urlparse(url).scheme
        if scheme == "sqlite":
            # Read like DATABASE_URL: sqlite:///var/q.sqlite3 is relative, //// absolute.
            queue = SqliteHuey(name, filename=urlparse(url).path[1:])
        elif scheme in {"redis", "rediss"}:
            queue = RedisHuey(name, url=url)
        elif scheme in {"postgres", "postgresql"}:
            queue = PostgresHuey(name, dsn=url.replace("postgres://", "postgresql://", 1))
        else:
            raise ImproperlyConfigured(
                f"GONGKAI_TASKS_URL“{url}”不受支持："
                "应以 sqlite://、postgresql:// 或 redis:// 开头。"
            )
    connect_recorder(queue)
    return queue


queue = build_queue(settings.GONGKAI_TASKS_URL, immediate=settings.GONGKAI_TASKS_IMMEDIATE)
batch_queue = build_queue(
    settings.GONGKAI_TASKS_URL, immediate=settings.GONGKAI_TASKS_IMMEDIATE, name=BATCH
)
# The worker's names for them (``gongkai worker --queue``).
QUEUES = {"main": queue, "batch": batch_queue}

# Retry policy shared by every task: a transient failure (a locked database, a
# mail server away) heals itself; a persistent one ends as a visible FAILED row.
DEFAULT_RETRIES = 5
DEFAULT_RETRY_DELAY = 30


def as_system(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Run a task as the system actor: a job acts for the platform, never for nobody.

    The job was queued by someone the service already checked (or by the schedule);
    what it writes is attributed to 系统 on the 后台任务 channel.
    """
    from gongkai.audit.context import SYSTEM, acting

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        with acting(actor=SYSTEM, channel="task"):
            return fn(*args, **kwargs)

    return run


def job(fn: Any = None, *, batch: bool = False, **options: Any) -> Any:
    """Register a task with the shared retry policy, run as the system.

    ``batch=True`` puts long work (minutes) on the batch queue, so it never delays
    the clock-bound jobs of the main queue.
    """
    options.setdefault("retries", DEFAULT_RETRIES)
    options.setdefault("retry_delay", DEFAULT_RETRY_DELAY)
    task = (batch_queue if batch else queue).task(**options)

    def decorator(fn: Callable[..., Any]) -> Any:
        return task(as_system(fn))

    return decorator(fn) if fn is not None else decorator


def periodic_job(schedule: Any, *, batch: bool = False, **options: Any) -> Any:
    """A periodic task with the shared retry policy, run as the system (``batch`` as for job)."""
    options.setdefault("retries", DEFAULT_RETRIES)
    options.setdefault("retry_delay", DEFAULT_RETRY_DELAY)
    task = (batch_queue if batch else queue).periodic_task(schedule, **options)
    return lambda fn: task(as_system(fn))
