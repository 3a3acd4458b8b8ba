"""Catalogue import (atomic, per-row errors), table 二 counts, masking, column health."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from openpyxl import Workbook

from gongkai.disclosure.models import CatalogueEntryPage
from gongkai.disclosure.selectors import column_health, late_entries, proactive_counts
from gongkai.disclosure.services.catalogue import column_for, do_change_validity
from gongkai.disclosure.services.importing import HEADERS, do_import_catalogue
from gongkai.disclosure.services.masking import do_mask_personal_data
from gongkai.tabular import TableImportError
from tests.disclosure.test_catalogue import new_entry

TODAY = date(2026, 11, 20)  # the date the services run on, never the machine's

HEADER = ["索引号", "名称", "栏目", "成文日期", "发布日期", "文号", "主题分类", "信息类别",
          "有效性", "失效或废止日期", "正文"]  # fmt: skip


def xlsx(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in [HEADER, *rows]:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rows_for(code: str) -> list[list[Any]]:
    return [
        [f"{code}/2024-00007", "测试区教育局行政规范性文件管理办法", "法规文件", date(2024, 3, 1),
         date(2024, 3, 5), "测教规〔2024〕1号", "科技、教育", "行政规范性文件", "有效", None,
         "第一条 为规范行政规范性文件管理……"],
        ["", "关于废止部分行政规范性文件的决定", "regulations", "2024-06-01", "2024/6/3",
         "测教规〔2024〕2号", "科技、教育", "行政规范性文件", "废止", "2025年1月10日", ""],
        ["", "2024年度部门预算", "财政预算决算", "2024-02-01", "2024-02-08", "",
         "财政、金融、审计", "财政预决算", "", None, "收入预算……"],
        ["", "某某学校办学许可证核发决定", "行政许可和对外管理服务", "2024-09-01",
         "2024-09-02", "", "科技、教育", "行政许可决定", "有效", None, ""],
    ]  # fmt: skip


def test_import_keeps_numbers_and_continues_the_counter(catalogue: Any) -> None:
    code = catalogue.a.code
    admin = catalogue.user("a", "agency_admin")
    entries = do_import_catalogue(
        agency=catalogue.a, content=xlsx(rows_for(code)), file_name="目录.xlsx", user=admin
    )
    assert len(entries) == 4
    numbers = sorted(CatalogueEntryPage.objects.values_list("index_number", flat=True))
    assert numbers == [f"{code}/2024-0000{n}" for n in (7, 8, 9)] + [f"{code}/2024-00010"]
    kept = CatalogueEntryPage.objects.get(index_number=f"{code}/2024-00007")
    assert kept.live and kept.published_on == date(2024, 3, 5)
    assert kept.first_published_at.date() == date(2024, 3, 5)
    abolished = CatalogueEntryPage.objects.get(title="关于废止部分行政规范性文件的决定")
    assert abolished.validity == "abolished" and abolished.validity_changed_on == date(2025, 1, 10)
    assert "<p>收入预算……</p>" in CatalogueEntryPage.objects.get(title="2024年度部门预算").body


def test_bad_rows_are_all_listed_and_nothing_is_written(catalogue: Any) -> None:
    rows = rows_for(catalogue.a.code)
    rows[0][2] = "不存在的栏目"
    rows[1][7] = "通知"
    rows[2][10] = "联系人手机13912345678"
    rows[3][8] = "废止"
    with pytest.raises(TableImportError) as error:
        do_import_catalogue(
            agency=catalogue.a, content=xlsx(rows), file_name="目录.xlsx",
            user=catalogue.user("a", "agency_admin"),
        )  # fmt: skip
    message = str(error.value)
    assert "未写入任何数据" in message
    assert "第2行：栏目“不存在的栏目”不存在" in message
    assert "第3行：信息类别“通知”无法识别" in message
    assert "第4行：正文含手机号码“139****5678”" in message
    assert "13912345678" not in message
    assert "第5行：失效或废止的信息须填写失效或废止日期" in message
    assert not CatalogueEntryPage.objects.exists()


def test_duplicate_index_number_and_bad_header(catalogue: Any) -> None:
    rows = rows_for(catalogue.a.code)
    rows[1][0] = rows[0][0]
    with pytest.raises(TableImportError, match="与第2行重复"):
        do_import_catalogue(agency=catalogue.a, content=xlsx(rows), file_name="x.xlsx",
                            user=catalogue.operator)  # fmt: skip
    with pytest.raises(TableImportError, match="缺少“名称”"):
        do_import_catalogue(agency=catalogue.a, content="标题,栏目\n".encode(), file_name="x.csv",
                            user=catalogue.operator)  # fmt: skip
    header = ",".join(HEADERS) + ",名称\n"
    with pytest.raises(TableImportError, match="重复“名称”"):
        do_import_catalogue(agency=catalogue.a, content=header.encode(), file_name="x.csv",
                            user=catalogue.operator)  # fmt: skip


def test_only_admins_import(catalogue: Any) -> None:
    for user in (catalogue.user("a", "editor"), catalogue.user("b", "agency_admin")):
        with pytest.raises(PermissionDenied):
            do_import_catalogue(agency=catalogue.a, content=xlsx(rows_for(catalogue.a.code)),
                                file_name="x.xlsx", user=user)  # fmt: skip


def test_table_two_counts_from_the_catalogue(catalogue: Any) -> None:
    do_import_catalogue(agency=catalogue.a, content=xlsx(rows_for(catalogue.a.code)),
                        file_name="x.xlsx", user=catalogue.operator)  # fmt: skip
    counts_2024 = proactive_counts(agency_ids=[catalogue.a.pk], year=2024)
    assert counts_2024["normative_documents"] == {"issued": 2, "abolished": 0, "in_force": 2}
    assert counts_2024["licensing"] == {"decisions": 1}
    assert counts_2024["regulations"] == {"issued": 0, "abolished": 0, "in_force": 0}
    counts_2025 = proactive_counts(agency_ids=[catalogue.a.pk], year=2025)
    assert counts_2025["normative_documents"] == {"issued": 0, "abolished": 1, "in_force": 1}
    assert counts_2025["licensing"] == {"decisions": 0}
    # Abolishing the other one through the service changes this year's figures.
    kept = CatalogueEntryPage.objects.get(index_number__endswith="2024-00007")
    today = timezone.localdate()
    do_change_validity(entry=kept, validity="abolished", changed_on=today, user=catalogue.operator)
    now = proactive_counts(agency_ids=[catalogue.a.pk], year=today.year)
    assert now["normative_documents"]["abolished"] == 1
    assert now["normative_documents"]["in_force"] == 0
    assert proactive_counts(agency_ids=[catalogue.b.pk], year=2024)["licensing"] == {"decisions": 0}


def test_mask_helper_masks_personal_data_in_a_new_draft(catalogue: Any) -> None:
    entry = new_entry(
        catalogue, body="<p>联系人李四，手机13912345678，身份证11010519491231002X。</p>"
    )
    with pytest.raises(PermissionDenied):
        do_mask_personal_data(entry=entry, user=catalogue.user("b", "editor"))
    assert do_mask_personal_data(entry=entry, user=catalogue.user("a", "editor")) == 2
    entry.refresh_from_db()
    draft = entry.get_latest_revision_as_object()
    assert "13912345678" not in draft.body and "11010519491231002X" not in draft.body
    assert "139****5678" in draft.body
    assert do_mask_personal_data(entry=entry, user=catalogue.user("a", "editor")) == 0


def test_column_health_and_late_entries(catalogue: Any) -> None:
    from gongkai.workcalendar.services import seed_bundled_schedules

    seed_bundled_schedules(today=TODAY)
    health = column_health(agency_ids=[catalogue.a.pk])
    assert health and all(c.empty for c in health)
    do_import_catalogue(agency=catalogue.a, content=xlsx(rows_for(catalogue.a.code)),
                        file_name="x.xlsx", user=catalogue.operator)  # fmt: skip
    regulations = column_for(agency=catalogue.a, key="regulations")
    row = next(
        c for c in column_health(agency_ids=[catalogue.a.pk]) if c.column.pk == regulations.pk
    )
    assert row.entries == 2 and row.last_published == date(2024, 6, 3)
    assert row.stale(timezone.localdate())  # nothing new for over 183 days
    # A draft formed 40 days ago and still unpublished is past Art. 26's 20 working days.
    new_entry(catalogue, formed_on=timezone.localdate() - timedelta(days=40))
    late = late_entries(agency_ids=[catalogue.a.pk], today=timezone.localdate()).late
    assert [item.entry.title for item in late if item.published is None]
    assert all(item.days_late > 0 for item in late)


def test_annual_report_table_two_reads_the_catalogue(catalogue: Any) -> None:
    from gongkai.audit.context import acting
    from gongkai.reports.compose import compose_report
    from gongkai.reports.services import do_create_report

    do_import_catalogue(agency=catalogue.a, content=xlsx(rows_for(catalogue.a.code)),
                        file_name="x.xlsx", user=catalogue.operator)  # fmt: skip
    with acting(actor=catalogue.user("a", "agency_admin")):
        report = do_create_report(agency=catalogue.a, year=2024)
    data = compose_report(report, today=date(2025, 1, 15))
    table = data["tables"]["proactive"]
    assert table["normative_documents"] == {"issued": 2, "abolished": 0, "in_force": 2}
    assert table["licensing"] == {"decisions": 1}
    assert "行政规范性文件" in data["proactive_sources"]["normative_documents.issued"]
    # The catalogue holds no 规章 or 处罚决定: those stay for staff to enter.
    assert "regulations.issued" not in data["proactive_sources"]
    assert table["regulations"]["issued"] is None  # printed 未填报, never 0
    unentered = [f for f in data["findings"] if f["rule"] == "proactive.unentered"]
    assert unentered and "规章" in unentered[0]["message"]
