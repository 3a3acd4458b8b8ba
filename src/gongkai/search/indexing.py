"""The Django side of search: where this node's index lives and how changes reach it.

The database is the source of truth and each node's index is a replica derived from
it. A change is recorded in the catalogue's change feed (feed.py) in the same
transaction as the change itself; every node's follower (follow.py) applies the
feed to its own index, reading the entries again, so retries, repeats and
out-of-order runs all end at the database's state and an entry withdrawn meanwhile
is removed rather than re-added. On commit, the local task worker catches up at
once, so a single node is as quick as before the feed existed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from gongkai.search.engine import SearchIndex, SearchRequest, SearchResults
from gongkai.search.position import FeedPosition
from gongkai.search.vocabulary import Vocabulary, VocabularyError, load_vocabulary

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_shared: dict[str, tuple[SearchIndex, int | None]] = {}


def index_directory() -> Path:
    return Path(settings.HOME) / "search"


def vocabulary_file() -> Path:
    """The operator's synonyms and hot terms; the bundled defaults apply until it exists."""
    return index_directory() / "vocabulary.json"


def search_index() -> SearchIndex:
    """This process's SearchIndex, with the operator's vocabulary as last saved."""
    directory, path = index_directory(), vocabulary_file()
    try:
        stamp: int | None = path.stat().st_mtime_ns
    except FileNotFoundError:
        stamp = None
    with _lock:
        index, loaded = _shared.get(str(directory), (None, None))
        if index is None:
            index = SearchIndex(directory, _vocabulary(path, fallback=load_vocabulary(None)))
        elif stamp != loaded:
            index.vocabulary = _vocabulary(path, fallback=index.vocabulary)
        _shared[str(directory)] = (index, stamp)
        return index


def _vocabulary(path: Path, *, fallback: Vocabulary) -> Vocabulary:
    """The operator's file; a broken one is logged and the last good one kept.

    Search must keep answering while the operator fixes a typo in the file.
    """
    try:
        return load_vocabulary(path)
    except VocabularyError as error:
        logger.error("%s 检索继续使用此前的词表。", error)
        return fallback


def search(request: SearchRequest) -> SearchResults:
    return search_index().search(request)


def refresh_documents(ids: Iterable[str]) -> None:
    """Record that these pages changed (published, edited, withdrawn, deleted).

    Call it inside the transaction that changes them: the feed's rows commit or roll
    back with the change. After commit, the task worker brings this node's index up
    to date; other nodes' followers pick the change up from the feed.
    """
    from gongkai.jobs.outbox import enqueue_on_commit
    from gongkai.search.feed import record_changes
    from gongkai.search.jobs import catch_up

    pages = sorted({int(i) for i in ids})
    if pages:
        record_changes(pages, now=timezone.now())
        enqueue_on_commit(catch_up)


def rebuild(progress: Callable[[int], None] | None = None) -> int:
    """Rebuild the whole index now from the catalogue, then follow the feed from where it
    stood before the catalogue was read: changes made during the rebuild come after."""
    from gongkai.search.feed import rebuild_position
    from gongkai.search.source import catalogue_documents

    position = FeedPosition(through=rebuild_position())
    return search_index().rebuild(catalogue_documents(), progress, position=position)
