"""Holiday schedules in the database, the operator's file, and the deadline command."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner
from django.core.exceptions import ValidationError

from gongkai.audit.models import AuditEntry
from gongkai.cli import main
from gongkai.rules.workdays import UnknownYearError
from gongkai.workcalendar.file_format import CalendarFileError, parse_calendar_file
from gongkai.workcalendar.models import HolidaySchedule
from gongkai.workcalendar.selectors import working_calendar
from gongkai.workcalendar.services import do_load_schedule, seed_bundled_schedules

TODAY = date(2026, 11, 20)  # the date the services run on, never the machine's

# An invented 2099 schedule (no real one exists): the format, not the facts, is tested.
FILE_2099 = """\
# 测试用：虚构的2099年安排
year = 2099
source = 测试文件
2099-01-01 休 元旦
2099-01-21~2099-01-27 休 春节
2099-01-17 班 春节
2099-10-01~2099-10-07 holiday 国庆节
2099-10-10 workday 国庆节
"""


@pytest.fixture
def seeded(db):
    seed_bundled_schedules(today=TODAY)


def test_seeding_is_idempotent_and_keeps_operator_years(seeded):
    count = HolidaySchedule.objects.count()
    assert count >= 23
    assert seed_bundled_schedules(today=TODAY) == []
    assert HolidaySchedule.objects.count() == count


def test_database_calendar_matches_the_state_council(seeded):
    calendar = working_calendar()
    assert not calendar.is_working_day(date(2026, 10, 1))
    assert calendar.is_working_day(date(2026, 10, 10))  # Saturday, adjusted working day
    assert not calendar.is_working_day(date(2026, 2, 16))  # Spring Festival
    assert calendar.holiday_name(date(2026, 10, 1)) == "国庆节"


def test_unknown_year_is_an_explicit_error(seeded):
    with pytest.raises(UnknownYearError) as raised:
        working_calendar().is_working_day(date(2099, 3, 4))
    assert "2099" in str(raised.value)


def test_file_is_parsed_with_ranges_and_both_spellings():
    parsed = parse_calendar_file(FILE_2099)
    schedule = parsed.schedule
    assert schedule.year == 2099
    assert len(schedule.holidays) == 1 + 7 + 7
    assert schedule.workdays == {date(2099, 1, 17), date(2099, 10, 10)}
    assert parsed.names[date(2099, 1, 21)] == "春节"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2099-01-01 休 元旦\n", "缺少“year"),
        ("year = 2099\n2099-13-01 休 元旦\n", "第2行"),
        ("year = 2099\n2099-01-01 放 元旦\n", "第2行"),
        ("year = 2099\n2099-01-01 休 元旦\n2099-01-01 班 元旦\n", "重复"),
        ("year = 2099\n2098-12-31 休 元旦\n", "不属于2099年"),
        ("year = 2099\n2099-01-01 休 元旦\n2099-01-05 班 调休\n", "2099年1月5日"),
        ("year = 2099\nsource = x\n", "没有任何放假日"),
        # A digit to str.isdigit() but not to int(): was a ValueError, a 500 in the admin.
        ("year = ²\n2099-01-01 休 元旦\n", "年度“²”无效"),
        ("year = " + "2" * 5000 + "\n", "第1行"),
        # Longer than the column: PostgreSQL's DataError was a 500 in the admin.
        ("year = 2099\nsource = " + "通知" * 101 + "\n", "第2行：来源超过200字"),
    ],
)
def test_bad_files_name_what_is_wrong(text, fragment):
    with pytest.raises(CalendarFileError) as raised:
        parse_calendar_file(text)
    assert fragment in str(raised.value)


def test_loading_is_audited_and_replacing_needs_consent(seeded):
    parsed = parse_calendar_file(FILE_2099)
    do_load_schedule(today=TODAY, schedule=parsed.schedule, names=parsed.names)
    assert AuditEntry.objects.filter(action="calendar.load", summary__contains="2099").exists()
    assert not working_calendar().is_working_day(date(2099, 10, 2))
    with pytest.raises(ValidationError):
        do_load_schedule(today=TODAY, schedule=parsed.schedule, names=parsed.names)
    do_load_schedule(today=TODAY, schedule=parsed.schedule, names=parsed.names, replace=True)
    assert AuditEntry.objects.filter(action="calendar.replace").count() == 1


def test_cli_load_then_deadline_uses_the_new_year(seeded, tmp_path):
    path = tmp_path / "2099.txt"
    path.write_text(FILE_2099, encoding="utf-8")
    runner = CliRunner()
    loaded = runner.invoke(main, ["calendar", "load", str(path)])
    assert loaded.exit_code == 0, loaded.output
    assert "2099" in loaded.output
    again = runner.invoke(main, ["calendar", "load", str(path)])
    assert again.exit_code == 1
    assert "--replace" in again.output

    result = runner.invoke(main, ["deadline", "--received", "2099-09-28"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert date.fromisoformat(data["answer_due"]) > date(2099, 10, 7)


def test_cli_load_rejects_a_bad_file_and_writes_nothing(seeded, tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("year = 2099\n2099-01-01 休 元旦\n2099-01-05 班 工作日\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["calendar", "load", str(path)])
    assert result.exit_code == 1
    assert "错误" in result.output
    assert not HolidaySchedule.objects.filter(year=2099).exists()


def test_cli_deadline_prints_json_with_explanation(seeded):
    result = CliRunner().invoke(
        main,
        ["deadline", "--received", "2026-09-28", "--pause", "2026-10-09:2026-10-20", "--extended"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["supplement_notice_due"] == "2026-10-13"
    assert data["paused_working_days"] == 8
    assert data["answer_due"] > "2026-11-11"
    explanation = "".join(data["explanation"])
    assert "第三十三条" in explanation
    assert "国庆节" in explanation


def test_cli_deadline_fails_loudly_for_an_unknown_year(seeded):
    result = CliRunner().invoke(main, ["deadline", "--received", "2026-12-20"])
    assert result.exit_code == 1
    assert "2027" in result.output


def test_cli_deadline_rejects_bad_dates(seeded):
    result = CliRunner().invoke(main, ["deadline", "--received", "2026-02-30"])
    assert result.exit_code == 2
    assert "不是有效日期" in result.output
    result = CliRunner().invoke(
        main, ["deadline", "--received", "2026-09-28", "--pause", "2026-10-20:2026-10-09"]
    )
    assert result.exit_code == 2


def test_operator_loads_a_year_in_the_admin(client, district, seeded):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(district.operator)
    index = client.get(reverse("holiday_schedules:index"))
    assert "导入年度安排" in index.content.decode()
    upload = SimpleUploadedFile("2099.txt", FILE_2099.encode("utf-8"), "text/plain")
    response = client.post(reverse("workcalendar_load"), {"upload": upload})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert HolidaySchedule.objects.filter(year=2099).exists()
    entry = AuditEntry.objects.get(action="calendar.load", summary__contains="2099")
    assert entry.actor == district.operator


def test_admin_load_shows_the_line_in_error_and_writes_nothing(client, district, seeded):
    from django.urls import reverse

    client.force_login(district.operator)
    response = client.post(
        reverse("workcalendar_load"), {"text": "year = 2099\n2099-01-01 放 元旦\n"}
    )
    assert response.status_code == 200
    assert "第2行" in response.content.decode()
    assert not HolidaySchedule.objects.filter(year=2099).exists()


def test_only_the_operator_may_load(client, district, seeded):
    from django.urls import reverse

    client.force_login(district.user("a", "agency_admin"))
    response = client.post(reverse("workcalendar_load"), {"text": FILE_2099})
    assert response.status_code in {302, 403}
    assert not HolidaySchedule.objects.filter(year=2099).exists()
    index = client.get(reverse("holiday_schedules:index"))
    assert "导入年度安排" not in index.content.decode()
