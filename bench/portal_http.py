"""Bench: the public portal through the production HTTP stack (gunicorn via ``gongkai serve``).

Issue 7 asks that the portal hold a traffic spike. Measured here, on the demo district
(18 agencies, about 3,000 published entries, its search index):

* throughput of the home page and of one entry page at ``--clients`` concurrent
  keep-alive clients, from the page cache ("cached": the same URL every time) and
  rendered afresh ("uncached": a distinct query string per request, so every request
  misses the cache, renders from the database and is stored);
* search end to end (HTTP request → engine → rendered results page) for two-character
  words, longer words, several words, a phrase, a rare term and a 文号, by one client
  (latency p50/p95) and by ``--clients`` clients (queries/second).

The clients run on the same two cores as the server, so the figures are a floor.

    .venv/bin/python bench/portal_http.py --home /tmp/gk7          # an existing demo home
    .venv/bin/python bench/portal_http.py                           # builds the demo first
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from applications_http import Server, free_port  # bench/ is on the path when run as a script

ROOT = Path(__file__).resolve().parent.parent
GONGKAI = str(Path(sys.executable).with_name("gongkai"))
RESULTS = ROOT / "bench" / "results" / "portal_http.json"
QUERIES = {
    "two_characters": ["低保", "预算", "拆迁", "招聘", "决算"],
    "longer_words": ["最低生活保障", "政府信息公开", "行政许可决定"],
    "several_words": ["低保 资金", "预算 公开 部门"],
    "phrase": ["“政府信息公开工作”"],
    "rare": ["防汛抗旱指挥部"],
}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, str]:
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    return response.status, response.getheader("X-Portal-Cache", "")


def load(port: int, path_for: Callable[[int], str], clients: int, seconds: float) -> dict:
    """``clients`` keep-alive clients GET ``path_for(n)`` for ``seconds``; rate and latency."""
    counter = itertools.count()
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []
    cache_states: dict[str, int] = {}
    stop = time.monotonic() + seconds

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine: list[float] = []
        while time.monotonic() < stop:
            with lock:
                path = path_for(next(counter))
            started = time.perf_counter()
            try:
                status, state = get(conn, path)
            except (OSError, http.client.HTTPException) as error:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                with lock:
                    errors.append(str(error))
                continue
            mine.append(time.perf_counter() - started)
            with lock:
                cache_states[state or "none"] = cache_states.get(state or "none", 0) + 1
                if status != 200:
                    errors.append(f"HTTP {status} {path}")
        with lock:
            latencies.extend(mine)

    began = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    return {
        "requests": len(latencies),
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 0.5) * 1000, 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1) if latencies else None,
        "cache": cache_states,
        "errors": len(errors),
        "first_errors": errors[:3],
    }


def distinct(path: str) -> Callable[[int], str]:
    """The same page under a new query string each time: every request misses the cache."""
    separator = "&" if "?" in path else "?"
    return lambda n: f"{path}{separator}bench={n}"


def search_latency(port: int, queries: dict[str, list[str]], rounds: int) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    out: dict[str, dict[str, float]] = {}
    everything: list[float] = []
    for category, texts in queries.items():
        timings = []
        for _ in range(rounds):
            for text in texts:
                path = "/search/?" + urllib.parse.urlencode({"q": text})
                started = time.perf_counter()
                status, _ = get(conn, path)
                timings.append(time.perf_counter() - started)
                if status != 200:
                    raise RuntimeError(f"search {text!r} answered HTTP {status}")
        everything.extend(timings)
        out[category] = {
            "p50_ms": round(statistics.median(timings) * 1000, 1),
            "p95_ms": round(percentile(timings, 0.95) * 1000, 1),
        }
    out["all"] = {
        "queries": len(everything),
        "p50_ms": round(statistics.median(everything) * 1000, 1),
        "p95_ms": round(percentile(everything, 0.95) * 1000, 1),
    }
    return out


def prepare_home(args: argparse.Namespace, env: dict[str, str]) -> Path:
    if args.home:
        return Path(args.home)
    home = Path(tempfile.mkdtemp(prefix="gongkai-bench-portal-"))
    env["GONGKAI_HOME"] = str(home)
    subprocess.run([GONGKAI, "init"], env=env, check=True, capture_output=True)
    subprocess.run([GONGKAI, "demo"], env=env, check=True, capture_output=True)
    return home


def run(args: argparse.Namespace) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    home = prepare_home(args, env)
    env["GONGKAI_HOME"] = str(home)
    # Every client is 127.0.0.1: the per-address search limit would measure itself.
    env["GONGKAI_SEARCHES_PER_MINUTE"] = "0"
    port = free_port()
    server = Server(env, port, args.workers)  # gunicorn via `gongkai serve --no-worker`
    server.start()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("GET", "/api/catalogue/?per_page=1")
        listing = json.loads(conn.getresponse().read())
        entry_url = listing["results"][0]["url"]
        conn.request("GET", "/api/catalogue/?per_page=100&type=normative_document")
        numbers = [r["document_number"] for r in json.loads(conn.getresponse().read())["results"]]
        queries = dict(QUERIES, document_number=[n for n in numbers if n][:3])
        pages = {"home": "/", "entry": entry_url}
        throughput = {}
        for name, path in pages.items():
            load(port, lambda _, path=path: path, 4, 2)  # warm the page cache and the workers
            throughput[f"{name}_cached"] = load(
                port, lambda _, path=path: path, args.clients, args.seconds
            )
            throughput[f"{name}_uncached"] = load(port, distinct(path), args.clients, args.seconds)
        latency = search_latency(port, queries, args.rounds)
        search_paths = [
            "/search/?" + urllib.parse.urlencode({"q": q})
            for texts in queries.values()
            for q in texts
        ]
        search_load = load(
            port, lambda n: search_paths[n % len(search_paths)], args.clients, args.seconds
        )
    finally:
        server.kill()
    return {
        "catalogue": {"published_entries": listing["count"]},
        "server": {"workers": args.workers, "clients": args.clients, "seconds": args.seconds},
        "machine": {"cpus": os.cpu_count(), "load_average": os.getloadavg()},
        "throughput": throughput,
        "search_latency_one_client": latency,
        "search_throughput": search_load,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--home", help="an initialised home with the demo loaded")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=20, help="rounds of the search queries")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    result = run(args)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
