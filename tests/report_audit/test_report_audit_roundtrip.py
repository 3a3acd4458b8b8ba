"""Property: a report gongkai renders (HTML, DOCX, PDF) from random valid tables reads back.

The renderers and the audit parser both read the format definition; if either drifts
(a label, a merged cell, a number format), a rendered report stops reading back cell for
cell and this fails.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.reports.audit.audit import audit_file
from gongkai.reports.render import render_docx, render_html, render_pdf
from gongkai.rules.report_format import (
    APPEAL_PART_KEYS,
    APPLICANT_COLUMN_KEYS,
    TOTAL_COLUMN,
    empty_tables,
    format_by_version,
)

counts = st.integers(min_value=0, max_value=3000)


@st.composite
def valid_reports(draw: st.DrawFn, version: str | None = None) -> dict:
    """A report whose tables obey every reconciliation rule of its format."""
    version = version or draw(st.sampled_from(["2021", "2019"]))
    fmt = format_by_version(version)
    tables = empty_tables(fmt)
    apps = tables["applications"]
    results = fmt.applications.result_row_keys
    for column in APPLICANT_COLUMN_KEYS:
        for row in results:
            apps[row][column] = draw(counts)
        done = sum(apps[row][column] for row in results)
        apps["3.7"][column] = done
        apps["4"][column] = draw(counts)
        apps["2"][column] = draw(st.integers(0, done + apps["4"][column]))
        apps["1"][column] = done + apps["4"][column] - apps["2"][column]
    for row in apps.values():
        row[TOTAL_COLUMN] = sum(row[c] for c in APPLICANT_COLUMN_KEYS)
    for group in tables["appeals"].values():
        for key in APPEAL_PART_KEYS:
            group[key] = draw(st.integers(0, 50))
        group[TOTAL_COLUMN] = sum(group[k] for k in APPEAL_PART_KEYS)
    for block in fmt.proactive.blocks:
        for row in block.rows:
            for column in block.columns:
                if column.kind == "amount":
                    cents = draw(st.integers(0, 10_000_000))
                    value = round(cents / 100, 2)
                elif column.key == "change_this_year":
                    value = draw(st.integers(-50, 50))
                else:
                    value = draw(counts)
                tables[fmt.proactive.json_key][row.key][column.key] = value
    year = draw(st.integers(fmt.first_year, fmt.last_year or 2030))
    return {"agency": "测试区人民政府办公室", "year": year, "format": version, "tables": tables}


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
