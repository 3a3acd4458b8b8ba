"""The search index on disk: one writer, any number of readers, atomic rebuilds.

Layout under the index directory::

    current          name of the live generation (replaced atomically)
    write.lock       held by whoever writes (the feed's follower, a rebuild)
    g<timestamp>/    a tantivy index, and feed.json: how far it has followed the
                     catalogue's change feed (position.py), written after each commit

Readers (every web process) check ``current`` and the generation's meta.json on
each query — two stat calls — and reload when either changed, so a commit by the
worker or a finished rebuild is visible to the next query in every process.
A rebuild writes a new generation beside the live one and switches ``current`` at
the end: the portal keeps answering from the old index while it runs.
"""

from __future__ import annotations

import fcntl
import itertools
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tantivy

from gongkai.search import schema as f
from gongkai.search.cursor import MAX_DEPTH, Cursor
from gongkai.search.document import SearchDocument
from gongkai.search.grams import SAMPLE_SIZE, PhraseGrams, mine
from gongkai.search.position import FeedPosition
from gongkai.search.query import Filters, ParsedQuery, QueryError, build, parse, restrict
from gongkai.search.snippets import Snippet, excerpt, highlight, pattern
from gongkai.search.suggest import correct_word
from gongkai.search.tokens import runs
from gongkai.search.vocabulary import Vocabulary

MAX_LIMIT = 100
FACET_SIZE = 50
WRITER_HEAP = 64_000_000
REBUILD_HEAP = 256_000_000
LOCK_WAIT_SECONDS = 10.0
FEED_FILE = "feed.json"
# Extra candidates collected past a relevance page so that hits with equal scores
# around the page boundary are ordered by their key, not by where tantivy cut.
TIE_SLACK = 16

# Facet counts are a second pass over every hit. tantivy releases the GIL while it
# searches, so that pass runs on another core while this thread collects the page.
_facet_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="search-facets")


class IndexBusy(RuntimeError):
    """Another process holds the write lock (a rebuild is running); retry later."""


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    filters: Filters = field(default_factory=Filters)
    sort: str = "relevance"  # or "date"; an empty query is always by date
    limit: int = 10
    after: str | None = None  # cursor from the previous page's SearchResults.next_cursor
    facets: bool = True


@dataclass(frozen=True)
class SearchHit:
    document: SearchDocument
    score: float
    title: Snippet
    snippet: Snippet


@dataclass(frozen=True)
class SearchResults:
    query: ParsedQuery
    hits: list[SearchHit]
    total: int
    next_cursor: str | None  # None on the last page
    # Counts per facet value over all hits; computed for the first page only, since
    # they cost a second pass over every hit and do not change from page to page.
    facets: dict[str, list[tuple[str | int, int]]]
    suggestion: str | None  # a corrected query when this one found nothing


