"""Bench: gongkai's search side by side with the raw engine, SQLite FTS5 and Whoosh.

One synthetic catalogue (bench/search_corpus.py), one query set, every engine in the
same run so the ratios hold:

* ``gongkai``  — gongkai.search's API end to end (parse, synonyms, ranking, top 10,
  escaped snippets, facet counts), the call the portal makes;
* ``gongkai_nofacets`` — the same without facet counts (a later page);
* ``portal``   — the portal's search page through HTTP (gunicorn via ``gongkai serve``,
  request, engine, rendered results page with facets), on gongkai's index;
* ``tantivy``  — gongkai's query sent to tantivy directly (top 10, stored documents
  fetched): the limit gongkai's layers add to;
* ``tantivy_plain`` — the simplest query for the words on the same index (no synonyms,
  no ranking bands, plain BM25): a floor;
* ``fts5``     — SQLite FTS5 over the same bigram tokens, bm25, top 10, snippets;
* ``whoosh``   — Whoosh with jieba's ChineseAnalyzer (the classic Django choice).

Each engine builds and is queried in its own process, so build time, index size and
memory (peak while building; resident while answering) are its own. Latency is per
query, sequential, after a warm-up; qps is 1 / mean latency on one client. Recall is
measured against a brute-force substring scan of the same corpus: an entry is
relevant when every word of the query occurs in its title, body, attachment text,
文号 or 索引号.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python bench/search_engines.py --entries 10000        # all engines
    .venv/bin/python bench/search_engines.py --entries 100000 --engines gongkai \
        gongkai_nofacets tantivy fts5
    .venv/bin/python bench/search_engines.py --entries 1000000 --engines gongkai \
        gongkai_nofacets portal tantivy fts5

Whoosh is run at 10,000 entries only: its build takes about 40 s per thousand
entries here, so 100,000 would take well over an hour.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import version
from pathlib import Path
from typing import Any, ClassVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from applications_http import Server, free_port  # noqa: E402
from portal_http import load  # noqa: E402
from search_corpus import Catalogue, read_jsonl, write_jsonl  # noqa: E402

from gongkai.search import schema as fields  # noqa: E402
from gongkai.search.engine import SearchIndex, SearchRequest  # noqa: E402
from gongkai.search.query import build, parse, word_runs  # noqa: E402
from gongkai.search.snippets import excerpt, highlight, pattern  # noqa: E402
from gongkai.search.tokens import run_tokens, tokenize  # noqa: E402
from gongkai.search.vocabulary import load_vocabulary  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "search_engines.json"
TOP = 10
WARMUP = 1

FIXED_QUERIES = {
    "two_char": ["低保", "拆迁", "预算", "医保", "招标", "信访", "燃气", "决算"],
    "long_word": [
        "最低生活保障",
        "国有土地上房屋征收",
        "政府信息公开",
        "营商环境",
        "老旧小区",
        "创业担保贷款",
        "双随机一公开",
        "农民工工资",
    ],
    "multi_word": [
        "低保 资金",
        "拆迁 补偿 方案",
        "预算 公开 2021",
        "疫情防控 社区 检查",
        "医保 养老保险",
        "招标 采购 公示",
    ],
    "phrase": [
        '"专项检查"',
        '"长效机制"',
        '"政务服务中心窗口"',
        '"户困难群众"',
        '"城市更新条例"',
        '"整改情况纳入"',
    ],
}


def make_queries(corpus: Path, seed: int) -> dict[str, list[str]]:
    """The fixed queries, rare tail names, and 文号 of entries spread over the corpus."""
    queries = {name: list(values) for name, values in FIXED_QUERIES.items()}
    tail = Catalogue(seed).tail
    queries["rare"] = [tail[rank] for rank in (2_000, 5_000, 9_000, 14_000, 20_000, 30_000)]
    numbers = [doc.document_number for doc in read_jsonl(corpus) if doc.document_number]
    step = max(len(numbers) // 8, 1)
    queries["doc_number"] = numbers[step // 2 :: step][:8]
    return queries


def relevant_words(query: str) -> list[str]:
    return list(parse(query).words)


def truth(corpus: Path, queries: dict[str, list[str]]) -> dict[str, dict[str, list]]:
    """Brute force: each query's matching entries, by id and by gongkai's sort key."""
    flat = sorted({q for qs in queries.values() for q in qs})
    words = {q: relevant_words(q) for q in flat}
    found: dict[str, dict[str, list]] = {"id": {q: [] for q in flat}, "key": {q: [] for q in flat}}
    for doc in read_jsonl(corpus):
        # The generated corpus has no full-width letters or digits, so lower() is
        # NFKC here, at a fraction of the cost over a million entries.
        text = "\n".join(
            (doc.title, doc.body, doc.attachment_text, doc.document_number, doc.index_number)
        ).lower()
        for q in flat:
            if all(w in text for w in words[q]):
                found["id"][q].append(doc.id)
                found["key"][q].append(fields.sort_key(doc.id, doc.published))
    return found


# --- engines ------------------------------------------------------------------


class Engine:
    name: ClassVar[str]
    matched_by: ClassVar[str] = "id"  # what matches() returns: "id" or gongkai's sort "key"

    def __init__(self, workdir: Path, corpus: Path) -> None:
        self.workdir = workdir
        self.corpus = corpus

    def build(self) -> None:
        raise NotImplementedError

    def open(self) -> None:
        """Prepare to answer queries (open the index) in a fresh process."""

    def close(self) -> None:
        """Stop whatever ``open`` started."""

    def under_load(self, texts: list[str]) -> dict[str, Any]:
        """Figures from many concurrent clients, for an engine that serves them."""
        return {}

    def search(self, query: str) -> list[str]:
        """Ids of the top hits, with whatever the engine renders for them."""
        raise NotImplementedError

    def matches(self, query: str) -> set[Any]:
        """Every matching entry (as ``matched_by`` says), for recall."""
        raise NotImplementedError

    def size(self) -> int:
        return sum(p.stat().st_size for p in self.workdir.rglob("*") if p.is_file())


class Gongkai(Engine):
    name = "gongkai"
    matched_by = "key"

    def _index(self) -> SearchIndex:
        return SearchIndex(self.workdir / "index", load_vocabulary(None))

    def build(self) -> None:
        self._index().rebuild(read_jsonl(self.corpus))

    def open(self) -> None:
        self.index = self._index()

    def search(self, query: str) -> list[str]:
        results = self.index.search(SearchRequest(text=query, limit=TOP))
        for hit in results.hits:  # render as the portal would
            hit.title.html(), hit.snippet.html()
        return [hit.document.id for hit in results.hits]

    def matches(self, query: str) -> set[Any]:
        searcher, grams = self.index.reader()
        q = build(self.index.schema, parse(query), self.index.vocabulary, grams)
        total = searcher.search(q, 1, count=True).count
        if total == 0:
            return set()
        hits = searcher.search(q, total).hits
        return set(searcher.fast_field_values(fields.SORT_KEY, [address for _, address in hits]))


class GongkaiNoFacets(Gongkai):
    """The same call for a later page or a caller that shows no facet counts."""

    name = "gongkai_nofacets"

    def search(self, query: str) -> list[str]:
        results = self.index.search(SearchRequest(text=query, limit=TOP, facets=False))
        for hit in results.hits:
            hit.title.html(), hit.snippet.html()
        return [hit.document.id for hit in results.hits]


class Portal(Gongkai):
    """The portal's search page over HTTP, served by gunicorn from gongkai's index.

    A home with an empty catalogue whose ``search`` directory is the index gongkai
    built: the page reads only the index (and the agencies, for facet labels).
    """

    name = "portal"
    WORKERS = 2
    LOAD_CLIENTS = 50
    LOAD_SECONDS = 20.0
    _HIT = re.compile(r'<h3><a href="/catalogue/(\d+)/">')

    def __init__(self, workdir: Path, corpus: Path) -> None:
        super().__init__(workdir, corpus)
        self.home = workdir.parent / "portal-home"

    def open(self) -> None:
        super().open()
        shutil.rmtree(self.home, ignore_errors=True)
        self.home.mkdir(parents=True)
        (self.home / "search").symlink_to(self.workdir / "index")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
        env.pop("DATABASE_URL", None)
        env["GONGKAI_HOME"] = str(self.home)
        gongkai = str(Path(sys.executable).with_name("gongkai"))
        subprocess.run([gongkai, "init"], env=env, check=True, capture_output=True)
        self.server = Server(env, free_port(), self.WORKERS)
        self.server.start()
        self._connect()

    def _connect(self) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)

    def search(self, query: str) -> list[str]:
        path = "/search/?" + urllib.parse.urlencode({"q": query})
        try:
            self.connection.request("GET", path)
            response = self.connection.getresponse()
        except (http.client.RemoteDisconnected, ConnectionError):
            # gunicorn closes a keep-alive connection idle for 2 s (the recall scan).
            self._connect()
            self.connection.request("GET", path)
            response = self.connection.getresponse()
        page = response.read().decode()
        if response.status != 200:
            raise RuntimeError(f"search {query!r} answered HTTP {response.status}")
        return self._HIT.findall(page)

    def under_load(self, texts: list[str]) -> dict[str, Any]:
        """Every query in turn from LOAD_CLIENTS keep-alive clients for LOAD_SECONDS."""
        paths = ["/search/?" + urllib.parse.urlencode({"q": q}) for q in texts]
        figures = load(
            self.server.port, lambda n: paths[n % len(paths)], self.LOAD_CLIENTS, self.LOAD_SECONDS
        )
        return {f"under_load_{self.LOAD_CLIENTS}_clients": figures}

    def close(self) -> None:
        self.server.kill()


class RawTantivy(Gongkai):
    """gongkai's own query (synonyms, ranking bands, grams) sent straight to tantivy.

    Top 10 by score with recency, stored documents fetched: what the engine itself
    costs for the question gongkai asks, so gongkai's and the portal's figures above it
    are what their own layers add (parsing, snippets, facets, HTTP, the page).
    """

    name = "tantivy"
    weight_by: str | None = fields.RECENCY

    def _query(self, query: str) -> Any:
        return build(self.index.schema, parse(query), self.index.vocabulary, self.index.reader()[1])

    def search(self, query: str) -> list[str]:
        searcher = self.index.searcher()
        hits = searcher.search(self._query(query), TOP, weight_by_field=self.weight_by).hits
        docs = [searcher.doc(address).get_first(fields.PAYLOAD) for _, address in hits]
        return [json.loads(d)["id"] for d in docs]


class PlainTantivy(RawTantivy):
    """The simplest query tantivy answers for the words: no synonyms, no ranking bands.

    Each word in the title or the content, as a term, a frequent-gram term or a bigram
    phrase; plain BM25. A floor, not the same question gongkai asks.
    """

    name = "tantivy_plain"
    weight_by = None

    def _query(self, query: str) -> Any:
        import tantivy

        schema = self.index.schema
        grams = self.index.reader()[1]
        clauses = []
        for word in parse(query).words:
            per_field = []
            for field in (fields.TITLE, fields.CONTENT):
                parts = []
                for run in word_runs(word):
                    tokens = run_tokens(run)
                    if run in grams:
                        parts.append(tantivy.Query.term_query(schema, fields.GRAMS_OF[field], run))
                        continue
                    parts.append(
                        tantivy.Query.term_query(schema, field, tokens[0])
                        if len(tokens) == 1
                        else tantivy.Query.phrase_query(schema, field, tokens)
                    )
                per_field.append(
                    tantivy.Query.boolean_query([(tantivy.Occur.Must, p) for p in parts])
                )
            clauses.append(
                tantivy.Query.boolean_query([(tantivy.Occur.Should, p) for p in per_field])
            )
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, c) for c in clauses])


class Fts5(Engine):
    """SQLite FTS5 over the same bigram token strings; bm25, title weighted 2."""

    name = "fts5"

    def build(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.workdir / "fts.sqlite3")
        db.executescript(
            """
            PRAGMA journal_mode=WAL;
            CREATE TABLE entry(id INTEGER PRIMARY KEY, title TEXT, body TEXT, attachment TEXT);
            CREATE VIRTUAL TABLE entry_fts USING fts5(title, content, content='');
            """
        )
        with db:
            for doc in read_jsonl(self.corpus):
                rowid = int(doc.id)
                db.execute(
                    "INSERT INTO entry VALUES (?, ?, ?, ?)",
                    (rowid, doc.title, doc.body, doc.attachment_text),
                )
                content = (doc.body, doc.attachment_text, doc.document_number, doc.index_number)
                db.execute(
                    "INSERT INTO entry_fts(rowid, title, content) VALUES (?, ?, ?)",
                    (rowid, tokenize(doc.title), tokenize("\n".join(content))),
                )
        db.execute("INSERT INTO entry_fts(entry_fts) VALUES ('optimize')")
        db.commit()
        db.close()

    def open(self) -> None:
        self.db = sqlite3.connect(self.workdir / "fts.sqlite3")

    @staticmethod
    def _match(query: str) -> str:
        parts = []
        for word in parse(query).words:
            for run in word_runs(word):
                parts.append('"' + " ".join(run_tokens(run)) + '"')
        return " AND ".join(parts)

    def search(self, query: str) -> list[str]:
        rows = self.db.execute(
            "SELECT e.id, e.title, e.body, e.attachment FROM entry_fts f JOIN entry e"
            " ON e.id = f.rowid WHERE entry_fts MATCH ? ORDER BY bm25(entry_fts, 2.0, 1.0)"
            " LIMIT ?",
            (self._match(query), TOP),
        ).fetchall()
        matcher = pattern(parse(query).words)
        for _, title, body, attachment in rows:
            highlight(title, matcher).html(), excerpt((body, attachment), matcher).html()
        return [str(row[0]) for row in rows]

    def matches(self, query: str) -> set[str]:
        rows = self.db.execute(
            "SELECT rowid FROM entry_fts WHERE entry_fts MATCH ?", (self._match(query),)
        )
        return {str(row[0]) for row in rows}


class Whoosh(Engine):
    """Whoosh with jieba's ChineseAnalyzer on title and body, AND of the words."""

    name = "whoosh"

    def build(self) -> None:
        from jieba.analyse import ChineseAnalyzer
        from whoosh import fields as wf
        from whoosh import index

        analyzer = ChineseAnalyzer()
        schema = wf.Schema(
            id=wf.ID(stored=True, unique=True),
            title=wf.TEXT(analyzer=analyzer, stored=True),
            body=wf.TEXT(analyzer=analyzer, stored=True),
        )
        self.workdir.mkdir(parents=True, exist_ok=True)
        ix = index.create_in(str(self.workdir), schema)
        writer = ix.writer(limitmb=256)
        for doc in read_jsonl(self.corpus):
            body = "\n".join((doc.body, doc.attachment_text, doc.document_number, doc.index_number))
            writer.add_document(id=doc.id, title=doc.title, body=body)
        writer.commit()

    def open(self) -> None:
        from whoosh import index
        from whoosh.qparser import AndGroup, MultifieldParser

        self.ix = index.open_dir(str(self.workdir))
        self.searcher = self.ix.searcher()
        self.parser = MultifieldParser(
            ["title", "body"], self.ix.schema, fieldboosts={"title": 2.0}, group=AndGroup
        )

    def search(self, query: str) -> list[str]:
        results = self.searcher.search(self.parser.parse(query), limit=TOP)
        matcher = pattern(parse(query).words)
        ids = []
        for hit in results:
            highlight(hit["title"], matcher).html(), excerpt((hit["body"],), matcher).html()
            ids.append(hit["id"])
        return ids

    def matches(self, query: str) -> set[str]:
        docnums = self.searcher.docs_for_query(self.parser.parse(query))
        return {self.searcher.stored_fields(n)["id"] for n in docnums}


