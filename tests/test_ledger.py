"""The application ledger (台账): all-or-nothing import, year export, round trip, scoping."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from openpyxl import Workbook, load_workbook

from gongkai.applications.ledger import CONTACT_HEADERS, DERIVED_HEADERS, HEADERS
from gongkai.applications.ledger_cli import applications
from gongkai.applications.models import Application, Channel, ClockEvent
from gongkai.audit.models import AuditEntry
from gongkai.rules.application_clock import EventKind, Phase
from gongkai.rules.outcomes import ApplicantCategory
from gongkai.workcalendar.bundled import bundled_schedule, holiday_names
from gongkai.workcalendar.services import do_load_schedule

TODAY = date(2026, 11, 20)  # the date the services run on, never the machine's

IMPORT_ACTION = "application.ledger_import"


@pytest.fixture
def calendar_years(db: None) -> None:
    """The years the sample ledgers' clocks run through (2003 deliberately missing)."""
    for year in (2024, 2025, 2026):
        do_load_schedule(today=TODAY, schedule=bundled_schedule(year), names=holiday_names(year))


def cli(*args: str) -> Result:
    """Through ``gongkai`` once the group is registered there, else the group itself."""
    from gongkai.cli import main

    if "applications" in main.commands:
        return CliRunner().invoke(main, ["applications", *args])
    return CliRunner().invoke(applications, list(args))


# The ledger's columns plus the Art. 29 contact columns open rows need.
WITH_CONTACT: tuple[str, ...] = (*HEADERS, "联系人", "联系电话")


def write_xlsx(path: Path, rows: list[list[Any]], headers: tuple[str, ...] = WITH_CONTACT) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def write_csv(path: Path, rows: list[list[Any]], *, encoding: str) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(WITH_CONTACT)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


# Six rows covering every date form, every colon form, pending and carry-over.
GOOD_ROWS: list[list[Any]] = [
    [
        "QKTZ2025-001",
        date(2025, 3, 3),  # a real Excel date cell
        "自然人",
        "张建华",
        "当面",
        "2025年某街道老旧小区改造项目的立项批复文件",
        "予以公开",
        date(2025, 3, 20),
    ],
    [
        "QKTZ2025-002",
        "2025/4/7",
        "商业企业",
        "武汉市汉正商贸有限公司",
        "邮寄",
        "区财政局2024年度部门决算公开表",
        "部分公开",
        "2025年4月30日",
    ],
    [
        "QKTZ2025-003",
        "2025-05-06",
        "自然人",
        "李晓敏",
        "网络",
        "某地块征收补偿安置方案的会议纪要",
        "不予公开：属于四类过程性信息",
        "2025-05-29",
    ],
    [
        "QKTZ2025-004",
        "2025-06-09",
        "科研机构",
        "某大学公共管理学院",
        "传真",
        "2020年至2024年区级财政专项资金绩效评价报告",
        "无法提供 : 本机关不掌握相关政府信息",  # half-width colon and spaces, hand-typed
        "2025-07-01",
    ],
    [
        "QKTZ2025-005",
        "2025年9月1日",
        "法律服务机构",
        "湖北某律师事务所",
        "平常信函",
        "某项目环境影响评价审批材料",
        "其他处理：申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2025-09-26",
    ],
    [
        "QKTZ2025-006",
        "2025-12-22",
        "其他",
        "某小区业主委员会",
        "网络",
        "小区周边道路改造工程的规划许可文件",
        "",
        "",
        "李主任",  # Art. 29: an organisation's open application names its contact person
        "027-87654321",
    ],
]


