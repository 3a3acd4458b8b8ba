"""The catalogue's change feed in the database, which every node's index follows.

Each publication, edit, withdrawal or deletion appends one numbered row per page,
in the transaction that made the change (the feed is exactly as durable as the
change). Each node applies the rows after its own position (follow.py); nothing
here knows about nodes except pruning, which keeps what a live node still needs.

Numbers and commit order: SQLite serialises writers (IMMEDIATE transactions), so a
change becomes visible only after every lower-numbered one. PostgreSQL hands out
numbers before commit, so change 101 can be visible while 100 is still running.
Each row therefore records, in ``horizon``, a transaction id assigned after every
lower number was taken: every transaction that could hold a lower number has an id
below it. Once the reader's snapshot shows every transaction below ``horizon``
finished (``horizon <= xmin``), the row is *settled*: no lower number can still appear.

Two details make that true. A writer asks for its transaction id before it takes a
number (PostgreSQL assigns ids at the first write, which in an INSERT comes after
the column default ``nextval``); and the horizon is the id of a subtransaction
written after the numbers were taken — not a snapshot's xmax, which is only "one
past the newest *finished* id" and can lie below a running writer's id (seen in
tests/search/test_search_nodes.py: the slow writer's id equalled the later row's xmax).
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
    if not page_ids:
        return
    if _numbers_before_commit():
        with connection.cursor() as cursor:  # an id before a number; see the docstring
            cursor.execute("SELECT pg_current_xact_id()")
    rows = SearchChange.objects.bulk_create(
        [SearchChange(page_id=page_id, created_at=now) for page_id in page_ids]
    )
    if _numbers_before_commit():
        _mark_horizon([row.pk for row in rows])


def _mark_horizon(pks: list[int]) -> None:
    """Store, on the rows just numbered, a transaction id assigned after their numbers.

    A savepoint's first write gets a fresh id from the same counter as every
    transaction's; the rows it rewrites carry it as ``xmin``. It is widened to the
    64-bit id the reader's snapshot uses with the epoch of our own transaction, which
    it follows by less than 2³² ids.
    """
    table = SearchChange._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET horizon = 0 WHERE id = ANY(%s)", [pks])
        cursor.execute(
            f"SELECT xmin::text::bigint, pg_current_xact_id()::text::bigint FROM {table} "
            "WHERE id = %s",
            [pks[0]],
        )
        sub, top = cursor.fetchone()
        horizon = top + ((sub - top) % 2**32)
        cursor.execute(f"UPDATE {table} SET horizon = %s WHERE id = ANY(%s)", [horizon, pks])


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
