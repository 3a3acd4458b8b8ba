"""The catalogue's change feed in the database, which every node's index follows.

Each publication, edit, withdrawal or deletion appends one numbered row per page,
in the transaction that made the change (the feed is exactly as durable as the
change). Each node applies the rows after its own position (follow.py); nothing
here knows about nodes except pruning, which keeps what a live node still needs.

Numbers and commit order: SQLite serialises writers (IMMEDIATE transactions), so a
change becomes visible only after every lower-numbered one. PostgreSQL hands out
numbers before commit, so change 101 can be visible while 100 is still running.
Each row therefore records, in ``horizon``, the xmax of a snapshot taken after it
was written: every transaction that could hold a lower number had started by then.
Once the reader's snapshot shows every transaction below ``horizon`` finished
(``horizon <= xmin``), the row is *settled*: no lower number can still appear.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import Max
from django.db.models.expressions import RawSQL

from gongkai.search.models import SearchChange, SearchFeedState, SearchReplica

# How long changes stay in the feed. A node down for longer than this may have been
# passed by pruning and then rebuilds its index from the catalogue when it returns.
RETENTION = timedelta(days=30)

_XMAX = "pg_snapshot_xmax(pg_current_snapshot())::text::bigint"
_XMIN = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint"


def _numbers_before_commit() -> bool:
    return connection.vendor == "postgresql"


@dataclass(frozen=True)
class Change:
    id: int
    page_id: int
    settled: bool  # every lower-numbered change is visible now or never will be


def record_changes(page_ids: Collection[int], *, now: datetime) -> None:
    """Append one change per page, in the caller's transaction."""
    rows = SearchChange.objects.bulk_create(
        [SearchChange(page_id=page_id, created_at=now) for page_id in page_ids]
    )
    if _numbers_before_commit() and rows:
        # A statement after the insert: its snapshot sees every transaction that
        # took a number before ours.
        SearchChange.objects.filter(pk__in=[row.pk for row in rows]).update(
            horizon=RawSQL(_XMAX, [])
        )


def changes_after(through: int, *, limit: int) -> list[Change]:
    """The changes numbered above ``through``, oldest first, in one snapshot."""
    rows = SearchChange.objects.filter(id__gt=through).order_by("id")
    if not _numbers_before_commit():
        return [Change(i, page, True) for i, page in rows.values_list("id", "page_id")[:limit]]
    found = rows.annotate(xmin=RawSQL(_XMIN, [])).values_list("id", "page_id", "horizon", "xmin")
    return [Change(i, page, horizon <= xmin) for i, page, horizon, xmin in found[:limit]]


def rebuild_position() -> int:
    """Where a rebuild reading the catalogue now may start following the feed.

    Every change up to it is committed (so the catalogue read shows it) or never
    will be; changes after it are applied once the rebuild is live.
    """
    rows = SearchChange.objects.order_by("-id")
    if _numbers_before_commit():
        rows = rows.filter(horizon__lte=RawSQL(_XMIN, []))
    settled = rows.values_list("id", flat=True).first() or 0
    return max(settled, pruned_through())


def pruned_through() -> int:
    return SearchFeedState.objects.values_list("pruned_through", flat=True).first() or 0


def feed_end() -> int:
    """The highest number in the feed; pruning always keeps the newest row."""
    return SearchChange.objects.aggregate(end=Max("id"))["end"] or 0


def report_position(*, node: str, label: str, position: int, now: datetime) -> None:
    """Tell pruning (and the operator) how far this node's index has followed the feed."""
    SearchReplica.objects.update_or_create(
        node=node, defaults={"label": label, "position": position, "seen_at": now}
    )


def prune(*, now: datetime) -> int:
    """Delete changes older than RETENTION that every node seen within it has applied.

    Nodes silent for longer are forgotten; pruning may pass them, and ``pruned_through``
    tells them to rebuild when they return. The newest row is always kept, so that a
    node can tell a pruned feed from a database restored to an earlier state.
    """
    cutoff = now - RETENTION
    with transaction.atomic():
        state, _ = SearchFeedState.objects.select_for_update().get_or_create(pk=1)
        SearchReplica.objects.filter(seen_at__lt=cutoff).delete()
        old = SearchChange.objects.filter(created_at__lt=cutoff).aggregate(end=Max("id"))["end"]
        if old is None:
            return 0
        positions = SearchReplica.objects.values_list("position", flat=True)
        bound = min([old, feed_end() - 1, *positions])
        if bound <= state.pruned_through:
            return 0
        deleted, _ = SearchChange.objects.filter(id__lte=bound).delete()
        state.pruned_through = bound
        state.save(update_fields=["pruned_through"])
    return deleted
