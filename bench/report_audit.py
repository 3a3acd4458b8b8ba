"""Bench: published annual reports audited per second, by kind of input file.

Audits the real reports under ../shared/data/reports (text, markdown, HTML, PDF) and
reports rendered by gongkai's own renderers from random valid tables (HTML, DOCX, PDF),
each file read, parsed, checked, in one process, over and over for ``--seconds`` per
kind. Prints the figures as JSON and writes bench/results/report_audit.json.

    .venv/bin/python bench/report_audit.py --seconds 20
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import time
from pathlib import Path

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


def inputs(rendered: int) -> dict[str, list[tuple[str, bytes]]]:
    """The files of each kind: the real published ones, plus ``rendered`` of gongkai's own."""
    files: dict[str, list[tuple[str, bytes]]] = {kind: [] for kind in KINDS}
    for path in sorted(REPORTS.glob("*/*")):
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="per kind of input")
    parser.add_argument("--rendered", type=int, default=2, help="gongkai-rendered files per kind")
    args = parser.parse_args()
    if not REPORTS.is_dir():
        sys.exit(f"{REPORTS} is missing")
    results = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "seconds_per_kind": args.seconds,
        "kinds": {
            kind: measure(files, args.seconds)
            for kind, files in inputs(args.rendered).items()
            if files
        },
    }
    text = json.dumps(results, ensure_ascii=False, indent=2)
    print(text)
    out = ROOT / "bench" / "results" / "report_audit.json"
    out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
