"""Bench: hostile input, fuzzed — per target, inputs, crashes, 500s and half-written rows.

Runs ``tests/abuse/test_fuzz.py`` (the harness of ``tests/fuzzing/``: mutated real files
and junk fields into every reader of outside input, schemathesis against the JSON API)
with a larger budget: ``--inputs`` per target (default 100,000), each target stopping
after ``--seconds`` whichever comes first. The tallies go to bench/results/fuzz.json
with the machine's load; failures' inputs are kept in ``--save`` for replay.

    .venv/bin/python bench/fuzz.py --inputs 100000 --seconds 120
    .venv/bin/python bench/fuzz.py --targets extraction,ledger_import --seconds 30
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "fuzz.json"
# pytest -k expressions selecting each target's test in tests/abuse/test_fuzz.py.
TESTS = {
    "extraction": "extraction",
    "report_readers": "report_readers",
    "report_audit": "report_audit",
    "report_parser": "report_parser",
    "screening": "screening",
    "ledger_import": "ledger_import",
    "catalogue_import": "catalogue_import",
    "calendar_loader": "calendar_loader",
    "report_audit_upload": "report_audit_upload",
    "public_forms": "public_forms",
    "api": "api_against_its_schema",
}
COLUMNS = ("inputs", "crashes", "server_errors", "half_written", "hangs", "inputs_per_second")


def _uptime() -> str:
    try:
        answer = subprocess.run(["uptime"], capture_output=True, text=True, check=False)
        return answer.stdout.strip()
    except OSError:
        return "load average: " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000, help="per target")
    parser.add_argument("--seconds", type=float, default=120.0, help="per target, at most")
    parser.add_argument("--targets", default=",".join(TESTS), help="comma-separated")
    parser.add_argument("--save", type=Path, help="folder for the inputs that failed")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    chosen = [t.strip() for t in args.targets.split(",") if t.strip()]
    unknown = sorted(set(chosen) - set(TESTS))
    if unknown:
        sys.exit(f"unknown targets: {', '.join(unknown)} (known: {', '.join(TESTS)})")

    load_before = _uptime()
    report = Path(tempfile.mkdtemp(prefix="gongkai-fuzz-")) / "tallies.jsonl"
    environment = {
        **os.environ,
        "GONGKAI_FUZZ_INPUTS": str(args.inputs),
        "GONGKAI_FUZZ_SECONDS": str(args.seconds),
        "GONGKAI_FUZZ_REPORT": str(report),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }
    if args.save:
        environment["GONGKAI_FUZZ_SAVE"] = str(args.save)
    started = time.monotonic()
    finished = subprocess.run(
        [
            *(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:warnings"),
            *("tests/abuse/test_fuzz.py", "-k", " or ".join(TESTS[t] for t in chosen)),
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.monotonic() - started
    lines = report.read_text().splitlines() if report.exists() else []
    tallies = [json.loads(line) for line in lines]
    if not tallies:
        sys.exit("no tallies came back:\n" + finished.stdout[-3000:] + finished.stderr[-3000:])

    for tally in tallies:  # at the measured rate, how long the full budget would take
        rate = tally["inputs_per_second"]
        tally["projected_s_to_budget"] = round(args.inputs / rate) if rate else None
    print(f"{'target':<44}" + "".join(f"{c:>18}" for c in COLUMNS))
    for tally in tallies:
        print(f"{tally['target']:<44}" + "".join(f"{tally[c]:>18}" for c in COLUMNS))
        for failure in tally["failures"]:
            print(f"    {failure['kind']} #{failure['input_number']}: {failure['detail'][:200]}")
    totals = {c: sum(t[c] for t in tallies) for c in COLUMNS[:-1]}
    print("total", totals, f"in {elapsed:.0f} s; pytest exit {finished.returncode}")

    result = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "uptime_before": load_before,
            "uptime_after": _uptime(),
        },
        "budget": {"inputs_per_target": args.inputs, "seconds_per_target": args.seconds},
        "elapsed_s": round(elapsed, 1),
        "totals": totals,
        "targets": tallies,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
