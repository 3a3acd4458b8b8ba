"""Bench: what hostile uploads cost a worker's memory (peak RSS, VmHWM), on loopback.

Starts gongkai under gunicorn (one sync worker, SQLite in a temporary home) and sends:

* 200 MB declared as a multipart upload to a public form (limit 50 MB + 1 MB): 413 unread;
* 200 MB chunked, without a length: Django reads an empty body;
* 200 MB to the report-audit upload, whose limit is 200 MB + 1 MB by design, and 45 MB
  (under the limit) to a public form, each with a CSRF cookie and a wrong token in the
  form: the CSRF check parses the whole multipart body to find the token, streaming the
  file to a temporary file (FILE_UPLOAD_MAX_MEMORY_SIZE), then refuses it.

Then, in this process (the worker's code path for a catalogue attachment or an uploaded
report), DOCX/XLSX zip bombs whose XML inflates to 400 MB and 2 GB, with true and with
lying declared sizes, through extraction (in process and in its limited child) and the
report reader. Writes bench/results/upload_memory.json with the machine's load.

    .venv/bin/python bench/upload_memory.py
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.abuse.loopback import gunicorn, multipart, request  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "upload_memory.json"
MB = 1024 * 1024


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def http_cases(size_mb: int) -> list[dict]:
    cases = []
    with gunicorn(Path(tempfile.mkdtemp(prefix="gongkai-upload-"))) as server:
        request(server, "GET", "/healthz")
        report_audit = "/admin/report-audit/upload/"
        for label, path, size, chunked, parsed in (
            (
                f"{size_mb} MB declared, public form (limit 51 MB)",
                "/apply/A/",
                size_mb,
                False,
                False,
            ),
            (f"{size_mb} MB chunked, no length", "/apply/A/", size_mb, True, False),
            (
                f"{size_mb} MB declared, report-audit upload (limit 201 MB)",
                report_audit,
                size_mb,
                False,
                True,
            ),
            ("45 MB declared, public form (under the limit)", "/apply/A/", 45, False, True),
        ):
            # A cookie and a wrong form token: the CSRF check parses the body to compare.
            token = {"csrfmiddlewaretoken": "x" * 32} if parsed else {}
            content_type, head, tail = multipart("files", "报告.pdf", size * MB, fields=token)
            headers = {"Cookie": "csrftoken=" + "y" * 32} if parsed else {}
            before = server.peak_kib()
            started = time.monotonic()
            status, answer = request(
                server,
                "POST",
                path,
                size=size * MB,
                chunked=chunked,
                content_type=content_type,
                head=head,
                tail=tail,
                headers=headers,
            )
            grown = server.peak_kib() - before
            body = answer.split("\r\n\r\n", 1)[-1]
            cases.append(
                {
                    "case": label,
                    "status": status,
                    "peak_before_mib": round(before / 1024, 1),
                    "peak_growth_mib": round(grown / 1024, 1),
                    "seconds": round(time.monotonic() - started, 2),
                    "answer": body[body.find("<p>") + 3 : body.find("</p>")]
                    if "<p>" in body
                    else "",
                }
            )
            print(cases[-1])
    return cases


def _peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def bomb_cases() -> list[dict]:
    from tests.fuzzing.mutate import members, with_bomb
    from tests.screening.files import docx_file, xlsx_file

    from gongkai.extraction import ExtractionError, extract_text, extract_text_isolated
    from gongkai.reports.audit.readers import UnreadableFile, read_document
    from gongkai.tabular import TableImportError, read_table

    def bomb(base: bytes, part: str, megabytes: int, *, lie: bool) -> bytes:
        declared = 8192 if lie else None
        return with_bomb(members(base), part, declared=declared, megabytes=megabytes)

    in_process = {
        "extract_text (in process)": lambda data, name: extract_text(data, name),
        "extract_text_isolated (child)": lambda data, name: extract_text_isolated(data, name),
    }
    readers = {
        "docx": {**in_process, "report reader": lambda data, name: read_document(name, data)},
        "xlsx": {
            **in_process,
            "ledger import": lambda data, name: read_table(data, file_name=name),
        },
    }
    refusals = (ExtractionError, UnreadableFile, TableImportError)
    cases = []
    bases = {
        "docx": (docx_file(["正文"]), "word/document.xml"),
        "xlsx": (xlsx_file([["名称"]]), "xl/worksheets/sheet1.xml"),
    }
    for kind, (base, part) in bases.items():
        for megabytes in (400, 2048):
            for lie in (False, True):
                data = bomb(base, part, megabytes, lie=lie)
                for reader, read in readers[kind].items():
                    before = _peak_kib()
                    started = time.monotonic()
                    try:
                        read(data, f"bomb.{kind}")
                        outcome = "read"
                    except refusals as error:
                        outcome = str(error)[:80]
                    cases.append(
                        {
                            "file": f"{kind}, {len(data) // 1024} KB inflating to {megabytes} MB, "
                            + ("declared 8 KB (lie)" if lie else "declared truly"),
                            "reader": reader,
                            "outcome": outcome,
                            "peak_growth_mib": round((_peak_kib() - before) / 1024, 1),
                            "seconds": round(time.monotonic() - started, 2),
                        }
                    )
                    print(cases[-1])
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=200)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    load_before = _uptime()
    result = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "uptime_before": load_before,
        "http": http_cases(args.size_mb),
        "zip_bombs": bomb_cases(),
        "uptime_after": _uptime(),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