class SearchIndex:
    """Reads and writes one index directory; safe to share between threads."""

    def __init__(self, directory: Path, vocabulary: Vocabulary | None = None) -> None:
        self.directory = Path(directory)
        self.vocabulary = vocabulary or Vocabulary()
        self.schema = f.build_schema()
        self._lock = threading.RLock()
        self._index: tantivy.Index | None = None
        self._generation: str | None = None
        self._grams = PhraseGrams()  # the open generation's
        self._stamp: tuple[int, int] | None = None
        self._writer_grams: tuple[str, PhraseGrams] | None = None

    # --- reading -------------------------------------------------------------

    def _current_generation(self) -> str | None:
        try:
            return (self.directory / "current").read_text().strip() or None
        except FileNotFoundError:
            return None

    def _open(self, generation: str) -> tantivy.Index:
        index = tantivy.Index(self.schema, path=str(self.directory / generation), reuse=True)
        index.config_reader(reload_policy="Manual")
        return index

    def searcher(self) -> tantivy.Searcher | None:
        """A searcher on the latest commit, or None before anything was indexed."""
        reader = self.reader()
        return reader[0] if reader else None

    def reader(self) -> tuple[tantivy.Searcher, frozenset[str]] | None:
        """A searcher on the latest commit and the frequent grams of its generation."""
        with self._lock:
            for _ in range(2):  # a rebuild may replace the generation between two reads
                generation = self._current_generation()
                if generation is None:
                    return None
                if generation != self._generation or self._index is None:
                    self._index, self._generation = self._open(generation), generation
                    self._grams = PhraseGrams.load(self.directory / generation)
                    self._stamp = None
                try:
                    meta = os.stat(self.directory / generation / "meta.json")
                except FileNotFoundError:
                    self._generation = None
                    continue
                stamp = (meta.st_mtime_ns, meta.st_size)
                if stamp != self._stamp:
                    self._index.reload()
                    self._stamp = stamp
                return self._index.searcher(), self._grams.words
            return None

    def search(self, request: SearchRequest) -> SearchResults:
        if not 1 <= request.limit <= MAX_LIMIT:
            raise QueryError(f"每页条数应在1到{MAX_LIMIT}之间。")
        if request.sort not in {"relevance", "date"}:
            raise QueryError("排序方式应为“相关度”（relevance）或“日期”（date）。")
        parsed = parse(request.text)
        reader = self.reader()
        if reader is None:
            return SearchResults(parsed, [], 0, None, {}, None)
        searcher, grams = reader
        by_date = request.sort == "date" or parsed.is_empty
        order = "date" if by_date else "relevance"
        cursor = Cursor.decode(request.after, order=order) if request.after else None
        matched = restrict(
            build(self.schema, parsed, self.vocabulary, grams)
            if not parsed.is_empty
            else tantivy.Query.all_query(),
            request.filters.queries(self.schema),
        )
        counting = (
            _facet_pool.submit(self._facets, searcher, matched)
            if request.facets and cursor is None
            else None
        )
        if by_date:
            page, total, more = self._page_by_date(searcher, matched, request.limit, cursor)
        else:
            page, total, more = self._page_by_relevance(searcher, matched, request.limit, cursor)
        matcher = pattern(self._highlighted(parsed))
        hits = []
        for score, _key, address in page:
            doc = SearchDocument.from_json(searcher.doc(address).get_first(f.PAYLOAD))
            hits.append(
                SearchHit(
                    document=doc,
                    score=score,
                    title=highlight(doc.title, matcher),
                    snippet=excerpt((doc.body, doc.attachment_text), matcher),
                )
            )
        next_cursor = None
        if more and page:
            score, key, _ = page[-1]
            depth = (cursor.depth if cursor else 0) + len(page)
            if depth < MAX_DEPTH:
                next_cursor = Cursor(order=order, key=key, score=score, depth=depth).encode()
        facets = counting.result() if counting is not None else {}
        suggestion = None
        if total == 0 and cursor is None and parsed.words:
            suggestion = self._suggest(searcher, parsed, grams)
        return SearchResults(parsed, hits, total, next_cursor, facets, suggestion)

    def grams_outdated(self) -> bool:
        """Whether the catalogue has outgrown the frequent grams (grams.py): time to rebuild."""
        searcher = self.searcher()
        return searcher is not None and self._grams.outdated(searcher.num_docs)

    def _highlighted(self, parsed: ParsedQuery) -> Iterator[str]:
        """Each word and synonym, and their runs of two or more characters."""
        for word in parsed.words:
            for variant in self.vocabulary.variants(word):
                yield variant
                yield from (run for run in runs(variant) if len(run) > 1)

    def _page_by_date(
        self, searcher: tantivy.Searcher, matched: tantivy.Query, limit: int, cursor: Cursor | None
    ) -> tuple[list[tuple[float, int, Any]], int, bool]:
        total = searcher.search(matched, 1, count=True).count
        query = matched
        if cursor is not None:
            before = tantivy.Query.range_query(
                self.schema,
                f.SORT_KEY,
                tantivy.FieldType.Unsigned,
                None,
                cursor.key,
                include_upper=False,
            )
            query = restrict(matched, [before])
        found = searcher.search(query, limit + 1, count=False, order_by_field=f.SORT_KEY)
        page = [(0.0, key, address) for key, address in found.hits]
        return page[:limit], total, len(page) > limit

    def _page_by_relevance(
        self, searcher: tantivy.Searcher, matched: tantivy.Query, limit: int, cursor: Cursor | None
    ) -> tuple[list[tuple[float, int, Any]], int, bool]:
        # tantivy's collectors take no score bound, so a later page collects the hits
        # up to its depth again (a heap of depth+limit addresses, no stored documents)
        # and keeps those strictly after the cursor's (score, key).
        depth = cursor.depth if cursor else 0
        found = searcher.search(
            matched, depth + limit + 1 + TIE_SLACK, count=True, weight_by_field=f.RECENCY
        )
        addresses = [address for _, address in found.hits]
        keys = searcher.fast_field_values(f.SORT_KEY, addresses) if addresses else []
        ranked = sorted(
            ((score, key, address) for (score, address), key in zip(found.hits, keys, strict=True)),
            key=lambda hit: (hit[0], hit[1]),
            reverse=True,
        )
        if cursor is not None:
            ranked = [h for h in ranked if (h[0], h[1]) < (cursor.score, cursor.key)]
        return ranked[:limit], found.count, len(ranked) > limit

    def _facets(
        self, searcher: tantivy.Searcher, matched: tantivy.Query
    ) -> dict[str, list[tuple[str | int, int]]]:
        spec = {name: {"terms": {"field": name, "size": FACET_SIZE}} for name in f.FACET_FIELDS}
        result = searcher.aggregate(matched, spec)
        return {
            name: [(bucket["key"], bucket["doc_count"]) for bucket in result[name]["buckets"]]
            for name in f.FACET_FIELDS
        }

    def _suggest(
        self, searcher: tantivy.Searcher, parsed: ParsedQuery, grams: frozenset[str]
    ) -> str | None:
        def count(text: str) -> int:
            query = build(self.schema, parse(text), self.vocabulary, grams)
            return searcher.search(query, 1, count=True).count

        corrected = list(parsed.words)
        changed = False
        for i, word in enumerate(parsed.words):
            if count(word) == 0:
                better = correct_word(searcher, word, self.vocabulary, count)
                if better is not None:
                    corrected[i], changed = better, True
        return " ".join(corrected) if changed else None

    # --- writing -------------------------------------------------------------

    @contextmanager
    def _write_lock(self, wait: float) -> Iterator[None]:
        self.directory.mkdir(parents=True, exist_ok=True)
        with open(self.directory / "write.lock", "a") as handle:
            deadline = time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise IndexBusy(
                            "检索索引正在被其他进程写入（可能正在重建），稍后重试。"
                        ) from None
                    time.sleep(0.05)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @contextmanager
    def held_still(self, wait: float = LOCK_WAIT_SECONDS) -> Iterator[Path | None]:
        """The current generation's folder, with every writer kept out until the block
        ends: a backup copies one whole generation, never one half-written."""
        with self._lock, self._write_lock(wait):
            generation = self._current_generation()
            yield None if generation is None else self.directory / generation

    def document_count(self) -> int:
        searcher = self.searcher()
        return 0 if searcher is None else searcher.num_docs

    def _new_generation(self) -> str:
        name = f"g{time.time_ns()}"
        (self.directory / name).mkdir(parents=True)
        return name

    def _switch_to(self, generation: str) -> None:
        pointer = self.directory / "current.tmp"
        pointer.write_text(generation)
        os.replace(pointer, self.directory / "current")
        for old in self.directory.glob("g*"):
            if old.name != generation and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)

    def _grams_for_writing(self, generation: str) -> PhraseGrams:
        """The generation's grams, kept between updates (building the automaton costs)."""
        if self._writer_grams is None or self._writer_grams[0] != generation:
            self._writer_grams = (generation, PhraseGrams.load(self.directory / generation))
        return self._writer_grams[1]

    @contextmanager
    def updating(self) -> Iterator[IndexUpdate]:
        """The live generation, with every other writer kept out until the block ends.

        A follower reads its feed position, the changes after it and the pages they
        name all inside the block: two writers interleaving could otherwise commit an
        older reading of a page over a newer one and move the position past both.
        """
        with self._lock, self._write_lock(LOCK_WAIT_SECONDS):
            generation = self._current_generation()
            if generation is None:
                generation = self._new_generation()
                tantivy.Index(self.schema, path=str(self.directory / generation), reuse=False)
                self._switch_to(generation)
            yield IndexUpdate(self, generation)

    def apply(
        self, *, upserts: Iterable[SearchDocument] = (), deletes: Iterable[str] = ()
    ) -> tuple[int, int]:
        """Add or replace ``upserts`` (by id) and remove ``deletes``, in one commit."""
        prepared, targets = list(upserts), list(deletes)
        if not (prepared or targets):
            return 0, 0
        with self.updating() as update:
            return update.apply(upserts=prepared, deletes=targets)

    def index_documents(self, docs: Iterable[SearchDocument]) -> int:
        return self.apply(upserts=docs)[0]

    def delete_documents(self, ids: Iterable[str]) -> int:
        """Remove the entries with these ids; unknown ids are ignored."""
        return self.apply(deletes=ids)[1]

    def rebuild(
        self,
        docs: Iterable[SearchDocument],
        progress: Callable[[int], None] | None = None,
        *,
        threads: int = 2,
        position: FeedPosition | None = None,
    ) -> int:
        """Index ``docs`` into a fresh generation, then make it the live one.

        Holds the write lock throughout, so updates wait and land in the new index
        instead of the discarded one. ``position`` is where the feed stood before
        ``docs`` were read: the changes after it are applied once the rebuild is live.
        The frequent grams are mined from the first SAMPLE_SIZE documents before any
        is indexed.
        """
        with self._write_lock(LOCK_WAIT_SECONDS):
            generation = self._new_generation()
            index = tantivy.Index(self.schema, path=str(self.directory / generation), reuse=False)
            writer = index.writer(REBUILD_HEAP, threads)
            count = 0
            try:
                stream = iter(docs)
                sample = list(itertools.islice(stream, SAMPLE_SIZE))
                grams = PhraseGrams(mine(f.content_text(doc) for doc in sample))
                for doc in itertools.chain(sample, stream):
                    writer.add_document(f.to_index_document(doc, grams))
                    count += 1
                    if progress is not None:
                        progress(1)
                writer.commit()
                writer.wait_merging_threads()
                grams.entries = count
                grams.save(self.directory / generation)
                if position is not None:
                    _write_position(self.directory / generation, position)
            except BaseException:
                shutil.rmtree(self.directory / generation, ignore_errors=True)
                raise
            self._switch_to(generation)
            return count

    def position(self) -> FeedPosition | None:
        """How far the live generation has followed the feed, as of its last commit."""
        generation = self._current_generation()
        return None if generation is None else _read_position(self.directory / generation)

    def size_bytes(self) -> int:
        generation = self._current_generation()
        if generation is None:
            return 0
        files = (self.directory / generation).rglob("*")
        return sum(p.stat().st_size for p in files if p.is_file())


