"""One row per task execution, so the operator sees failures instead of losing them.

A running row also holds the task's message and a lease its worker keeps renewing
(gongkai.jobs.leases): when the worker dies the lease runs out, and the task is
re-queued from the message instead of staying 执行中 forever.

A row can also come first, before any push to the queue: a job asked for by a
transaction is written 待发送 in it, with its message, and pushed after the commit
(gongkai.jobs.outbox); it stays 待发送 while the queue's broker is away.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib import admin
from django.db import models
from django.db.models import Q

from gongkai.jobs.titles import job_title, queue_title

# Queued this long with no worker taking it: the queue is probably not being consumed.
# Pending (not pushed) this long: the broker is away, or no worker runs to push it.
QUEUED_TOO_LONG = timedelta(minutes=15)


class JobRunQuerySet(models.QuerySet["JobRun"]):
    def visible_to(self, user: object) -> JobRunQuerySet:
        from gongkai.agencies.duties import is_audit_admin
        from gongkai.agencies.selectors import is_operator

        return self if is_operator(user) or is_audit_admin(user) else self.none()

    def failed(self) -> JobRunQuerySet:
        return self.filter(status=JobRun.Status.FAILED)

    def expired(self, *, now: datetime) -> JobRunQuerySet:
        """Running, but the worker stopped renewing the lease: it died or was stopped."""
        return self.filter(status=JobRun.Status.RUNNING, lease_until__lte=now)

    def unfinished(self) -> JobRunQuerySet:
        """Asked for and not yet ended: 待发送, 排队中, 执行中 or 等待重试."""
        return self.filter(
            status__in=[
                JobRun.Status.PENDING,
                JobRun.Status.QUEUED,
                JobRun.Status.RUNNING,
                JobRun.Status.RETRYING,
            ]
        )

    def pending(self) -> JobRunQuerySet:
        """待发送: committed, not yet on the queue (the push failed or is under way)."""
        return self.filter(status=JobRun.Status.PENDING)

    def stuck(self, *, now: datetime) -> JobRunQuerySet:
        """疑似卡住: an expired lease no worker has re-queued yet, a queue nobody reads,
        or a job that has waited long to be pushed at all."""
        return self.filter(stuck_condition(now=now))


def stuck_condition(*, now: datetime) -> Q:
    return Q(status=JobRun.Status.RUNNING, lease_until__lte=now) | Q(
        status__in=[JobRun.Status.PENDING, JobRun.Status.QUEUED],
        enqueued_at__lt=now - QUEUED_TOO_LONG,
    )


class JobRun(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "待发送"
        QUEUED = "queued", "排队中"
        RUNNING = "running", "执行中"
        RETRYING = "retrying", "等待重试"
        SUCCEEDED = "succeeded", "已完成"
        FAILED = "failed", "失败"

    task_id = models.CharField("任务编号", max_length=64, unique=True)
    name = models.CharField("任务", max_length=200, db_index=True)
    arguments = models.JSONField("参数", default=list, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, db_index=True)
    attempts = models.PositiveIntegerField("执行次数", default=0)
    retries_left = models.PositiveIntegerField("剩余重试次数", default=0)
    enqueued_at = models.DateTimeField("入队时间", null=True, blank=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    last_error = models.TextField("最近错误", blank=True)
    worker = models.CharField("执行者", max_length=100, blank=True)
    queue = models.CharField("队列", max_length=100, blank=True)
    # While pending: the task to push. While running: the task as huey serialized it,
    # to re-queue it if the worker dies.
    message = models.BinaryField("任务消息", null=True, blank=True)
    lease_until = models.DateTimeField("租约到期", null=True, blank=True)

    objects = JobRunQuerySet.as_manager()

    class Meta:
        verbose_name = "后台任务记录"
        verbose_name_plural = "后台任务记录"
        ordering = ["-enqueued_at", "-id"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.title()}（{self.get_status_display()}）"

    @admin.display(description="任务")
    def title(self) -> str:
        return job_title(self.name)

    @admin.display(description="队列")
    def queue_title(self) -> str:
        return queue_title(self.queue)