ENGINES: dict[str, type[Engine]] = {
    e.name: e for e in (Gongkai, GongkaiNoFacets, Portal, RawTantivy, PlainTantivy, Fts5, Whoosh)
}


# --- measuring ------------------------------------------------------------------


def _rss_mb() -> dict[str, float]:
    status = Path("/proc/self/status").read_text()
    values = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.MULTILINE))
    return {k: round(int(v) / 1024, 1) for k, v in values.items()}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(share * len(ordered)), len(ordered) - 1)]


def _latency(samples: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(_percentile(samples, 0.50) * 1000, 2),
        "p95_ms": round(_percentile(samples, 0.95) * 1000, 2),
        "qps": round(len(samples) / sum(samples), 1),
        "samples": len(samples),
    }


def child_build(engine: Engine) -> dict[str, Any]:
    started = time.perf_counter()
    engine.build()
    return {
        "build_seconds": round(time.perf_counter() - started, 1),
        "index_mb": round(engine.size() / 2**20, 1),
        "build_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def child_query(
    engine: Engine,
    queries: dict[str, list[str]],
    relevant: dict[str, dict[str, list]],
    repeat: int,
) -> dict[str, Any]:
    opened = time.perf_counter()
    engine.open()
    open_seconds = time.perf_counter() - opened
    try:
        return _measure(engine, queries, relevant, repeat) | {
            "open_seconds": round(open_seconds, 2)
        }
    finally:
        engine.close()


