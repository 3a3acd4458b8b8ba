"""The audit on every real published report under ../shared/data/reports, cell for cell.

Each report is read from the file as published (text, markdown, HTML, PDF) and must give
every labelled cell its label, flag every labelled reconciliation violation with an
error naming the broken column, and say so when a report has no standard tables. Where
the text states a figure, it settles a run the layout leaves open, and a figure the
table contradicts is a warning — only where the labeller noted the contradiction too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.report_labels import LABELS, expected_finding, unreadable_prefixes

from gongkai.reports.audit.audit import AuditResult, audit_path
from gongkai.reports.audit.readers import SUFFIXES

# Cells the published layout itself leaves open, with the run that cannot be split: a
# flattened table-二 row has no sum to split on. The labeller read them from the page's
# HTML, which is not in the data set; the audit must say "unreadable", not guess. Pingtan
# 2021's text states none of the three figures; Pingtan 2023's states 本年制发 77, which
# settles that cell, but its 现行有效 393 is no split of "77132470" (the labeller notes the
# text counts another scope), so 本年废止 and 现行有效 stay open.
LAYOUT_AMBIGUOUS = {
    "015_pingtan_2021": ("proactive.normative_documents.",),  # "693665": 69/3/665, 6/93/665…
    "017_pingtan_2023": (  # "77132470": 77/1/32470, 77/13/2470, 77/132/470…
        "proactive.normative_documents.abolished",
        "proactive.normative_documents.in_force",
    ),
}
# Cells settled by the text, with a phrase of the sentence that settled them.
FROM_NARRATIVE = {
    "017_pingtan_2023": {
        "proactive.normative_documents.issued": "动态更新本年度制发的规范性文件77件"
    },
}
# Where the text contradicts the table, as the labeller's notes say: the figure's kind.
NARRATIVE_MISMATCHES = {
    "017_pingtan_2023": ["normative_in_force"],  # 「现行有效行政规范性文件393件」, table 470
    "025_shanghai-kewei_2024": ["carried_out"],  # 「转下一年度办理答复的有1件」, 总计 printed empty
}


def _audit(label_path: Path) -> tuple[dict, AuditResult]:
    folder = label_path.parent
    files = [p for p in folder.iterdir() if p.suffix in SUFFIXES]
    assert len(files) == 1, files
    label = json.loads(label_path.read_text(encoding="utf-8"))
    return label, audit_path(files[0], files[0].name)


def _skipped(label_path: Path, label: dict) -> tuple[str, ...]:
    return (
        *unreadable_prefixes(
            [u for u in label.get("unreadable", []) if not u.startswith("applications/appeals")]
        ),
        *LAYOUT_AMBIGUOUS.get(label_path.parent.name, ()),
    )


@pytest.mark.parametrize("label_path", LABELS, ids=lambda p: p.parent.name)
def test_every_cell_equals_its_label(label_path: Path) -> None:
    label, result = _audit(label_path)
    assert result.year == label["year"]
    assert result.format == label["format"]
    if label["format"] == "old":
        assert result.tables == {}
        assert [f["rule"] for f in result.findings if f["severity"] == "error"] == []
        old = [f for f in result.findings if f["rule"] == "format.old"]
        assert old and "没有统一格式的三张表格" in old[0]["message"]
        return
    skipped = _skipped(label_path, label)
    assert all(cell.startswith(skipped) for cell in result.unreadable), result.unreadable
    compared = 0
    for table, rows in label["tables"].items():
        for row, columns in rows.items():
            for column, expected in columns.items():
                cell = f"{table}.{row}.{column}"
                if cell.startswith(skipped):
                    continue
                assert result.tables[table][row][column] == expected, cell
                compared += 1
    assert compared >= 100


@pytest.mark.parametrize("label_path", LABELS, ids=lambda p: p.parent.name)
def test_every_labelled_violation_is_an_error(label_path: Path) -> None:
    label, result = _audit(label_path)
    errors = [f for f in result.findings if f["severity"] == "error"]
    matched: set[int] = set()
    for violation in label["reconciliation_violations"]:
        rule, cell = expected_finding(violation)
        hits = [i for i, f in enumerate(errors) if f["rule"] == rule and cell in f["cells"]]
        assert hits, f"not flagged: {violation}"
        matched.update(hits)
    assert [f for i, f in enumerate(errors) if i not in matched] == []


@pytest.mark.parametrize("label_path", LABELS, ids=lambda p: p.parent.name)
def test_the_text_settles_and_contradicts_only_where_it_should(label_path: Path) -> None:
    _, result = _audit(label_path)
    name = label_path.parent.name
    expected = FROM_NARRATIVE.get(name, {})
    assert set(result.from_narrative) == set(expected)
    for cell, phrase in expected.items():
        settled = result.from_narrative[cell]
        assert any(phrase in sentence for sentence in settled["sentences"])
    mismatches = [f for f in result.findings if f["rule"] == "narrative.table_mismatch"]
    assert [f["cells"][-1] for f in mismatches] == [
        f"narrative.{kind}" for kind in NARRATIVE_MISMATCHES.get(name, [])
    ]
    assert all(f["severity"] == "warning" for f in mismatches)
    assert result.sections_empty == []


def test_pingtan_2023_names_the_sentence_and_the_run() -> None:
    path = next((p for p in LABELS if p.parent.name == "017_pingtan_2023"), None)
    if path is None:
        pytest.skip("shared report labels not available")
    _, result = _audit(path)
    assert result.tables["proactive"]["normative_documents"] == {"issued": 77}
    (mismatch,) = [f for f in result.findings if f["rule"] == "narrative.table_mismatch"]
    assert "现行有效行政规范性文件393件" in mismatch["message"]
    assert "“77132470”" in mismatch["message"] and "都不是393" in mismatch["message"]
    (unread,) = [f for f in result.findings if f["rule"] == "table.unreadable"]
    assert "2个单元格未核对" in unread["message"]


def test_unsplittable_run_is_reported_not_guessed() -> None:
    path = next((p for p in LABELS if p.parent.name == "015_pingtan_2021"), None)
    if path is None:
        pytest.skip("shared report labels not available")
    _, result = _audit(path)
    assert "normative_documents" in result.tables["proactive"]
    assert result.tables["proactive"]["normative_documents"] == {}
    unread = [f for f in result.findings if f["rule"] == "table.unreadable"]
    assert len(unread) == 1 and "无法唯一拆分" in unread[0]["message"]
    assert "表二" in unread[0]["message"]
