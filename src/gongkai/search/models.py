"""The catalogue's change feed, which every node's search index follows (feed.py, follow.py)."""

from __future__ import annotations

from django.db import models


class SearchChange(models.Model):
    """Page ``page_id`` may read differently now (published, edited, withdrawn, deleted).

    Written in the transaction that changed the page, so the feed holds exactly the
    changes that committed. Append-only; old rows are pruned (feed.prune).
    """

    page_id = models.IntegerField("页面编号")  # no foreign key: a deleted page is a change too
    created_at = models.DateTimeField("记录时间")
    # PostgreSQL only: xmax of a snapshot taken after this row was written. Once every
    # transaction below it has ended, no change numbered lower can still appear.
    horizon = models.BigIntegerField("事务界限", default=0)

    class Meta:
        verbose_name = "检索变更"
        verbose_name_plural = "检索变更"
        default_permissions = ()

    def __str__(self) -> str:
        return f"#{self.pk} 页面{self.page_id}"


class SearchReplica(models.Model):
    """One node's index replica, as its follower last reported it.

    Pruning keeps the changes a recently seen node has not applied yet; a node silent
    for longer than the retention may be passed, and rebuilds when it returns.
    """

    node = models.CharField("节点标识", max_length=64, unique=True)
    label = models.CharField("节点", max_length=300)  # host name and home, for the operator
    position = models.BigIntegerField("已应用至")
    seen_at = models.DateTimeField("最近报告时间")

    class Meta:
        verbose_name = "检索副本"
        verbose_name_plural = "检索副本"
        default_permissions = ()

    def __str__(self) -> str:
        return self.label


class SearchFeedState(models.Model):
    """A single row: how far the feed has been pruned.

    A node whose position is below ``pruned_through`` cannot learn what changed
    from the feed any more and rebuilds its index from the catalogue.
    """

    pruned_through = models.BigIntegerField("已清理至", default=0)

    class Meta:
        verbose_name = "检索变更清理记录"
        verbose_name_plural = "检索变更清理记录"
        default_permissions = ()

    def __str__(self) -> str:
        return f"已清理至第{self.pruned_through}号"