def _measure(
    engine: Engine,
    queries: dict[str, list[str]],
    relevant: dict[str, dict[str, list]],
    repeat: int,
) -> dict[str, Any]:
    categories: dict[str, Any] = {}
    everything: list[float] = []
    for category, texts in queries.items():
        samples = []
        for text in texts:
            for _ in range(WARMUP):
                engine.search(text)
            for _ in range(repeat):
                started = time.perf_counter()
                engine.search(text)
                samples.append(time.perf_counter() - started)
        if samples:
            categories[category] = _latency(samples)
            everything.extend(samples)
    memory = _rss_mb()
    recall: dict[str, Any] = {}
    for category, texts in queries.items():
        shares = []
        for text in texts:
            expected = set(relevant[engine.matched_by][text])
            if expected:
                shares.append(len(engine.matches(text) & expected) / len(expected))
        if shares:
            recall[category] = {
                "mean": round(statistics.mean(shares), 4),
                "min": round(min(shares), 4),
            }
    first = [engine.search(q)[:1] for q in queries.get("doc_number", [])]
    return {
        "latency": categories,
        "overall": _latency(everything),
        "query_rss_mb": memory.get("VmRSS"),
        "recall": recall,
        "doc_number_first": first,
        **engine.under_load([q for texts in queries.values() for q in texts]),
    }


