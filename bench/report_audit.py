"""Bench: published annual reports audited per second, by kind of input file.

Audits the real reports under ../shared/data/reports (text, markdown, HTML, PDF) and
reports rendered by gongkai's own renderers from random valid tables (HTML, DOCX, PDF),
each file read, parsed, checked, in one process, over and over for ``--seconds`` per
kind. PDFs are read by PDFium (the audit's reader); ``--baseline`` also times them read
by pdfplumber/pdfminer, the reader before it, in the same run. Prints the figures and the
machine's load as JSON and writes bench/results/report_audit.json.

    .venv/bin/python bench/report_audit.py --seconds 20 --baseline
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
from pathlib import Path
from unittest.mock import patch

from gongkai.reports.audit import readers
from gongkai.reports.audit.audit import audit_file
from gongkai.reports.render import render_docx, render_html, render_pdf
from gongkai.rules.report_format import (
    APPEAL_PART_KEYS,
    APPLICANT_COLUMN_KEYS,
    empty_tables,
    format_by_version,
)

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT.parent / "shared" / "data" / "reports"
KINDS = {"text": (".txt", ".md"), "html": (".html",), "pdf": (".pdf",), "docx": (".docx",)}


def _random_report(rng: random.Random) -> dict:
    """A report whose tables reconcile, like one gongkai generates."""
    fmt = format_by_version("2021")
    tables = empty_tables(fmt)
    apps = tables["applications"]
    results = fmt.applications.result_row_keys
    for column in APPLICANT_COLUMN_KEYS:
        for row in results:
            apps[row][column] = rng.randint(0, 40)
        apps["3.7"][column] = sum(apps[row][column] for row in results)
        apps["4"][column] = rng.randint(0, 5)
        apps["2"][column] = rng.randint(0, 5)
        apps["1"][column] = apps["3.7"][column] + apps["4"][column] - apps["2"][column]
    for row in apps.values():
        row["total"] = sum(row[c] for c in APPLICANT_COLUMN_KEYS)
    for group in tables["appeals"].values():
        for key in APPEAL_PART_KEYS:
            group[key] = rng.randint(0, 9)
        group["total"] = sum(group[k] for k in APPEAL_PART_KEYS)
    return {"agency": "测试区人民政府办公室", "year": 2024, "format": "2021", "tables": tables}


def inputs(reports: Path, rendered: int) -> dict[str, list[tuple[str, bytes]]]:
    """The files of each kind: the real published ones, plus ``rendered`` of gongkai's own."""
    files: dict[str, list[tuple[str, bytes]]] = {kind: [] for kind in KINDS}
    for path in sorted(reports.glob("*/*")):
        for kind, suffixes in KINDS.items():
            if path.suffix in suffixes:
                files[kind].append((path.name, path.read_bytes()))
    rng = random.Random(20250101)
    for _ in range(rendered):
        report = _random_report(rng)
        files["html"].append(("gongkai.html", render_html(report).encode()))
        files["pdf"].append(("gongkai.pdf", render_pdf(report)))
        files["docx"].append(("gongkai.docx", render_docx(report)))
    return files


def measure(files: list[tuple[str, bytes]], seconds: float) -> dict:
    for name, data in files:  # warm up: imports, fonts, caches
        audit_file(name, data)
    done = 0
    start = time.perf_counter()
    while True:
        for name, data in files:
            audit_file(name, data)
            done += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            break
    return {
        "files": len(files),
        "audited": done,
        "elapsed_s": round(elapsed, 2),
        "reports_per_s": round(done / elapsed, 1),
        "ms_per_report": round(1000 * elapsed / done, 1),
    }


def measure_pdfminer(files: list[tuple[str, bytes]], seconds: float) -> dict:
    """The same PDFs audited with the reader before PDFium (pdfplumber over pdfminer)."""
    with patch.dict(readers.READERS, {".pdf": readers.read_pdf_pdfminer}):
        return measure(files, seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="per kind of input")
    parser.add_argument("--rendered", type=int, default=2, help="gongkai-rendered files per kind")
    parser.add_argument(
        "--baseline", action="store_true", help="also time PDFs read by pdfplumber (pdfminer)"
    )
    parser.add_argument("--reports", type=Path, default=REPORTS, help="the labelled reports")
    args = parser.parse_args()
    if not args.reports.is_dir():
        sys.exit(f"{args.reports} is missing")
    load_before = os.getloadavg()
    files = inputs(args.reports, args.rendered)
    kinds = {
        kind: measure(kind_files, args.seconds) for kind, kind_files in files.items() if kind_files
    }
    if args.baseline and files["pdf"]:
        kinds["pdf_pdfminer_baseline"] = measure_pdfminer(files["pdf"], args.seconds)
    results = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "load_average_1_5_15_min": {
            "before": [round(v, 2) for v in load_before],
            "after": [round(v, 2) for v in os.getloadavg()],
        },
        "seconds_per_kind": args.seconds,
        "pdf_reader": "pdfium (pypdfium2) with pdfplumber's table finder and text layout",
        "kinds": kinds,
    }
    text = json.dumps(results, ensure_ascii=False, indent=2)
    print(text)
    out = ROOT / "bench" / "results" / "report_audit.json"
    out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
