"""Annual report services: pre-fill, figures with sources, the review chain, final, isolation."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from tests.report_helpers import complete_narrative

from gongkai.audit.context import acting
from gongkai.audit.models import AuditEntry
from gongkai.reports.compose import compose_report
from gongkai.reports.models import AnnualReport, ReportStatus, ReviewStep
from gongkai.reports.proactive import figure_cells
from gongkai.reports.services import (
    do_approve_report,
    do_create_report,
    do_enter_figure,
    do_mark_final,
    do_reject_report,
    do_save_narrative,
    do_submit_report,
)
from gongkai.rules.report_checks import PROACTIVE_UNENTERED

YEAR = 2025
TODAY = datetime.date(2026, 1, 15)


def as_(district, slug: str, role: str):
    return acting(actor=district.user(slug, role), channel="web")


def enter_all_figures(district, report: AnnualReport, slug: str = "a") -> None:
    """Table 二 entered and every part of the text written: nothing left to block final."""
    with as_(district, slug, "editor"):
        do_save_narrative(report=report, narrative=complete_narrative())
        for cell in figure_cells("2021"):
            do_enter_figure(
                report=report,
                row=cell.row.key,
                column=cell.column.key,
                value=0,
                source="本机关无此职责",
            )


def through_the_chain(district, report: AnnualReport, slug: str = "a") -> AnnualReport:
    with as_(district, slug, "editor"):
        report = do_submit_report(report=report)
    for role in ("first_reviewer", "second_reviewer", "final_approver"):
        with as_(district, slug, role):
            report = do_approve_report(report=report, comment="同意")
    return report


@pytest.fixture
def report(district) -> AnnualReport:
    with as_(district, "a", "editor"):
        return do_create_report(agency=district.a, year=YEAR)


def test_created_report_is_prefilled_with_generated_sentences(report) -> None:
    parts = {p["key"]: p["text"] for p in report.narrative["overview"]}
    assert parts["applications"].startswith("本年度收到依申请公开申请0件。")
    assert report.narrative["other"] == "2025年度收取政府信息公开信息处理费0件，共计0元。"
    assert report.status == ReportStatus.DRAFT


def test_next_year_reuses_last_years_text_after_the_fresh_sentences(district, report) -> None:
    narrative = dict(report.narrative)
    narrative["problems"] = "主动公开的简报信息还不够。"
    with as_(district, "a", "editor"):
        do_save_narrative(report=report, narrative=narrative)
        following = do_create_report(agency=district.a, year=YEAR + 1)
    assert following.narrative["problems"] == "主动公开的简报信息还不够。"
    # Last year's generated sentence is not repeated below this year's.
    assert following.narrative["overview"][1]["text"] == "本年度收到依申请公开申请0件。"


def test_a_second_report_for_the_same_year_is_refused(district, report) -> None:
    with as_(district, "a", "editor"), pytest.raises(ValidationError, match="已存在"):
        do_create_report(agency=district.a, year=YEAR)


def test_years_without_a_format_or_in_the_future_are_refused(district) -> None:
    with as_(district, "a", "editor"):
        with pytest.raises(ValidationError, match="2018年度"):
            do_create_report(agency=district.a, year=2018)
        with pytest.raises(ValidationError, match="尚未开始"):
            do_create_report(agency=district.a, year=datetime.date.today().year + 1)


def test_unentered_figures_are_an_error_naming_them(report) -> None:
    data = compose_report(report, today=TODAY)
    [finding] = [f for f in data["findings"] if f["rule"] == PROACTIVE_UNENTERED.id]
    assert finding["severity"] == "error"
    assert "规章·本年制发件数" in finding["message"]
    assert len(finding["cells"]) == len(figure_cells("2021")) == 10


def test_figures_with_sources_go_into_the_json(district, report) -> None:
    with as_(district, "a", "editor"):
        do_enter_figure(
            report=report, row="licensing", column="decisions", value="12", source="审批局系统"
        )
        do_enter_figure(
            report=report, row="fees", column="amount_wan_yuan", value="3.25", source="财务账"
        )
        do_enter_figure(
            report=report, row="licensing", column="decisions", value=13, source="审批局系统导出"
        )
    data = compose_report(report, today=TODAY)
    assert data["tables"]["proactive"]["licensing"]["decisions"] == 13
    assert data["tables"]["proactive"]["fees"]["amount_wan_yuan"] == 3.25
    assert data["proactive_sources"]["licensing.decisions"] == "审批局系统导出"
    [finding] = [f for f in data["findings"] if f["rule"] == PROACTIVE_UNENTERED.id]
    assert "行政许可" not in finding["message"]


@pytest.mark.parametrize(
    ("row", "column", "value", "source", "message"),
    [
        ("licensing", "decisions", "1.5", "台账", "应为整数"),
        ("licensing", "decisions", "-1", "台账", "不能为负数"),
        ("licensing", "decisions", "十二", "台账", "应填写数字"),
        ("licensing", "decisions", "1", " ", "须注明数据来源"),
        ("fees", "amount_wan_yuan", "1.00001", "财务账", "四位小数"),
        ("licensing", "amount", "1", "台账", "没有"),
        ("nonsense", "decisions", "1", "台账", "没有"),
    ],
)
def test_bad_figures_are_refused_in_chinese(district, report, row, column, value, source, message):
    with as_(district, "a", "editor"), pytest.raises(ValidationError, match=message):
        do_enter_figure(report=report, row=row, column=column, value=value, source=source)


def test_review_chain_in_order_then_final_snapshot(district, report) -> None:
    enter_all_figures(district, report)
    with as_(district, "a", "editor"):
        report = do_submit_report(report=report, comment="请审核")
    assert report.status == ReportStatus.FIRST_REVIEW
    # The second reviewer cannot jump the first.
    with as_(district, "a", "second_reviewer"), pytest.raises(PermissionDenied, match="初审"):
        do_approve_report(report=report)
    report = through_the_chain_from_first(district, report)
    assert report.status == ReportStatus.APPROVED
    with as_(district, "a", "disclosure_officer"):
        report = do_mark_final(report=report, published_on=datetime.date(2026, 1, 20))
    assert report.status == ReportStatus.FINAL
    assert report.snapshot["published_on"] == "2026-01-20"
    assert [s.action for s in report.steps.all()] == [
        "submit",
        "approve",
        "approve",
        "approve",
        "finalize",
    ]
    assert set(
        AuditEntry.objects.filter(
            object_type="reports.annualreport", object_id=str(report.pk)
        ).values_list("action", flat=True)
    ) == {
        "report.create",
        "report.narrative",
        "report.figure",
        "report.submit",
        "report.approve",
        "report.final",
    }


def through_the_chain_from_first(district, report: AnnualReport) -> AnnualReport:
    for role in ("first_reviewer", "second_reviewer", "final_approver"):
        with as_(district, "a", role):
            report = do_approve_report(report=report, comment="同意")
    return report


def test_final_numbers_never_shift(district, report) -> None:
    enter_all_figures(district, report)
    report = through_the_chain(district, report)
    with as_(district, "a", "final_approver"):
        report = do_mark_final(report=report)
    frozen = compose_report(report, today=TODAY)
    from gongkai.reports.models import ProactiveFigure

    ProactiveFigure.objects.filter(report=report).update(value=99)  # a later correction
    assert compose_report(AnnualReport.objects.get(pk=report.pk), today=TODAY) == frozen
    assert frozen["tables"]["proactive"]["licensing"]["decisions"] == 0


def test_final_is_refused_while_errors_stand(district, report) -> None:
    report = through_the_chain(district, report)
    with as_(district, "a", "final_approver"), pytest.raises(ValidationError) as caught:
        do_mark_final(report=report)
    message = " ".join(caught.value.messages)
    assert "不能定稿" in message and "表二尚有10项数字未填报" in message
    assert AnnualReport.objects.get(pk=report.pk).status == ReportStatus.APPROVED
    assert AnnualReport.objects.get(pk=report.pk).snapshot is None


def test_final_needs_the_whole_chain(district, report) -> None:
    enter_all_figures(district, report)
    with as_(district, "a", "final_approver"), pytest.raises(ValidationError, match="把关后"):
        do_mark_final(report=report)


def test_reject_sends_back_to_draft_with_a_reason(district, report) -> None:
    with as_(district, "a", "editor"):
        report = do_submit_report(report=report)
        with pytest.raises(ValidationError, match="起草中"):
            do_save_narrative(report=report, narrative=report.narrative)
    with as_(district, "a", "first_reviewer"):
        with pytest.raises(ValidationError, match="写明意见"):
            do_reject_report(report=report, comment=" ")
        report = do_reject_report(report=report, comment="第五部分请补充改进措施")
    assert report.status == ReportStatus.DRAFT
    step = ReviewStep.objects.get(report=report, action="reject")
    assert (step.stage, step.comment) == (ReportStatus.FIRST_REVIEW, "第五部分请补充改进措施")
    entry = AuditEntry.objects.get(action="report.reject")
    assert entry.actor == district.user("a", "first_reviewer")
    assert "第五部分请补充改进措施" in entry.summary


def test_narrative_shape_is_checked(district, report) -> None:
    with as_(district, "a", "editor"):
        with pytest.raises(ValidationError, match="未知项目"):
            do_save_narrative(report=report, narrative={"seven": "x"})
        with pytest.raises(ValidationError, match="应为文字"):
            do_save_narrative(report=report, narrative={"problems": 3})
        do_save_narrative(report=report, narrative={"problems": "问题"})
    entry = AuditEntry.objects.get(action="report.narrative")
    # The audit log names the part as the report does, not by its key.
    assert "、五、存在的主要问题及改进情况" in entry.summary
    assert "problems" not in entry.summary


def test_other_agency_cannot_see_or_change_the_report(district, report) -> None:
    assert not AnnualReport.objects.visible_to(district.user("b", "agency_admin")).exists()
    assert AnnualReport.objects.visible_to(district.operator).count() == 1
    for role in ("editor", "agency_admin", "disclosure_officer"):
        with as_(district, "b", role):
            with pytest.raises(PermissionDenied):
                do_save_narrative(report=report, narrative={"problems": "篡改"})
            with pytest.raises(PermissionDenied):
                do_enter_figure(
                    report=report, row="licensing", column="decisions", value=1, source="x"
                )
            with pytest.raises(PermissionDenied):
                do_submit_report(report=report)
    with as_(district, "a", "editor"):
        report = do_submit_report(report=report)
    with as_(district, "b", "first_reviewer"), pytest.raises(PermissionDenied):
        do_approve_report(report=report)
    with as_(district, "b", "editor"), pytest.raises(PermissionDenied):
        do_create_report(agency=district.a, year=YEAR - 1)


def test_reviewer_cannot_write_the_text(district, report) -> None:
    with as_(district, "a", "first_reviewer"), pytest.raises(PermissionDenied):
        do_save_narrative(report=report, narrative={"problems": "x"})


def test_final_is_refused_for_text_no_font_can_print(district, report) -> None:
    enter_all_figures(district, report)
    with as_(district, "a", "editor"):
        narrative = complete_narrative(problems="私用区字符\ue000")
        do_save_narrative(report=report, narrative=narrative)
    report = through_the_chain(district, report)
    with as_(district, "a", "final_approver"), pytest.raises(ValidationError, match="PDF"):
        do_mark_final(report=report)