def assert_good_rows_imported() -> None:
    by_number = {a.receipt_number: a for a in Application.objects.all()}
    assert len(by_number) == 6
    first = by_number["QKTZ2025-001"]
    assert (first.phase, first.outcome) == (Phase.ANSWERED, "3.1")
    assert (first.received_date, first.closed_date) == (date(2025, 3, 3), date(2025, 3, 20))
    assert first.channel == Channel.IN_PERSON
    assert first.category == ApplicantCategory.NATURAL_PERSON
    assert first.identity_number == ""
    assert first.submitted_at.astimezone().date() == date(2025, 3, 3)
    second = by_number["QKTZ2025-002"]
    assert second.channel == Channel.REGISTERED_MAIL
    assert (second.received_date, second.closed_date) == (date(2025, 4, 7), date(2025, 4, 30))
    assert by_number["QKTZ2025-003"].outcome == "3.3.6"
    assert by_number["QKTZ2025-004"].outcome == "3.4.1"
    assert by_number["QKTZ2025-004"].category == ApplicantCategory.RESEARCH_INSTITUTION
    ended = by_number["QKTZ2025-005"]
    assert (ended.outcome, ended.closed_date) == ("3.6.1", date(2025, 9, 26))
    # An imported 3.6.1 row is an ANSWERED event with that outcome; see the report on
    # whether evaluate() should call that phase ENDED like a recorded expiry does.
    assert ended.phase in {Phase.ANSWERED, Phase.ENDED}
    pending = by_number["QKTZ2025-006"]
    assert (pending.phase, pending.outcome, pending.closed_date) == (Phase.IN_PROGRESS, "", None)
    assert pending.received_date == date(2025, 12, 22)
    # 20 working days after 22 Dec 2025: 1–2 Jan 2026 off, Sunday 4 Jan worked.
    assert pending.answer_due == date(2026, 1, 20)
    counts: dict[str, int] = {}
    for application in by_number.values():
        counts[application.outcome] = counts.get(application.outcome, 0) + 1
    assert counts == {"3.1": 1, "3.2": 1, "3.3.6": 1, "3.4.1": 1, "3.6.1": 1, "": 1}
    assert ClockEvent.objects.filter(kind=EventKind.RECEIVED).count() == 6
    assert ClockEvent.objects.filter(kind=EventKind.ANSWERED).count() == 5


def test_good_xlsx_imports_every_row(district, calendar_years, tmp_path):
    path = write_xlsx(tmp_path / "台账2025.xlsx", GOOD_ROWS)
    result = cli("import", str(path), "--agency", district.a.code)
    assert result.exit_code == 0, result.output
    assert "已导入6件申请" in result.output
    assert_good_rows_imported()
    assert set(Application.objects.values_list("agency", flat=True)) == {district.a.pk}
    entry = AuditEntry.objects.get(action=IMPORT_ACTION)
    assert entry.agency == district.a
    assert entry.changes["count"] == 6
    assert entry.changes["file"] == "台账2025.xlsx"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_good_csv_imports_in_any_usual_encoding(district, calendar_years, tmp_path, encoding):
    rows = [
        ["" if v is None else v.isoformat() if isinstance(v, date) else v for v in r]
        for r in GOOD_ROWS
    ]
    path = write_csv(tmp_path / "台账.csv", rows, encoding=encoding)
    result = cli("import", str(path), "--agency", district.a.code)
    assert result.exit_code == 0, result.output
    assert_good_rows_imported()
    assert AuditEntry.objects.filter(action=IMPORT_ACTION).count() == 1


