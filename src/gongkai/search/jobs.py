"""Search's background tasks: catching up after a commit, pruning the feed, nightly grams.

A rebuild holds the index's write lock for its whole run; a catch-up arriving then
fails with IndexBusy and is retried, so the retry budget here covers a long rebuild
(INDEX_RETRIES × INDEX_RETRY_DELAY ≈ 1 hour) rather than the queue's default. The
node's follower (``gongkai search follow``) would apply the change anyway; the
retries keep a node without one current too.
"""

from __future__ import annotations

from django.utils import timezone
from huey import crontab

from gongkai.jobs.queue import job, periodic_job
from gongkai.search import feed, follow
from gongkai.search.indexing import rebuild, search_index

INDEX_RETRIES = 120
INDEX_RETRY_DELAY = 30


@job(retries=INDEX_RETRIES, retry_delay=INDEX_RETRY_DELAY)
def catch_up() -> str:
    """Bring the index of the node whose worker runs this up to the feed."""
    return follow.catch_up().summary()


@periodic_job(crontab(hour="4", minute="10"))
def prune_feed() -> str:
    deleted = feed.prune(now=timezone.now())
    return f"已清理{feed.RETENTION.days}天前的检索变更记录{deleted}条"


@periodic_job(crontab(hour="3", minute="30"), batch=True)
def remine_grams() -> str:
    """Rebuild at night once the catalogue has outgrown its frequent grams (grams.py).

    An index that grew entry by entry has none, and broad phrase queries stay slow
    until a rebuild mines them; the portal keeps answering from the old generation.
    """
    if not search_index().grams_outdated():
        return "检索索引的高频短语表无需更新"
    return f"检索索引已重建（{rebuild()}条），高频短语表已更新"
