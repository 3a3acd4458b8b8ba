"""The district government's own report: the roll-up's sums, a pre-filled text, the same chain."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from tests import test_report_rollup
from tests.conftest import PASSWORD
from tests.report_helpers import complete_narrative, publish_report

from gongkai.agencies.models import Role
from gongkai.agencies.services import do_create_staff_user
from gongkai.audit.context import acting
from gongkai.reports.compose import compose_report, error_findings
from gongkai.reports.district_report import do_create_district_report
from gongkai.reports.models import ReportKind, ReportStatus
from gongkai.reports.render import render
from gongkai.reports.rollup import build_rollup
from gongkai.reports.services import (
    do_approve_report,
    do_enter_figure,
    do_mark_final,
    do_save_narrative,
    do_submit_report,
)

records = test_report_rollup.records  # the fixture: records in the district and two agencies
YEAR = 2026
LATER = date(2027, 2, 10)


def _build(district):
    with acting(actor=district.operator):
        return do_create_district_report(district=district.a.parent, year=YEAR, today=LATER)


def test_the_district_report_is_the_roll_up(records):
    publish_report(records, "b", YEAR, on=date(2027, 1, 20), licensing=3)
    report = _build(records)
    assert (report.kind, report.agency) == (ReportKind.DISTRICT, records.a.parent)
    data = compose_report(report, today=LATER)
    rollup = build_rollup(district=records.a.parent, year=YEAR, today=LATER)
    assert data["tables"] == rollup.report["tables"]
    assert (
        data["processing_fees"]
        == rollup.report["processing_fees"]
        == {
            "count": 1,
            "amount_yuan": 100,
        }
    )
    assert data["tables"]["applications"]["1"]["total"] == 7
    # The text: the summed figures' sentences, the count of reports, the agencies' words.
    text = data["narrative"]
    parts = {p["key"]: p["text"] for p in text["overview"]}
    assert parts["applications"].startswith("本年度收到依申请公开申请7件。")
    assert parts["oversight"].startswith("全区3个机构（含本级政府）编制2026年度")
    assert "已发布1个" in parts["oversight"]
    assert "民政局：（一）主动公开情况的文字。" in parts["proactive"]
    assert "民政局：存在的问题及改进措施。" in text["problems"]
    for fmt in ("html", "docx", "pdf"):
        assert render(data, fmt)
    assert "测试区人民政府" in render(data, "html").decode()


def test_its_tables_cannot_be_typed_in_and_it_is_built_once(records):
    report = _build(records)
    with acting(actor=records.operator), pytest.raises(ValidationError, match="已存在"):
        do_create_district_report(district=records.a.parent, year=YEAR, today=LATER)
    with acting(actor=records.operator), pytest.raises(ValidationError, match="不是区级政府"):
        do_create_district_report(district=records.a, year=YEAR, today=LATER)
    with acting(actor=records.user("a", "agency_admin")), pytest.raises(PermissionDenied):
        do_create_district_report(district=records.a.parent, year=YEAR, today=LATER)
    with pytest.raises(ValidationError, match="不能手工填报"):
        do_enter_figure(report=report, row="licensing", column="decisions", value=1, source="x")


def test_it_goes_final_only_when_every_agency_is_complete(records):
    root = records.a.parent
    records.r = root  # publish_report finds the agency and its staff by slug
    for role in Role:
        if role != Role.OPERATOR:
            records.staff[("r", role.value)] = do_create_staff_user(
                username=f"r_{role.value}",
                password=PASSWORD,
                full_name=f"r{role.label}",
                agency=root,
                roles=[role],
            )
    report = _build(records)
    with acting(actor=records.user("r", "editor")):
        do_save_narrative(report=report, narrative=complete_narrative())
        report = do_submit_report(report=report)
    for role in ("first_reviewer", "second_reviewer", "final_approver"):
        with acting(actor=records.user("r", role)):
            report = do_approve_report(report=report, comment="同意")
    # Table 二 is unentered in every agency: the sums are too, the same rule refuses it.
    assert [f["rule"] for f in error_findings(compose_report(report, today=LATER))] == [
        "proactive.unentered"
    ]
    officer = records.user("r", "disclosure_officer")
    with acting(actor=officer), pytest.raises(ValidationError, match="不能定稿"):
        do_mark_final(report=report, published_on=LATER)
    for slug in ("a", "b", "r"):
        publish_report(records, slug, YEAR, on=date(2027, 1, 20))
    with acting(actor=officer):
        final = do_mark_final(report=report, published_on=LATER)
    assert final.status == ReportStatus.FINAL
    assert (
        final.snapshot["tables"]
        == build_rollup(district=root, year=YEAR, today=LATER).report["tables"]
    )
