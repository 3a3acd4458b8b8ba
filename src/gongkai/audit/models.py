"""The audit log table.

Append-only by three locks: the model refuses to save an existing row or delete
one, its queryset refuses bulk update and delete, and the database itself has
triggers that abort UPDATE (and, on PostgreSQL, DELETE) on the table.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditLogImmutableError(Exception):
    def __init__(self) -> None:
        super().__init__("审计日志只能追加，不能修改或删除。")


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk changes refused: rows of an append-only table are only ever created."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditLogImmutableError

    def delete(self) -> NoReturn:
        raise AuditLogImmutableError

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditLogImmutableError


class AppendOnly(models.Model):
    """A row saved once and never changed or deleted through the ORM."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditLogImmutableError
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditLogImmutableError


class AuditEntryQuerySet(AppendOnlyQuerySet):
    def visible_to(self, user: Any) -> AuditEntryQuerySet:
        """The audit administrator (三员分立; the operator in single-operator mode) sees every
        entry; an agency administrator sees their agencies'."""
        from gongkai.agencies.duties import reads_whole_audit_log
        from gongkai.agencies.selectors import admin_role_agency_ids

        if reads_whole_audit_log(user):
            return self
        return self.filter(agency_id__in=admin_role_agency_ids(user))

    def for_object(self, obj: models.Model) -> AuditEntryQuerySet:
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


class AuditEntry(AppendOnly):
    CHANNELS = [("web", "网页"), ("cli", "命令行"), ("task", "后台任务"), ("system", "系统")]

    created_at = models.DateTimeField("时间", default=timezone.now, db_index=True, editable=False)
    # Entries outlive users and agencies: no database constraint, no cascade.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField("操作人账号", max_length=150, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="所属机构",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField("操作", max_length=64, db_index=True)
    summary = models.CharField("说明", max_length=500)
    object_type = models.CharField("对象类型", max_length=100, blank=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    object_repr = models.CharField("对象", max_length=300, blank=True)
    changes = models.JSONField("变更内容", default=dict, blank=True)
    channel = models.CharField("来源渠道", max_length=10, choices=CHANNELS, default="system")
    ip = models.GenericIPAddressField("来源地址", null=True, blank=True)
    user_agent = models.CharField("客户端", max_length=300, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "审计记录"
        verbose_name_plural = "审计日志"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.local_time} {self.actor_name or '匿名'} {self.summary}"

    @property
    def local_time(self) -> str:
        """The time in the server's zone (Asia/Shanghai), as every screen shows it."""
        return f"{timezone.localtime(self.created_at):%Y-%m-%d %H:%M:%S}"


class AuditSeal(AppendOnly):
    """One link of the hash chain over the audit log (see :mod:`gongkai.audit.chain`).

    Kept beside the entries rather than in them: an entry is written by whoever acts, in
    their transaction, and cannot be updated afterwards, while the chain must be built in
    one order by one writer. ``digest`` covers the entry and every entry sealed before it.
    """

    entry_id = models.BigIntegerField("审计记录编号", unique=True)
    digest = models.CharField("摘要", max_length=64)
    sealed_at = models.DateTimeField("封存时间", default=timezone.now, editable=False)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = "审计链封存"
        verbose_name_plural = "审计链封存"
        ordering = ["entry_id"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"第{self.entry_id}号记录 {self.digest[:12]}"
