"""One composition of the annual report: page, snapshot, files and roll-up agree.

Issue 13 point 11: findings were computed before table 二 was filled in (a published
snapshot kept a fee warning a fresh check does not give), the roll-up composed reports
its own way, an unentered figure printed as 0, a report with empty parts could go final,
and the draft PDF had neither a 草稿 mark nor an undated signature.
"""

from __future__ import annotations

import io
import re
from datetime import date

import docx
import pdfplumber
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from tests.report_helpers import complete_narrative

from gongkai.applications.ledger import do_import_table, table_from_rows
from gongkai.applications.models import Application, ClockEvent
from gongkai.applications.services.clock import refresh
from gongkai.audit.context import acting
from gongkai.reports.compose import compose_report, compose_year
from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.reports.proactive import figure_cells
from gongkai.reports.render import render_docx, render_pdf
from gongkai.reports.rollup import build_rollup
from gongkai.reports.services import (
    do_approve_report,
    do_create_report,
    do_enter_figure,
    do_mark_final,
    do_save_narrative,
    do_submit_report,
)
from gongkai.rules.application_clock import EventKind
from gongkai.rules.clock_events import FeeNoticeSent, dump_event_data
from gongkai.rules.fees import FeeBasis
from gongkai.rules.report_checks import PROCESSING_FEE, UNENTERED, check_report
from gongkai.workcalendar.services import seed_bundled_schedules

YEAR = 2025
TODAY = date(2026, 1, 15)
PUBLISHED = date(2026, 1, 20)
SIGNATURE_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


def write(district, slug: str = "a", *, figures: dict | None = None, narrative=None):
    """A draft with table 二 entered (0 unless ``figures`` says; ``None`` skips a cell)."""
    figures = figures or {}
    with acting(actor=district.user(slug, "editor")):
        report = do_create_report(agency=getattr(district, slug), year=YEAR)
        for cell in figure_cells("2021"):
            value = figures.get(cell.key, 0)
            if value is not None:
                do_enter_figure(
                    report=report,
                    row=cell.row.key,
                    column=cell.column.key,
                    value=value,
                    source="台账",
                )
        do_save_narrative(
            report=report, narrative=narrative if narrative is not None else complete_narrative()
        )
    return report


def approve(district, report: AnnualReport, slug: str = "a") -> AnnualReport:
    with acting(actor=district.user(slug, "editor")):
        report = do_submit_report(report=report)
    for role in ("first_reviewer", "second_reviewer", "final_approver"):
        with acting(actor=district.user(slug, role)):
            report = do_approve_report(report=report, comment="同意")
    return report


def publish(district, report: AnnualReport, slug: str = "a") -> AnnualReport:
    report = approve(district, report, slug)
    with acting(actor=district.user(slug, "disclosure_officer")):
        return do_mark_final(report=report, published_on=PUBLISHED)


@pytest.fixture
def fee_paid(district):
    """Agency a received one application in 2025 and was paid 100 yuan for it."""
    seed_bundled_schedules(today=TODAY)
    row = ["A-001", "2025-05-06", "自然人", "申请人", "网络", "某文件", "予以公开", "2025-05-20"]
    do_import_table(today=TODAY, agency=district.a, table=table_from_rows([row]), source="台账")
    paid = Application.objects.get(receipt_number="A-001")
    ClockEvent.objects.create(
        application=paid,
        kind=EventKind.FEE_NOTICE_SENT,
        on=date(2025, 5, 8),
        data=dump_event_data(FeeNoticeSent(amount=100, basis=FeeBasis.BY_COUNT, pages=0)),
    )
    ClockEvent.objects.create(application=paid, kind=EventKind.FEE_PAID, on=date(2025, 5, 12))
    refresh(paid, today=TODAY)
    return district


def test_snapshot_findings_are_a_fresh_check_of_the_published_report(fee_paid) -> None:
    # 100 yuan = 0.01 万元 in table 二: no fee warning once the figure is in.
    report = write(fee_paid, figures={("fees", "amount_wan_yuan"): "0.01"})
    report = publish(fee_paid, report)
    snapshot = report.snapshot
    assert snapshot["processing_fees"]["amount_yuan"] == 100
    assert snapshot["tables"]["proactive"]["fees"]["amount_wan_yuan"] == 0.01
    assert not [f for f in snapshot["findings"] if f["rule"] == PROCESSING_FEE.id]
    assert snapshot["findings"] == check_report(snapshot)


