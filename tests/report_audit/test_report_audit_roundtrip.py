"""Property: a report gongkai renders (HTML, DOCX, PDF) from random valid tables reads back.

The renderers and the audit parser both read the format definition; if either drifts
(a label, a merged cell, a number format), a rendered report stops reading back cell for
cell and this fails.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from tests.report_strategies import valid_reports

from gongkai.reports.audit.audit import audit_file
from gongkai.reports.render import render_docx, render_html, render_pdf


def _reads_back(report: dict, name: str, render: Callable[[dict], bytes]) -> None:
    result = audit_file(name, render(report))
    assert (result.agency, result.year, result.format) == (
        report["agency"],
        report["year"],
        report["format"],
    )
    assert result.unreadable == []
    assert result.tables == report["tables"]
    assert [f for f in result.findings if f["severity"] == "error"] == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_reports())
def test_html_reads_back(report: dict) -> None:
    _reads_back(report, "report.html", lambda r: render_html(r).encode())


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_reports())
def test_docx_reads_back(report: dict) -> None:
    _reads_back(report, "report.docx", render_docx)


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_reports())
def test_pdf_reads_back(report: dict) -> None:
    _reads_back(report, "report.pdf", render_pdf)
