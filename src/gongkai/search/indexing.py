"""The Django side of search: where the index lives and how the catalogue updates it.

The database is the source of truth and the index is derived from it. Changes go
through the task queue (jobs.py) so that a failed write is retried until it lands,
and they are queued on commit, so a rolled-back publication never reaches the index.
``refresh_documents`` is the call to prefer: its task reads the entries again when
it runs, so retries and out-of-order execution still end at the database's state,
and an entry withdrawn meanwhile is removed rather than re-added.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import transaction

from gongkai.search.document import SearchDocument
from gongkai.search.engine import SearchIndex, SearchRequest, SearchResults
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


def _on_commit(task: Callable[..., object], *args: object) -> None:
    transaction.on_commit(partial(task, *args))


def index_documents(docs: Iterable[SearchDocument]) -> None:
    """Queue adding or replacing these documents as given."""
    from gongkai.search.jobs import apply_documents

    payloads = [doc.to_json() for doc in docs]
    if payloads:
        _on_commit(apply_documents, payloads)


def delete_documents(ids: Iterable[str]) -> None:
    """Queue removing these entries from the index."""
    from gongkai.search.jobs import remove_documents

    targets = [str(i) for i in ids]
    if targets:
        _on_commit(remove_documents, targets)


def refresh_documents(ids: Iterable[str]) -> None:
    """Queue bringing these entries in line with the database (publish, edit, withdraw)."""
    from gongkai.search.jobs import refresh

    targets = [str(i) for i in ids]
    if targets:
        _on_commit(refresh, targets)


def rebuild(
    documents: Iterable[SearchDocument] | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Rebuild the whole index now, from ``documents`` or the catalogue."""
    from gongkai.search.source import catalogue_documents

    source = catalogue_documents() if documents is None else documents
    return search_index().rebuild(source, progress)