class IndexUpdate:
    """Write access to one generation, held inside SearchIndex.updating()."""

    def __init__(self, index: SearchIndex, generation: str) -> None:
        self._index = index
        self._generation = generation
        self.folder = index.directory / generation

    @property
    def position(self) -> FeedPosition | None:
        """How far this generation has followed the feed; None if it never has."""
        return _read_position(self.folder)

    def apply(
        self,
        *,
        upserts: Iterable[SearchDocument] = (),
        deletes: Iterable[str] = (),
        position: FeedPosition | None = None,
    ) -> tuple[int, int]:
        """Commit the documents, then record ``position``: a crash in between applies
        the same changes again rather than skipping them."""
        prepared = list(upserts)
        targets = list(dict.fromkeys(deletes))
        if prepared or targets:
            index = tantivy.Index(self._index.schema, path=str(self.folder), reuse=True)
            grams = self._index._grams_for_writing(self._generation)
            writer = index.writer(WRITER_HEAP, 1)
            try:
                for doc_id in targets:
                    writer.delete_documents_by_term(f.ID, doc_id)
                for doc in prepared:
                    writer.delete_documents_by_term(f.ID, doc.id)
                    writer.add_document(f.to_index_document(doc, grams))
                writer.commit()
            except BaseException:
                writer.rollback()
                raise
            finally:
                writer.wait_merging_threads()
        if position is not None:
            _write_position(self.folder, position)
        return len(prepared), len(targets)


def _read_position(folder: Path) -> FeedPosition | None:
    try:
        return FeedPosition.from_json((folder / FEED_FILE).read_bytes())
    except FileNotFoundError:
        return None


def _write_position(folder: Path, position: FeedPosition) -> None:
    pending = folder / (FEED_FILE + ".tmp")
    pending.write_bytes(position.to_json())
    os.replace(pending, folder / FEED_FILE)