def test_bad_rows_are_all_reported_and_nothing_is_written(district, calendar_years, tmp_path):
    good = GOOD_ROWS[0]
    rows = [
        good,  # row 2: fine
        ["B-03", "2025-03-03", "个人", "王五", "当面", "某文件", "", ""],
        ["B-04", "2025-03-10", "自然人", "王五", "当面", "某文件", "予以公开", "2025-03-01"],
        ["B-05", "2025-03-10", "自然人", "王五", "当面", "某文件", "予以公开", ""],
        ["B-06", "2025-03-10", "自然人", "王五", "当面", "某文件", "", "2025-03-20"],
        [good[0], "2025-03-10", "自然人", "王五", "当面", "某文件", "", ""],
        ["B-08", "2025.3.1", "自然人", "王五", "当面", "某文件", "", ""],
        ["B-09", "2025-03-10", "自然人", "", "当面", "某文件", "", ""],
        ["B-10", "2025-03-10", "自然人", "王五", "电子邮件", "某文件", "", ""],
        ["B-11", "2003-05-06", "自然人", "王五", "当面", "某文件", "", ""],
        ["B-12", "2025-03-10", "自然人", "王五", "当面", "某文件", "同意公开", "2025-03-20"],
        ["B-13", "2025-02-30", "自然人", "王五", "当面", "", "", ""],
    ]
    path = write_xlsx(tmp_path / "bad.xlsx", rows)
    before = Application.objects.count()
    result = cli("import", str(path), "--agency", district.a.code)
    assert result.exit_code == 1
    output = result.output
    assert "未写入任何数据" in output
    expected = {
        3: "申请人类型“个人”无法识别",
        4: "答复日期（2025年3月1日）早于收到申请日期（2025年3月10日）",
        5: "已填写办理结果但未填写答复日期",
        6: "已填写答复日期但未填写办理结果",
        7: "与第2行重复",
        8: "收到申请日期“2025.3.1”无法识别",
        9: "申请人为空",
        10: "提交方式“电子邮件”无法识别",
        12: "办理结果“同意公开”无法识别",
        13: "收到申请日期“2025-02-30”无法识别",
    }
    lines = {line.split("：", 1)[0]: line for line in output.splitlines() if line.startswith("第")}
    for row, reason in expected.items():
        assert reason in lines[f"第{row}行"], (row, output)
    assert "申请内容为空" in lines["第13行"]  # several reasons for one row, all listed
    # Rows 2 and 11 are fine: a year without a holiday schedule (2003) imports with its
    # due date left empty and the missing year named, rather than blocking the ledger.
    assert len(lines) == len(expected)
    assert Application.objects.count() == before == 0
    assert not ClockEvent.objects.exists()
    assert not AuditEntry.objects.filter(action=IMPORT_ACTION).exists()


def test_a_number_already_in_the_database_is_refused(district, calendar_years, tmp_path):
    first = cli(
        "import", str(write_xlsx(tmp_path / "a.xlsx", GOOD_ROWS)), "--agency", district.a.code
    )
    assert first.exit_code == 0, first.output
    again = [
        ["QKTZ2025-900", "2025-10-09", "自然人", "赵六", "当面", "某文件", "", ""],
        GOOD_ROWS[2],
    ]
    result = cli("import", str(write_xlsx(tmp_path / "b.xlsx", again)), "--agency", district.b.code)
    assert result.exit_code == 1
    assert "第3行：申请编号“QKTZ2025-003”在系统中已存在" in result.output
    assert Application.objects.count() == 6
    assert not Application.objects.filter(receipt_number="QKTZ2025-900").exists()
    assert AuditEntry.objects.filter(action=IMPORT_ACTION).count() == 1


def test_wrong_headers_are_one_message(district, calendar_years, tmp_path):
    headers = (
        "申请编号",
        "申请日期",
        "申请人类型",
        "申请人",
        "提交方式",
        "申请内容",
        "办理结果",
        "答复日期",
        "备注",
    )
    path = write_xlsx(tmp_path / "h.xlsx", [[*GOOD_ROWS[0], "无"]], headers=headers)
    result = cli("import", str(path), "--agency", district.a.code)
    assert result.exit_code == 1
    assert "缺少“收到申请日期”" in result.output
    assert "多出“申请日期”、“备注”" in result.output
    assert not Application.objects.exists()


def test_not_a_spreadsheet_is_refused(district, calendar_years, tmp_path):
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(b"not a zip")
    result = cli("import", str(path), "--agency", district.a.code)
    assert result.exit_code == 1
    assert "不是有效的Excel" in result.output


