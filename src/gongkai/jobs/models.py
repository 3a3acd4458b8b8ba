"""One row per task execution, so the operator sees failures instead of losing them."""

from __future__ import annotations

from django.db import models


class JobRunQuerySet(models.QuerySet["JobRun"]):
    def visible_to(self, user: object) -> JobRunQuerySet:
        from gongkai.agencies.selectors import is_operator

        return self if is_operator(user) else self.none()

    def failed(self) -> JobRunQuerySet:
        return self.filter(status=JobRun.Status.FAILED)


class JobRun(models.Model):
    class Status(models.TextChoices):
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

    objects = JobRunQuerySet.as_manager()

    class Meta:
        verbose_name = "后台任务记录"
        verbose_name_plural = "后台任务记录"
        ordering = ["-enqueued_at", "-id"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.name} [{self.get_status_display()}]"
