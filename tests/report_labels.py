"""The hand labels of the real published reports in ../shared/data/reports, for tests.

``label.json`` writes what a published table gets wrong and what the labeller could not
read as short English notes; these helpers turn them into the rule ids and cell names the
checks and the audit report, so every test reads the labels the same way.
"""

from __future__ import annotations

import re
from pathlib import Path

REPORTS = Path("/work/shared/data/reports")
LABELS = sorted(REPORTS.glob("*/label.json")) if REPORTS.is_dir() else []

# How the labels write a violation, and the rule + cell a finding must carry for it.
VIOLATION_PATTERNS = (
    (re.compile(r"^col (\w+): row1\+row2"), "applications.balance", "applications.1.{}"),
    (
        re.compile(r"^col (\w+): sum of result rows"),
        "applications.results_total",
        "applications.3.7.{}",
    ),
    (
        re.compile(r"^row ([\d.]+): sum of six applicant"),
        "applications.row_total",
        "applications.{}.total",
    ),
    (re.compile(r"^appeals (\w+):"), "appeals.group_total", "appeals.{}.total"),
)


def expected_finding(violation: str) -> tuple[str, str]:
    for pattern, rule, cell in VIOLATION_PATTERNS:
        match = pattern.match(violation)
        if match:
            return rule, cell.format(match.group(1))
    raise AssertionError(f"unrecognised violation text: {violation}")


def unreadable_prefixes(entries: list[str]) -> set[str]:
    """Turn the labeller's free-text notes into cell prefixes ("applications.4.total")."""
    prefixes: set[str] = set()
    for entry in entries:
        match = re.match(r"applications row ([\d.]+) (\w+) column", entry)
        if match:
            prefixes.add(f"applications.{match.group(1)}.{match.group(2)}")
        elif entry.startswith("proactive_2019"):
            prefixes.add("proactive_2019.")
        else:
            raise AssertionError(f"unrecognised unreadable note: {entry}")
    return prefixes
