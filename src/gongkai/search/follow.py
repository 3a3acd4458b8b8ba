"""This node's follower: bring the local index replica up to the catalogue's change feed.

Every node (its own home, its own index) runs one: ``gongkai serve`` starts
``gongkai search follow``, which polls the feed; the task worker also catches up
right after each publishing transaction commits, so a single node sees the change
as soon as its worker runs. Applying is idempotent (the pages are read again), the
position is stored only after the index commit, and a node that cannot learn from
the feed what changed (a new node, a feed pruned past it, a database restored to an
earlier state) rebuilds its index from the catalogue instead.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from gongkai.search import feed
from gongkai.search.engine import IndexBusy, IndexUpdate
from gongkai.search.indexing import index_directory, rebuild, search_index
from gongkai.search.position import SeenChange
from gongkai.search.source import catalogue_documents

logger = logging.getLogger(__name__)

BATCH = 500  # changes per index commit
REPORT_EVERY = 30.0  # seconds between reports of this node's position to the database


class FeedBroken(RuntimeError):
    """The feed still cannot be followed after a rebuild: the database is inconsistent."""


@dataclass(frozen=True)
class CatchUp:
    applied: int  # changes applied
    rebuilt: int | None  # entries indexed by a rebuild, when one was needed
    position: int  # every change up to this one is in the index

    def summary(self) -> str:
        rebuilt = f"重建索引{self.rebuilt}条，" if self.rebuilt is not None else ""
        return f"检索索引：{rebuilt}应用变更{self.applied}条，已跟进至第{self.position}号"


@dataclass(frozen=True)
class _Step:
    applied: int
    position: int
    done: bool


def catch_up(*, batch: int = BATCH) -> CatchUp:
    """Apply every change after this node's position, ``batch`` per index commit."""
    index = search_index()
    applied, rebuilt = 0, None
    while True:
        with index.updating() as update:
            step = _step(update, batch)
        if step is None:
            if rebuilt is not None:
                raise FeedBroken("检索变更记录在重建索引后仍无法跟进，请检查数据库。")
            rebuilt = rebuild()
            continue
        applied += step.applied
        if step.done:
            return CatchUp(applied=applied, rebuilt=rebuilt, position=step.position)


def _step(update: IndexUpdate, batch: int) -> _Step | None:
    """One batch, under the index's write lock; None when only a rebuild can help."""
    position = update.position
    if position is None:
        return None
    limit = batch + len(position.beyond)
    changes = feed.changes_after(position.through, limit=limit)
    # Pruning deletes a prefix of the feed: when the change right after ours is
    # there, nothing we need was pruned. Otherwise look closer: a feed pruned past
    # us, or one that ends before changes we applied (the database was restored).
    if not changes or changes[0].id != position.through + 1 or position.beyond:
        applied = max(position.beyond, default=position.through)
        if feed.pruned_through() > position.through or feed.feed_end() < applied:
            return None
    fresh = [change for change in changes if not position.includes(change.id)]
    pages = sorted({str(change.page_id) for change in fresh})
    current = list(catalogue_documents(pages)) if pages else []
    gone = sorted(set(pages) - {doc.id for doc in current})
    advanced = position.after([SeenChange(change.id, change.settled) for change in changes])
    if advanced != position:
        update.apply(upserts=current, deletes=gone, position=advanced)
    return _Step(len(fresh), advanced.through, done=len(changes) < limit or not fresh)


def this_node() -> tuple[str, str]:
    """(identifier, label) of this node's replica: kept in its index directory."""
    path = index_directory() / "node"
    try:
        node = path.read_text().strip()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        node = uuid.uuid4().hex
        path.write_text(node)
    return node, f"{socket.gethostname()}:{settings.HOME}"


def follow(
    *, interval: float, stop: threading.Event, say: Callable[[str], None] = logger.info
) -> None:
    """Catch up every ``interval`` seconds until ``stop`` is set.

    A failed round (the index locked by a rebuild, the database away) is reported
    and tried again next round: the position has not moved, so nothing is lost.
    """
    node, label = this_node()
    reported = -REPORT_EVERY
    while not stop.is_set():
        close_old_connections()
        try:
            result = catch_up()
            if result.applied or result.rebuilt is not None:
                say(result.summary())
            if time.monotonic() - reported >= REPORT_EVERY or result.rebuilt is not None:
                feed.report_position(
                    node=node, label=label, position=result.position, now=timezone.now()
                )
                reported = time.monotonic()
        except (IndexBusy, DatabaseError, FeedBroken) as error:
            say(f"检索索引本轮未能跟进，稍后重试：{error}")
        stop.wait(interval)
