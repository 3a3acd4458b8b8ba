"""Reconciliation rules against hand-built tables, real published reports and random tables.

The real reports under /work/shared/data/reports carry the mistakes their publishers made
(``reconciliation_violations``); every one must be flagged, and a report without any must
pass without an error.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.report_labels import LABELS, expected_finding, unreadable_prefixes
from tests.report_strategies import valid_reports

from gongkai.rules.report_checks import RULES, RULES_BY_ID, check_report
from gongkai.rules.report_format import (
    empty_tables,
    format_by_version,
    format_for_year,
)


def _report(version: str = "2021") -> dict:
    fmt = format_by_version(version)
    return {"year": fmt.first_year, "format": version, "tables": empty_tables(fmt)}


def _errors(findings: list[dict]) -> list[dict]:
    return [f for f in findings if f["severity"] == "error"]


def test_rules_are_unique_and_have_severity() -> None:
    assert len(RULES_BY_ID) == len(RULES)
    assert {r.severity for r in RULES} <= {"error", "warning"}
    assert RULES_BY_ID["applications.carry_over"].severity == "warning"


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_empty_report_is_clean(version: str) -> None:
    assert check_report(_report(version)) == []


def test_balance_message_names_the_cells() -> None:
    report = _report()
    apps = report["tables"]["applications"]
    apps["1"].update(natural_person=12, total=12)
    apps["3.1"].update(natural_person=10, total=10)
    apps["3.7"].update(natural_person=10, total=10)
    apps["4"].update(natural_person=1, total=1)
    findings = check_report(report)
    assert [f["rule"] for f in findings] == ["applications.balance"] * 2
    total = findings[1]
    assert total["message"] == "“总计”列：第一项加第二项（12+0=12）不等于第三项加第四项（10+1=11）"
    assert total["cells"] == [
        "applications.1.total",
        "applications.2.total",
        "applications.3.7.total",
        "applications.4.total",
    ]
    assert findings[0]["message"].startswith("“自然人”列")


def test_negative_and_fractional_counts() -> None:
    report = _report()
    report["tables"]["applications"]["3.3.1"]["other"] = -1
    report["tables"]["appeals"]["litigation_direct"]["pending"] = 1.5
    findings = check_report(report)
    counts = [f for f in findings if f["rule"] == "cells.count"]
    assert [f["cells"] for f in counts] == [
        ["applications.3.3.1.other"],
        ["appeals.litigation_direct.pending"],
    ]
    assert "“-1”不是非负整数" in counts[0]["message"]
    # Equations using an unusable cell are not evaluated (no cascade of findings).
    assert all(f["rule"] == "cells.count" for f in findings)


def test_missing_row_is_reported() -> None:
    report = _report()
    del report["tables"]["applications"]["3.5.5"]
    findings = check_report(report)
    assert findings and {f["rule"] for f in findings} == {"cells.count"}
    assert all("缺少数值" in f["message"] for f in findings)


def test_negative_fee() -> None:
    report = _report()
    report["tables"]["proactive"]["fees"]["amount_wan_yuan"] = -0.5
    (finding,) = check_report(report)
    assert finding["rule"] == "proactive.fee_not_negative"
    assert finding["cells"] == ["proactive.fees.amount_wan_yuan"]


def test_2021_report_printing_single_other_row() -> None:
    report = _report()
    apps = report["tables"]["applications"]
    for key in ("3.6.1", "3.6.2", "3.6.3"):
        del apps[key]
    apps["3.6"] = {c: 0 for c in apps["1"]}
    apps["1"].update(natural_person=2, total=2)
    apps["3.6"].update(natural_person=2, total=2)
    apps["3.7"].update(natural_person=2, total=2)
    assert check_report(report) == []


def test_carry_over_warning_only_with_previous() -> None:
    last = _report("2019")
    last["year"] = 2020
    last["tables"]["applications"]["4"].update(natural_person=3, total=3)
    this = _report()
    assert check_report(this) == []
    findings = check_report(this, previous=last)
    assert {f["rule"] for f in findings} == {"applications.carry_over"}
    assert {f["severity"] for f in findings} == {"warning"}
    assert findings[0]["cells"] == [
        "applications.2.natural_person",
        "previous.applications.4.natural_person",
    ]


def test_old_format_is_refused() -> None:
    with pytest.raises(ValueError):
        check_report({"format": "old", "year": 2011, "tables": {}})
    with pytest.raises(ValueError, match="没有统一的表格格式"):
        check_report({"year": 2018, "tables": {}})


# ---------------------------------------------------------------------------------------
# Real published reports
# ---------------------------------------------------------------------------------------


def _touches(finding: dict, prefixes: set[str]) -> bool:
    return any(cell.startswith(p) for cell in finding["cells"] for p in prefixes)


@pytest.mark.parametrize("path", LABELS, ids=lambda p: p.parent.name)
def test_published_report(path: Path) -> None:
    label = json.loads(path.read_text(encoding="utf-8"))
    if label["format"] not in ("2021", "2019"):
        pytest.skip("pre-2019 report: no standard tables to reconcile")
    errors = _errors(check_report(label))
    unreadable = unreadable_prefixes(label.get("unreadable", []))
    matched: set[int] = set()
    for violation in label["reconciliation_violations"]:
        rule, cell = expected_finding(violation)
        hits = [i for i, f in enumerate(errors) if f["rule"] == rule and cell in f["cells"]]
        assert hits, f"not flagged: {violation}"
        matched.update(hits)
    extra = [f for i, f in enumerate(errors) if i not in matched and not _touches(f, unreadable)]
    assert extra == []


@pytest.mark.parametrize("path", LABELS, ids=lambda p: p.parent.name)
def test_label_keys_match_format(path: Path) -> None:
    label = json.loads(path.read_text(encoding="utf-8"))
    if label["format"] not in ("2021", "2019"):
        pytest.skip("pre-2019 report")
    fmt = format_by_version(label["format"])
    tables = label["tables"]
    assert fmt.version == format_for_year(label["year"]).version
    empty = empty_tables(fmt)
    assert set(tables["appeals"]) == set(empty["appeals"])
    for key, row in tables[fmt.proactive.json_key].items():
        assert set(row) <= set(empty[fmt.proactive.json_key][key])
    for row in tables["applications"].values():
        assert set(row) == set(empty["applications"]["1"])


def test_labels_present() -> None:
    if not LABELS:
        pytest.skip("shared report labels not available")
    assert any(
        json.loads(p.read_text(encoding="utf-8"))["reconciliation_violations"] for p in LABELS
    )


# ---------------------------------------------------------------------------------------
# Property: consistent tables pass, any single +1 is caught and named
# ---------------------------------------------------------------------------------------


def _all_cells(tables: dict) -> list[tuple[str, str, str]]:
    return [
        (table, row, column)
        for table in ("applications", "appeals")
        for row, values in tables[table].items()
        for column in values
    ]


@settings(max_examples=60, deadline=None)
@given(valid_reports(max_count=50))
def test_consistent_tables_pass(report: dict) -> None:
    assert check_report(report) == []


@settings(max_examples=120, deadline=None)
@given(valid_reports(max_count=50), st.data())
def test_any_single_change_is_named(report: dict, data: st.DataObject) -> None:
    table, row, column = data.draw(st.sampled_from(_all_cells(report["tables"])))
    broken = copy.deepcopy(report)
    broken["tables"][table][row][column] += 1
    cell = f"{table}.{row}.{column}"
    errors = _errors(check_report(broken))
    assert any(cell in f["cells"] for f in errors), cell