def read_rows(path: Path) -> list[tuple[Any, ...]]:
    sheet = load_workbook(path).worksheets[0]
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def test_export_then_import_gives_the_same_rows(district, calendar_years, tmp_path):
    imported = cli(
        "import", str(write_xlsx(tmp_path / "in.xlsx", GOOD_ROWS)), "--agency", district.a.code
    )
    assert imported.exit_code == 0, imported.output
    first = tmp_path / "out-a.xlsx"
    exported = cli("export", "--agency", district.a.code, "--year", "2025", "-o", str(first))
    assert exported.exit_code == 0, exported.output
    assert "6件" in exported.output
    rows = read_rows(first)
    assert rows[0] == (*HEADERS, *DERIVED_HEADERS, *CONTACT_HEADERS)
    assert rows[1][:8] == (
        "QKTZ2025-001",
        datetime(2025, 3, 3),
        "自然人",
        "张建华",
        "当面",
        "2025年某街道老旧小区改造项目的立项批复文件",
        "予以公开",
        datetime(2025, 3, 20),
    )
    assert rows[1][9] == "已答复"
    assert rows[1][10].splitlines() == [
        "2025-03-03 收到申请（确认收到之日）",
        "2025-03-20 作出答复",
    ]
    assert rows[6][6:10] == (None, None, datetime(2026, 1, 20), "办理中")
    assert rows[4][6] == "无法提供：本机关不掌握相关政府信息"  # normalised colon

    # Another agency starting from an empty ledger: the numbers must be free again.
    Application.objects.filter(agency=district.a).delete()
    again = cli("import", str(first), "--agency", district.b.code)
    assert again.exit_code == 0, again.output
    second = tmp_path / "out-b.xlsx"
    assert (
        cli("export", "--agency", district.b.code, "--year", "2025", "-o", str(second)).exit_code
        == 0
    )
    assert read_rows(second) == rows
    assert set(Application.objects.values_list("agency", flat=True)) == {district.b.pk}


def test_export_to_csv_and_other_years_are_left_out(district, calendar_years, tmp_path):
    rows = [*GOOD_ROWS, ["QKTZ2024-001", "2024-11-04", "自然人", "钱七", "当面", "某文件", "", ""]]
    assert (
        cli(
            "import", str(write_xlsx(tmp_path / "in.xlsx", rows)), "--agency", district.a.code
        ).exit_code
        == 0
    )
    out = tmp_path / "out.csv"
    result = cli("export", "--agency", district.a.code, "--year", "2024", "-o", str(out))
    assert result.exit_code == 0, result.output
    content = out.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert lines[0] == [*HEADERS, *DERIVED_HEADERS, *CONTACT_HEADERS]
    assert [line[0] for line in lines[1:]] == ["QKTZ2024-001"]
    assert lines[1][1] == "2024-11-04"


def test_as_user_scopes_import_and_export_to_own_agency(district, calendar_years, tmp_path):
    path = write_xlsx(tmp_path / "in.xlsx", GOOD_ROWS)
    officer = district.user("a", "disclosure_officer").username
    editor = district.user("a", "editor").username

    refused = cli("import", str(path), "--agency", district.b.code, "--as", officer)
    assert refused.exit_code == 1
    assert "民政局" in refused.output and "角色" in refused.output
    not_handler = cli("import", str(path), "--agency", district.a.code, "--as", editor)
    assert not_handler.exit_code == 1
    assert not Application.objects.exists()

    own = cli("import", str(path), "--agency", district.a.code, "--as", officer)
    assert own.exit_code == 0, own.output
    entry = AuditEntry.objects.get(action=IMPORT_ACTION)
    assert entry.actor_name == officer
    assert ClockEvent.objects.filter(recorded_by__username=officer).count() == 11

    out = tmp_path / "out.xlsx"

    def export(user) -> Any:
        return cli(
            "export", "--agency", district.a.code, "--year", "2025", "-o", str(out), "--as", user
        )

    # The ledger names applicants: the agency's disclosure staff export it, nobody else
    # (not its editor, not another agency's administrator, not the operator).
    for outsider in (
        editor,
        district.user("b", "agency_admin").username,
        district.operator.username,
    ):
        refused = export(outsider)
        assert refused.exit_code == 1
        assert "此操作需要“测试区教育局”的" in refused.output
    mine = export(officer)
    assert mine.exit_code == 0, mine.output
    assert len(read_rows(out)) == 7