def run_child(args: argparse.Namespace) -> None:
    engine = ENGINES[args.child_engine](Path(args.workdir), Path(args.corpus))
    if args.child_phase == "build":
        out = child_build(engine)
    else:
        spec = json.loads(Path(args.spec).read_text())
        out = child_query(engine, spec["queries"], spec["truth"], args.repeat)
    print(json.dumps(out, ensure_ascii=False))


def _spawn(*extra: str) -> dict[str, Any]:
    command = [sys.executable, __file__, *extra]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(extra)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _doc_number_first(corpus: Path, queries: list[str], firsts: list[list[str]]) -> float:
    owner: dict[str, str] = {}
    wanted = set(queries)
    for doc in read_jsonl(corpus):
        if doc.document_number in wanted:
            owner[doc.document_number] = doc.id
    hits = [
        bool(first) and first[0] == owner.get(q) for q, first in zip(queries, firsts, strict=True)
    ]
    return round(sum(hits) / len(hits), 3) if hits else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/gongkai-bench"))
    parser.add_argument("--engines", nargs="+", default=list(ENGINES), choices=list(ENGINES))
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query")
    parser.add_argument("--child-engine", help=argparse.SUPPRESS)
    parser.add_argument("--child-phase", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--spec", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_engine:
        run_child(args)
        return

    args.workdir.mkdir(parents=True, exist_ok=True)
    corpus = args.workdir / f"corpus-{args.entries}.jsonl"
    if not corpus.exists():
        print(f"generating {args.entries} entries → {corpus}", flush=True)
        write_jsonl(corpus, args.entries, args.seed)
    queries = make_queries(corpus, args.seed)
    run_dir = args.workdir / f"run-{args.entries}"
    spec = run_dir / "spec.json"
    run_dir.mkdir(exist_ok=True)
    # The substring scan runs in another process while the first engine builds.
    scanning = ProcessPoolExecutor(1).submit(truth, corpus, queries)
    relevant: dict[str, dict[str, list]] | None = None

    report: dict[str, Any] = {}
    load_before = os.getloadavg()
    for name in args.engines:
        shares_index = name in {"tantivy", "tantivy_plain", "gongkai_nofacets", "portal"}
        workdir = run_dir / ("gongkai" if shares_index else name)
        common = ["--child-engine", name, "--workdir", str(workdir), "--corpus", str(corpus)]
        result: dict[str, Any] = {}
        if shares_index and "gongkai" in report:
            result.update({k: report["gongkai"][k] for k in ("build_seconds", "index_mb")})
            result["build_note"] = "the index gongkai built"
        else:
            shutil.rmtree(workdir, ignore_errors=True)
            print(f"{name}: building", flush=True)
            result.update(_spawn(*common, "--child-phase", "build"))
        if relevant is None:
            relevant = scanning.result()
            spec.write_text(json.dumps({"queries": queries, "truth": relevant}, ensure_ascii=False))
        print(f"{name}: querying", flush=True)
        measured = _spawn(
            *common, "--child-phase", "query", "--spec", str(spec), "--repeat", str(args.repeat)
        )
        firsts = measured.pop("doc_number_first")
        measured["doc_number_exact_first"] = _doc_number_first(
            corpus, queries.get("doc_number", []), firsts
        )
        result.update(measured)
        report[name] = result
        print(json.dumps({name: result}, ensure_ascii=False, indent=1), flush=True)

    existing = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    runs = existing.get("runs", {})
    assert relevant is not None
    runs[str(args.entries)] = {
        "entries": args.entries,
        "seed": args.seed,
        "corpus_mb": round(corpus.stat().st_size / 2**20, 1),
        "queries": queries,
        "relevant_counts": {q: len(ids) for q, ids in relevant["id"].items()},
        # Other work on the machine during the run (1-minute load average, 2 cores).
        "load_average": [round(load_before[0], 1), round(os.getloadavg()[0], 1)],
        "engines": {**runs.get(str(args.entries), {}).get("engines", {}), **report},
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "machine": {
                    "cores": os.cpu_count(),
                    "python": platform.python_version(),
                    "tantivy": version("tantivy"),
                },
                "runs": runs,
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n"
    )
    print(f"results → {RESULTS}")


if __name__ == "__main__":
    main()
