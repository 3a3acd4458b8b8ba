"""Index updates as queued tasks, retried until they land.

A rebuild holds the index's write lock for its whole run; an update arriving then
fails with IndexBusy and is retried, so the retry budget here covers a long rebuild
(INDEX_RETRIES × INDEX_RETRY_DELAY ≈ 1 hour) rather than the queue's default.
"""

from __future__ import annotations

from huey import crontab

from gongkai.jobs.queue import job, periodic_job
from gongkai.search.document import SearchDocument
from gongkai.search.indexing import rebuild, search_index
from gongkai.search.source import catalogue_documents

INDEX_RETRIES = 120
INDEX_RETRY_DELAY = 30


@job(retries=INDEX_RETRIES, retry_delay=INDEX_RETRY_DELAY)
def apply_documents(payloads: list[bytes]) -> str:
    count = search_index().index_documents(SearchDocument.from_json(p) for p in payloads)
    return f"已更新检索索引{count}条"


@job(retries=INDEX_RETRIES, retry_delay=INDEX_RETRY_DELAY)
def remove_documents(ids: list[str]) -> str:
    count = search_index().delete_documents(ids)
    return f"已从检索索引移除{count}条"


@job(retries=INDEX_RETRIES, retry_delay=INDEX_RETRY_DELAY)
def refresh(ids: list[str]) -> str:
    current = list(catalogue_documents(ids))
    gone = sorted(set(ids) - {doc.id for doc in current})
    search_index().apply(upserts=current, deletes=gone)
    return f"检索索引：更新{len(current)}条，移除{len(gone)}条"


@periodic_job(crontab(hour="3", minute="30"))
def remine_grams() -> str:
    """Rebuild at night once the catalogue has outgrown its frequent grams (grams.py).

    An index that grew entry by entry has none, and broad phrase queries stay slow
    until a rebuild mines them; the portal keeps answering from the old generation.
    """
    if not search_index().grams_outdated():
        return "检索索引的高频短语表无需更新"
    return f"检索索引已重建（{rebuild()}条），高频短语表已更新"
