"""Reads about the index replicas, for the operator (``gongkai search status``)."""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.search import feed
from gongkai.search.indexing import search_index
from gongkai.search.models import SearchReplica


@dataclass(frozen=True)
class ReplicaStatus:
    feed_end: int
    pruned_through: int
    local: int | None  # this node's position; None before its first rebuild
    replicas: list[SearchReplica]  # as each node's follower last reported


def replica_status() -> ReplicaStatus:
    position = search_index().position()
    return ReplicaStatus(
        feed_end=feed.feed_end(),
        pruned_through=feed.pruned_through(),
        local=None if position is None else position.through,
        replicas=list(SearchReplica.objects.order_by("label")),
    )
