"""Bench: site inspection speed and memory on a generated site served on loopback.

The site (``--pages`` HTML pages, each dated, linking five others; with ``--pdf`` every
tenth page links its own small PDF attachment) is served by a separate process so its
memory is not counted. Engines:

* ``gongkai``  — the whole inspection (crawl + every check), ``inspect_sites``;
* ``httpx``    — gongkai's crawler alone (fetch, parse links, follow), no checks;
* ``scrapy``   — a Scrapy spider doing the same crawl (robots, no throttle), run with the
  Python given by ``--scrapy-python`` (Scrapy is not a gongkai dependency).

Prints pages/s and the engine process's peak RSS as JSON. Loopback only, bounded.

    .venv/bin/python bench/inspection.py --engine gongkai --pages 5000 [--pdf]
    .venv/bin/python bench/inspection.py --engine scrapy --scrapy-python /tmp/v/bin/python
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TODAY = date(2026, 6, 15)


def _pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    for line in range(30):
        pdf.cell(
            text=f"Line {line}: notice text 2026-06-01 phone 027-88886666",
            new_x="LMARGIN",
            new_y="NEXT",
        )
    return bytes(pdf.output())


def serve(pages: int, with_pdf: bool) -> None:
    """Run the generated site until killed; print the port first."""
    pdf = _pdf() if with_pdf else b""

    def page(number: int) -> bytes:
        links = "".join(
            f"<li><a href='/p/{(number * 5 + k) % pages}.html'>第{k}条</a> 2026-06-0{k + 1}</li>"
            for k in range(1, 6)
        )
        attachment = f"<a href='/f/{number}.pdf'>附件</a>" if with_pdf and number % 10 == 0 else ""
        return (
            f"<html><body><main><h1>信息{number}</h1><p>发布日期：2026-06-01</p>"
            f"<p>{'政府信息公开工作动态。' * 40}</p><ul>{links}</ul>{attachment}"
            "</main></body></html>"
        ).encode()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

        def do_GET(self) -> None:
            if self.path.startswith("/f/"):
                body, kind = pdf, "application/pdf"
            elif self.path == "/" or self.path.startswith("/p/"):
                number = 0 if self.path == "/" else int(self.path[3:].split(".")[0])
                body, kind = page(number), "text/html; charset=utf-8"
            else:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


SCRAPY_SPIDER = textwrap.dedent(
    """
    import os, resource, sys, time, scrapy
    from scrapy.crawler import CrawlerProcess
    from scrapy.linkextractors import LinkExtractor
    base, budget = sys.argv[1], int(sys.argv[2])
    class Site(scrapy.Spider):
        name = "site"
        start_urls = [base + "/"]
        extractor = LinkExtractor(deny_extensions=[])
        def parse(self, response):
            if not response.headers.get("Content-Type", b"").startswith(b"text/html"):
                return
            for link in self.extractor.extract_links(response):
                yield response.follow(link.url, self.parse)
    process = CrawlerProcess({"LOG_LEVEL": os.environ.get("SCRAPY_LOG", "ERROR"),
        "DEPTH_LIMIT": 0, "DOWNLOAD_WARNSIZE": 0, "ROBOTSTXT_OBEY": True,
        "CONCURRENT_REQUESTS": 8, "CLOSESPIDER_PAGECOUNT": budget, "TELNETCONSOLE_ENABLED": False})
    began = time.monotonic()
    stats = process.create_crawler(Site)
    process.crawl(stats)
    process.start()
    seconds = time.monotonic() - began
    fetched = stats.stats.get_value("response_received_count")
    print(fetched, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """
)


def run_engine(engine: str, base: str, pages: int, scrapy_python: str) -> dict[str, object]:
    if engine == "scrapy":
        # From a file, not ``-c``: Scrapy reads each callback's source (to warn about a
        # generator returning a value) and fails every response when there is none.
        with tempfile.TemporaryDirectory() as directory:
            spider = Path(directory) / "spider.py"
            spider.write_text(SCRAPY_SPIDER, encoding="utf-8")
            out = subprocess.run(
                [scrapy_python, str(spider), base, str(pages)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
        fetched, seconds, rss_kb = int(out[-3]), float(out[-2]), int(out[-1])
        return {"fetched": fetched, "seconds": round(seconds, 2), "peak_rss_mb": rss_kb // 1024}
    from gongkai.inspection.crawler import Crawler, CrawlOptions
    from gongkai.inspection.inspect import inspect_sites

    options = CrawlOptions(max_pages=pages, delay=0, concurrency=8, probes=0)
    began = time.monotonic()
    if engine == "httpx":
        crawl = Crawler(seeds=[base + "/"], options=options).run()
    else:
        crawl = inspect_sites([base + "/"], today=TODAY, options=options).crawl
    seconds = time.monotonic() - began
    return {
        "fetched": len(crawl.pages),
        "attachments": sum(1 for p in crawl.pages.values() if p.is_attachment),
        "seconds": round(seconds, 2),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["gongkai", "httpx", "scrapy"], default="gongkai")
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--pdf", action="store_true")
    parser.add_argument("--scrapy-python", default="")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.pages, args.pdf)
        return
    command = [sys.executable, __file__, "--serve", "--pages", str(args.pages)]
    server = subprocess.Popen(
        command + (["--pdf"] if args.pdf else []), stdout=subprocess.PIPE, text=True
    )
    try:
        port = int(server.stdout.readline())  # type: ignore[union-attr]
        result = run_engine(args.engine, f"http://127.0.0.1:{port}", args.pages, args.scrapy_python)
    finally:
        server.terminate()
        server.wait()
    result |= {"engine": args.engine, "pdf": args.pdf, "cpus": os.cpu_count()}
    result["pages_per_second"] = round(result["fetched"] / result["seconds"], 1)  # type: ignore[operator]
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    main()