def test_the_fee_warning_stands_while_the_entered_fee_is_too_small(fee_paid) -> None:
    report = write(fee_paid, figures={("fees", "amount_wan_yuan"): "0"})
    data = compose_report(report, today=TODAY)
    assert [f["rule"] for f in data["findings"]] == [PROCESSING_FEE.id]


def test_unentered_figures_print_as_unentered_never_as_zero(client, district) -> None:
    report = write(district, figures={("licensing", "decisions"): None})
    data = compose_report(report, today=TODAY)
    assert data["tables"]["proactive"]["licensing"]["decisions"] is None
    assert data["tables"]["proactive"]["penalty"]["decisions"] == 0

    client.force_login(district.user("a", "editor"))
    page = client.get(reverse("reports_editor", args=[report.pk])).content.decode()
    assert f'data-cell="proactive.licensing.decisions">{UNENTERED}</td>' in page
    assert 'data-cell="proactive.penalty.decisions">0</td>' in page

    pdf = client.get(reverse("reports_file", args=[report.pk, "pdf"])).content
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        text = "\n".join(page.extract_text() or "" for page in opened.pages)
    assert re.search(r"行政许可\s*" + UNENTERED, text), text

    document = docx.Document(io.BytesIO(render_docx(data)))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert cells[cells.index("行政许可") + 1] == UNENTERED


def test_final_is_refused_with_an_unentered_figure(district) -> None:
    report = approve(district, write(district, figures={("licensing", "decisions"): None}))
    with (
        acting(actor=district.user("a", "disclosure_officer")),
        pytest.raises(ValidationError, match="表二尚有1项数字未填报（行政许可"),
    ):
        do_mark_final(report=report, published_on=PUBLISHED)
    assert AnnualReport.objects.get(pk=report.pk).status == ReportStatus.APPROVED


def test_final_is_refused_with_an_empty_narrative_part(district) -> None:
    narrative = complete_narrative(platform="", problems="  ")
    report = approve(district, write(district, narrative=narrative))
    with (
        acting(actor=district.user("a", "disclosure_officer")),
        pytest.raises(ValidationError) as refused,
    ):
        do_mark_final(report=report, published_on=PUBLISHED)
    message = " ".join(refused.value.messages)
    assert "报告文字尚有2部分未填写" in message
    assert "（四）平台建设情况" in message and "五、存在的主要问题及改进情况" in message
    assert AnnualReport.objects.get(pk=report.pk).snapshot is None


def pdf_text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as opened:
        return "\n".join(page.extract_text() or "" for page in opened.pages)


def test_draft_pdf_is_marked_and_undated_the_final_is_dated(district) -> None:
    report = write(district)
    draft = pdf_text(render_pdf(compose_report(report, today=TODAY)))
    assert "草稿" in draft
    assert not SIGNATURE_DATE.search(draft), draft
    final = pdf_text(render_pdf(compose_report(publish(district, report), today=TODAY)))
    assert "草稿" not in final
    assert "2026年1月20日" in final


def test_draft_docx_is_marked_and_undated(district) -> None:
    document = docx.Document(io.BytesIO(render_docx(compose_report(write(district), today=TODAY))))
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    assert "草稿" in header
    body = "\n".join(p.text for p in document.paragraphs)
    assert not SIGNATURE_DATE.search(body)


def test_rollup_uses_the_same_composition_as_the_agencies(fee_paid) -> None:
    district = fee_paid
    root = district.a.parent
    write(district, "a", figures={("fees", "amount_wan_yuan"): "0.01", ("penalty", "decisions"): 2})
    publish(district, write(district, "b", figures={("penalty", "decisions"): 3}), "b")
    rollup = build_rollup(district=root, year=YEAR, today=TODAY, actor=district.operator)
    agencies = [root, district.a, district.b]
    composed = compose_year(agencies=agencies, year=YEAR, today=TODAY).reports
    for status, agency in zip(rollup.agencies, agencies, strict=True):
        assert status.findings == composed[agency.pk]["findings"], agency.name
    a = composed[district.a.pk]
    assert a == compose_report(AnnualReport.objects.get(agency=district.a), today=TODAY)
    assert not [f for f in a["findings"] if f["rule"] == PROCESSING_FEE.id]
    proactive = rollup.report["tables"]["proactive"]
    assert proactive["penalty"]["decisions"] is None  # the district government entered none
    assert rollup.report["processing_fees"] == {"count": 1, "amount_yuan": 100}
