"""Table 三 counted from records equals what an imported ledger implies, carry-over included."""

from __future__ import annotations

import csv
import io
from datetime import date

from gongkai.applications.ledger import do_import_ledger
from gongkai.reports.statistics import COLUMNS, applications_table
from gongkai.rules.report_checks import check_report
from gongkai.rules.report_format import empty_tables, format_for_year
from gongkai.workcalendar.services import seed_bundled_schedules

TODAY = date(2026, 11, 20)  # the date the services run on, never the machine's

HEADERS = [
    "申请编号",
    "收到申请日期",
    "申请人类型",
    "申请人",
    "提交方式",
    "申请内容",
    "办理结果",
    "答复日期",
]
LEDGER = [
    # received last year, answered last year: in neither row 2 nor this year's rows
    ["L2025-001", "2025-03-02", "自然人", "甲", "当面", "某文件", "予以公开", "2025-03-20"],
    # received last year, still open on 1 January: carry-over, answered this year
    ["L2025-002", "2025-12-22", "商业企业", "乙公司", "网络", "某批复", "部分公开", "2026-01-15"],
    [
        "L2025-003",
        "2025-12-29",
        "自然人",
        "丙",
        "邮寄",
        "某名单",
        "无法提供：本机关不掌握相关政府信息",
        "2026-01-20",
    ],
    # received this year
    ["L2026-001", "2026-02-03", "自然人", "丁", "当面", "某预算", "予以公开", "2026-02-10"],
    [
        "L2026-002",
        "2026-03-04",
        "科研机构",
        "某研究院",
        "网络",
        "某数据",
        "不予公开：属于国家秘密",
        "2026-03-30",
    ],
    [
        "L2026-003",
        "2026-04-07",
        "自然人",
        "戊",
        "传真",
        "某投诉",
        "不予处理：信访举报投诉类申请",
        "2026-04-20",
    ],
    [
        "L2026-004",
        "2026-05-06",
        "法律服务机构",
        "某律所",
        "平常信函",
        "某案卷",
        "其他处理：申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2026-06-01",
    ],
    # received this year, still open on 31 December: row 四
    ["L2026-005", "2026-12-28", "自然人", "己", "网络", "某通知", "", ""],
]


def _csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    writer.writerows(LEDGER)
    return out.getvalue().encode("utf-8")


def test_table_from_an_imported_ledger(district):
    seed_bundled_schedules(today=TODAY)
    do_import_ledger(today=TODAY, agency=district.a, content=_csv(), file_name="ledger.csv")
    table = applications_table(agencies=[district.a], year=2026)
    last_year = applications_table(agencies=[district.a], year=2025)
    assert table["1"]["total"] == 5
    assert table["2"] == {
        **dict.fromkeys([*COLUMNS, "total"], 0),
        "natural_person": 1,
        "commercial_enterprise": 1,
        "total": 2,
    }
    assert table["3.1"]["natural_person"] == 1
    assert table["3.2"]["commercial_enterprise"] == 1
    assert table["3.3.1"]["research_institution"] == 1
    assert table["3.4.1"]["natural_person"] == 1
    assert table["3.5.1"]["natural_person"] == 1
    assert table["3.6.1"]["legal_service_agency"] == 1
    assert table["3.7"]["total"] == 6
    assert table["4"]["total"] == 1
    blank = empty_tables(format_for_year(2026))
    report = {"year": 2026, "format": "2021", "tables": {**blank, "applications": table}}
    previous = {"year": 2025, "format": "2021", "tables": {**blank, "applications": last_year}}
    assert check_report(report, previous=previous) == []

    assert last_year["4"] == table["2"]  # carry-over continuity
    assert last_year["1"]["total"] == 3
    assert applications_table(agencies=[district.b], year=2026)["1"]["total"] == 0


def test_report_build_command(district):
    import json

    from click.testing import CliRunner

    from gongkai.applications.models import Appeal, Application
    from gongkai.cli import main

    seed_bundled_schedules(today=TODAY)
    do_import_ledger(today=TODAY, agency=district.a, content=_csv(), file_name="ledger.csv")
    app = Application.objects.get(receipt_number="L2026-002")
    Appeal.objects.create(
        application=app,
        kind="reconsideration",
        body="测试区人民政府",
        filed_on="2026-04-01",
        result="upheld",
        decided_on="2026-05-20",
    )
    Appeal.objects.create(
        application=app,
        kind="litigation_direct",
        body="测试区人民法院",
        filed_on="2026-11-01",
        result="pending",
    )
    result = CliRunner().invoke(
        main, ["report", "build", "--agency", district.a.code, "--year", "2026"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["format"], data["year"]) == ("2021", 2026)
    assert data["tables"]["applications"]["3.7"]["total"] == 6
    assert data["tables"]["appeals"]["reconsideration"] == {
        "upheld": 1,
        "corrected": 0,
        "other": 0,
        "pending": 0,
        "total": 1,
    }
    assert data["tables"]["appeals"]["litigation_direct"]["pending"] == 1
    # The tables reconcile; what is left is what nobody has written yet (no report stored).
    assert [f["rule"] for f in data["findings"]] == ["proactive.unentered", "narrative.empty"]
    assert data["tables"]["proactive"]["licensing"]["decisions"] is None
    assert "须由工作人员填报" in data["sources"]["proactive"]
    text = CliRunner().invoke(
        main, ["report", "build", "--agency", district.a.code, "--year", "2026", "--format", "text"]
    )
    assert "本年新收 5 件，上年结转 2 件" in text.output
    hidden = CliRunner().invoke(
        main,
        [
            "report",
            "build",
            "--agency",
            district.a.code,
            "--year",
            "2026",
            "--as",
            "b_agency_admin",
        ],
    )
    assert hidden.exit_code == 1 and "无权查看" in hidden.output
