"""Property: a report gongkai renders (HTML, DOCX, PDF) from random valid tables reads back.

The renderers and the audit parser both read the format definition; if either drifts
(a label, a merged cell, a number format), a rendered report stops reading back cell for
cell and this fails. The text is the generator's own sentences plus a line in every other
part, so the figures the text states must agree with the tables, and no part is empty;
the same report printed with no text has its empty sections flagged.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from tests.report_strategies import valid_reports

from gongkai.reports.audit.audit import audit_file
from gongkai.reports.narrative import prefilled_narrative
from gongkai.reports.render import render_docx, render_html, render_pdf

Render = Callable[[dict, dict | None], bytes]
RENDERERS: dict[str, Render] = {
    "report.html": lambda r, n: render_html(r, n).encode(),
    "report.docx": render_docx,
    "report.pdf": render_pdf,
}


def _written(report: dict) -> dict:
    """The generated sentences, and a line of staff text in every part they leave empty."""
    narrative = prefilled_narrative(report, None)
    for part in narrative["overview"]:
        part["text"] = part["text"] or "本部分工作按年度计划推进。"
    narrative["problems"] = "公开时效有待提高，下一年度将加强审核。"
    narrative["other"] = narrative["other"] or "无。"
    return narrative


def _reads_back(report: dict, name: str) -> None:
    result = audit_file(name, RENDERERS[name](report, _written(report)))
    assert (result.agency, result.year, result.format) == (
        report["agency"],
        report["year"],
        report["format"],
    )
    assert result.unreadable == []
    assert result.tables == report["tables"]
    assert [f for f in result.findings if f["severity"] == "error"] == []
    assert [f for f in result.findings if f["rule"] == "narrative.table_mismatch"] == []
    stated = {f["kind"]: f["value"] for f in result.narrative_figures}
    apps, appeals = report["tables"]["applications"], report["tables"]["appeals"]
    table = {
        "received": apps["1"]["total"],
        "answered": apps["3.7"]["total"],
        "carried_out": apps["4"]["total"],
        "reconsideration": appeals["reconsideration"]["total"],
    }
    assert {"received", "reconsideration"} <= set(stated)
    assert {k: stated[k] for k in table if k in stated} == {
        k: v for k, v in table.items() if k in stated
    }


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_reports())
def test_html_reads_back(report: dict) -> None:
    _reads_back(report, "report.html")


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_reports())
def test_docx_reads_back(report: dict) -> None:
    _reads_back(report, "report.docx")


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_reports())
def test_pdf_reads_back(report: dict) -> None:
    _reads_back(report, "report.pdf")


@pytest.mark.parametrize("name", RENDERERS)
@settings(max_examples=1, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=valid_reports(max_count=40))
def test_own_report_with_empty_sections_is_flagged(name: str, report: dict) -> None:
    """gongkai's report printed before anyone wrote its text: headings, tables, signature."""
    report = {**report, "published_on": "2025-01-20"}
    narrative = _written(report)
    narrative["problems"] = ""
    result = audit_file(name, RENDERERS[name](report, narrative))
    empty = [f for f in result.findings if f["rule"] == "sections.empty"]
    assert [f["message"] for f in empty] == [
        "“五、存在的主要问题及改进情况”部分只有标题，没有内容。"
    ]
    assert empty[0]["severity"] == "error" and result.errors == 1

    blank = audit_file(name, RENDERERS[name](report, None))
    assert blank.sections_empty == [
        "一、总体情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert blank.tables == report["tables"]
