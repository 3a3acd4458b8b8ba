"""Demo reports: the big-data centre's 2021 report is the reference one; others are real drafts."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from gongkai.audit.context import acting
from gongkai.demo.applications import MAIN_AGENCY, OTHER_AGENCIES, _agency
from gongkai.demo.build import build_demo
from gongkai.demo.reports import REFERENCE_NARRATIVE, build_demo_reports
from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.reports.narrative import normalize_narrative, paragraphs
from gongkai.reports.render import render_html
from gongkai.rules.report_format import empty_tables, format_for_year
from gongkai.workcalendar.bundled import bundled_schedule, holiday_names
from gongkai.workcalendar.services import do_load_schedule

TODAY = date(2026, 11, 20)
REFERENCE = Path(__file__).resolve().parents[3] / "shared/reference/qiaokou-2021-annual-report.txt"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def demo_reports(db: None) -> int:
    """The demo district and its reports (applications are left out: tests/test_demo_*
    cover them, and building them costs minutes; the report tables come from whatever
    records exist)."""
    with acting(channel="cli"):
        for year in (TODAY.year - 1, TODAY.year):
            do_load_schedule(
                today=TODAY, schedule=bundled_schedule(year), names=holiday_names(year)
            )
        build_demo()
        return build_demo_reports(today=TODAY)


def test_demo_reports(demo_reports) -> None:
    """One test, because building the demo district is the slow part."""
    reference_report()
    department_reports(demo_reports)


def reference_report() -> None:
    report = AnnualReport.objects.get(agency=_agency("dsj"), year=2021)
    assert report.status == ReportStatus.FINAL
    snapshot = report.snapshot
    assert snapshot["tables"] == empty_tables(format_for_year(2021))  # every cell 0
    assert snapshot["findings"] == []
    assert snapshot["narrative"] == normalize_narrative(REFERENCE_NARRATIVE)
    html = render_html(snapshot)
    for part in snapshot["narrative"]["overview"]:
        assert part["heading"] in html
    if REFERENCE.exists():  # shared/ lies beside the repository on developer machines and CI
        reference = squeeze(REFERENCE.read_text(encoding="utf-8"))
        texts = [p["text"] for p in REFERENCE_NARRATIVE["overview"]]
        texts += [REFERENCE_NARRATIVE[k] for k in ("proactive_note", "applications_note")]
        texts += [REFERENCE_NARRATIVE[k] for k in ("appeals_note", "problems", "other")]
        for text in texts:
            for paragraph in paragraphs(text):
                assert squeeze(paragraph) in reference, paragraph


def department_reports(demo_reports: int) -> None:
    assert demo_reports == 1 + 2 * (1 + len(OTHER_AGENCIES))
    main = _agency(MAIN_AGENCY)
    last = AnnualReport.objects.get(agency=main, year=TODAY.year - 1)
    assert last.status == ReportStatus.FINAL
    assert last.snapshot["tables"]["proactive"]["licensing"]["decisions"] == 126
    assert AnnualReport.objects.get(agency=main, year=TODAY.year).status == ReportStatus.DRAFT
    assert AnnualReport.objects.published().count() == 1 + 1 + len(OTHER_AGENCIES)
    with acting(channel="cli"):
        assert build_demo_reports(today=TODAY) == 0  # idempotent
