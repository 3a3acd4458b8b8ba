"""The district roll-up: the sum of the agencies' own reports, for the operator only."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from gongkai.applications.ledger import do_import_table, table_from_rows
from gongkai.applications.models import Application, ClockEvent
from gongkai.applications.services.clock import refresh
from gongkai.applications.services.handling import do_record_appeal
from gongkai.cli import main
from gongkai.district.wagtail_hooks import register_district_menu_item
from gongkai.reports.compose import compose_year
from gongkai.reports.rollup import NO_REPORT, build_rollup
from gongkai.rules.application_clock import EventKind
from gongkai.rules.clock_events import FeeNoticeSent, dump_event_data
from gongkai.rules.fees import FeeBasis
from gongkai.workcalendar.services import seed_bundled_schedules
from tests.report_helpers import draft_report, publish_report

TODAY = date(2026, 11, 27)


def _ledger(prefix: str, rows: list[tuple[str, str, str, str]]) -> list[list[str]]:
    """(received, category, outcome, answered) → ledger rows numbered ``prefix``-n."""
    return [
        [f"{prefix}-{n:03d}", received, category, f"申请人{n}", "网络", "某文件", outcome, answered]
        for n, (received, category, outcome, answered) in enumerate(rows, start=1)
    ]


A_ROWS = [
    ("2025-12-22", "商业企业", "部分公开", "2026-01-15"),  # carried over into 2026
    ("2026-02-03", "自然人", "予以公开", "2026-02-10"),
    ("2026-03-04", "科研机构", "不予公开：属于国家秘密", "2026-03-30"),
    ("2026-04-07", "自然人", "不予处理：信访举报投诉类申请", "2026-04-20"),
    ("2026-10-28", "自然人", "", ""),  # still open
]
B_ROWS = [
    ("2025-03-02", "自然人", "予以公开", "2025-03-20"),
    ("2025-12-29", "自然人", "无法提供：本机关不掌握相关政府信息", "2026-01-20"),
    ("2026-05-06", "法律服务机构", "予以公开", "2026-05-20"),
    ("2026-06-01", "社会公益组织", "部分公开", "2026-06-20"),
]


@pytest.fixture
def records(district):
    """Non-zero records in both agencies and the district government, through the services."""
    seed_bundled_schedules(today=TODAY)
    root = district.a.parent
    do_import_table(
        today=TODAY, agency=district.a, table=table_from_rows(_ledger("A", A_ROWS)), source="a"
    )
    do_import_table(
        today=TODAY, agency=district.b, table=table_from_rows(_ledger("B", B_ROWS)), source="b"
    )
    do_import_table(
        today=TODAY,
        agency=root,
        table=table_from_rows(_ledger("R", [("2026-07-01", "其他", "予以公开", "2026-07-10")])),
        source="r",
    )
    do_record_appeal(
        application=Application.objects.get(receipt_number="A-003"),
        kind="reconsideration",
        body="测试区人民政府",
        filed_on=date(2026, 4, 15),
        result="upheld",
        decided_on=date(2026, 6, 1),
    )
    paid = Application.objects.get(receipt_number="B-003")
    ClockEvent.objects.create(
        application=paid,
        kind=EventKind.FEE_NOTICE_SENT,
        on=date(2026, 5, 8),
        data=dump_event_data(FeeNoticeSent(amount=100, basis=FeeBasis.BY_COUNT, pages=0)),
    )
    ClockEvent.objects.create(application=paid, kind=EventKind.FEE_PAID, on=date(2026, 5, 12))
    refresh(paid, today=TODAY)
    return district


def _cells(tree, prefix=""):
    """Every numeric leaf of a nested mapping, by dotted path."""
    for key, value in tree.items():
        if isinstance(value, dict):
            yield from _cells(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def test_rollup_is_the_sum_of_the_agencies_reports(records):
    root = records.a.parent
    publish_report(records, "b", 2026, on=date(2026, 11, 20), licensing=3)
    draft_report(records, "a", 2026, licensing=4)
    rollup = build_rollup(district=root, year=2026, today=TODAY)
    agencies = (root, records.a, records.b)
    own = compose_year(agencies=agencies, year=2026, today=TODAY).reports
    parts = [dict(_cells(own[agency.pk]["tables"])) for agency in agencies]
    summed = dict(_cells(rollup.report["tables"]))
    for path, value in summed.items():
        values = [part[path] for part in parts]
        # A figure any agency has not entered leaves the district's unentered, not 0.
        assert value == (None if None in values else sum(values)), path
    assert rollup.report["processing_fees"] == {"count": 1, "amount_yuan": 100}
    apps = rollup.report["tables"]["applications"]
    assert apps["1"]["total"] == 7  # 4 in A, 2 in B, 1 in the district government
    assert apps["2"]["total"] == 2
    assert apps["3.7"]["total"] == 8 and apps["4"]["total"] == 1
    assert rollup.report["tables"]["appeals"]["reconsideration"]["upheld"] == 1
    assert rollup.report["tables"]["proactive"]["licensing"]["decisions"] is None
    errors = [f for f in rollup.report["findings"] if f["severity"] == "error"]
    assert [f["rule"] for f in errors] == ["proactive.unentered"]
    assert [a.code for a in rollup.agencies] == [root.code, records.a.code, records.b.code]


def test_a_published_report_counts_as_published_even_if_records_change_later(records):
    root = records.a.parent
    publish_report(records, "b", 2026, on=date(2026, 11, 20))
    before = build_rollup(district=root, year=2026, today=TODAY).report["tables"]
    do_import_table(
        today=TODAY,
        agency=records.b,
        table=table_from_rows(
            _ledger("LATE", [("2026-08-01", "自然人", "予以公开", "2026-08-05")])
        ),
        source="late",
    )
    after = build_rollup(district=root, year=2026, today=TODAY).report["tables"]
    assert after == before  # b's published snapshot, not its records


def test_late_and_failing_agencies_are_listed(records):
    root = records.a.parent
    publish_report(records, "b", 2025, on=date(2026, 1, 20))  # on time
    draft_report(records, "a", 2025, licensing=1)  # table 二 incomplete: an error
    rollup = build_rollup(district=root, year=2025, today=date(2026, 2, 2))
    by_code = {a.code: a for a in rollup.agencies}
    a, b, r = by_code[records.a.code], by_code[records.b.code], by_code[root.code]
    assert (b.status, b.late, b.errors, b.published_on) == (
        "已发布（定稿）",
        False,
        0,
        date(2026, 1, 20),
    )
    # Nine table 二 figures unentered, and the text not written.
    assert a.late and a.status == "起草中" and a.errors == 2
    assert [f["rule"] for f in a.findings] == ["proactive.unentered", "narrative.empty"]
    assert "9项数字未填报" in a.findings[0]["message"]
    assert r.late and r.status == NO_REPORT and r.errors == 2  # nothing written at all
    assert {x.code for x in rollup.late} == {records.a.code, root.code}
    assert [x.code for x in rollup.failing] == [root.code, records.a.code]
    early = build_rollup(district=root, year=2025, today=date(2026, 1, 31))
    assert early.late == []  # the deadline day itself is still on time
    publish_report(records, "a", 2024, on=date(2025, 3, 1))
    late_2024 = build_rollup(district=root, year=2024, today=TODAY)
    assert len(late_2024.late) == 3  # a published after 31 January 2025; b and root never
    assert late_2024.agencies[1].published_on == date(2025, 3, 1)


def test_only_the_operator_may_roll_up(records):
    root = records.a.parent
    with pytest.raises(PermissionDenied):
        build_rollup(district=root, year=2026, today=TODAY, actor=records.user("a", "agency_admin"))
    assert build_rollup(district=root, year=2026, today=TODAY, actor=records.operator)


def test_rollup_command(records):
    runner = CliRunner()
    result = runner.invoke(main, ["report", "rollup", "--year", "2026"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["tables"]["applications"]["1"]["total"] == 7
    assert data["agency_report_due"] == "2027-01-31"
    assert len(data["agencies"]) == 3
    text = runner.invoke(main, ["report", "rollup", "--year", "2026", "--format", "text"])
    assert "本年新收7件" in text.output and records.a.name in text.output
    refused = runner.invoke(main, ["report", "rollup", "--year", "2026", "--as", "a_agency_admin"])
    assert refused.exit_code == 1 and "只有平台运营方" in refused.output
    bad_year = runner.invoke(main, ["report", "rollup", "--year", "2010"])
    assert bad_year.exit_code == 1 and "错误" in bad_year.output


def _request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_admin_screen_is_for_the_operator_only(records, client):
    client.force_login(records.operator)
    page = client.get("/admin/district/reports/", {"year": "2026"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "全区年度报告汇总" in html and records.b.name in html and "本年新收" in html
    assert "<td>未填报</td>" in html and "None" not in html  # nobody entered table 二
    assert page.context["rollup"].report["tables"]["applications"]["1"]["total"] == 7
    as_json = client.get("/admin/district/reports/", {"year": "2026", "format": "json"})
    assert as_json.json()["tables"]["applications"]["1"]["total"] == 7
    bad = client.get("/admin/district/reports/", {"year": "二〇二六"})
    assert bad.status_code == 200 and "应为四位数字" in bad.content.decode()
    menu_item = register_district_menu_item()
    assert menu_item.is_shown(_request(records.operator)) is True

    for user in (records.user("a", "agency_admin"), records.user("b", "disclosure_officer")):
        client.force_login(user)
        refused = client.get("/admin/district/reports/", {"year": "2026", "format": "json"})
        assert (refused.status_code, refused.url) == (302, "/admin/")  # Wagtail's refusal
        assert menu_item.is_shown(_request(user)) is False
