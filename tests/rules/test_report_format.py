"""The report format against a literal copy of LAW.md §2.2–2.8.

Expected labels are typed out here, not imported, so that a one-character edit to a
printed label in the module fails loudly.
"""

from __future__ import annotations

import pytest

from gongkai.rules.report_format import (
    APPEALS,
    APPLICATIONS_2019,
    APPLICATIONS_2021,
    FORMAT_2019,
    FORMAT_2021,
    PROACTIVE_2019,
    PROACTIVE_2021,
    RECONCILIATION_NOTE,
    SECTION_ONE_PARTS,
    SECTIONS,
    RowKind,
    empty_tables,
    format_by_version,
    format_for_year,
)

COLUMNS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "public_welfare_organization",
    "legal_service_agency",
    "other",
    "total",
)


def test_sections_exact() -> None:
    assert SECTIONS == (
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    )
    assert SECTION_ONE_PARTS == (
        "主动公开",
        "依申请公开",
        "政府信息管理",
        "政府信息公开平台建设",
        "监督保障",
    )


@pytest.mark.parametrize(
    ("year", "version"),
    [(2019, FORMAT_2019), (2020, FORMAT_2019), (2021, FORMAT_2021), (2025, FORMAT_2021)],
)
def test_format_for_year(year: int, version: str) -> None:
    assert format_for_year(year).version == version


@pytest.mark.parametrize("year", [2008, 2018])
def test_no_format_before_2019(year: int) -> None:
    with pytest.raises(ValueError, match="没有统一的表格格式"):
        format_for_year(year)


def test_format_by_version_refuses_old() -> None:
    with pytest.raises(ValueError, match="未知的年度报告格式"):
        format_by_version("old")


def test_proactive_2021_labels() -> None:
    blocks = PROACTIVE_2021.blocks
    assert PROACTIVE_2021.json_key == "proactive"
    assert [b.heading for b in blocks] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    assert all(b.content_label == "信息内容" for b in blocks)
    assert [c.label for c in blocks[0].columns] == ["本年制发件数", "本年废止件数", "现行有效件数"]
    assert [(r.key, r.label) for r in blocks[0].rows] == [
        ("regulations", "规章"),
        ("normative_documents", "行政规范性文件"),
    ]
    assert [c.label for c in blocks[1].columns] == ["本年处理决定数量"]
    assert [r.label for r in blocks[2].rows] == ["行政处罚", "行政强制"]
    assert blocks[3].columns[0].label == "本年收费金额（单位：万元）"
    assert blocks[3].columns[0].key == "amount_wan_yuan"
    assert blocks[3].rows[0].label == "行政事业性收费"


def test_proactive_2019_labels() -> None:
    blocks = PROACTIVE_2019.blocks
    assert PROACTIVE_2019.json_key == "proactive_2019"
    assert [b.heading for b in blocks][-1] == "第二十条第（九）项"
    assert [c.label for c in blocks[0].columns] == [
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
    ]
    assert blocks[0].rows[1].label == "规范性文件"
    assert [c.label for c in blocks[1].columns] == ["上一年项目数量", "本年增/减", "处理决定数量"]
    assert [r.label for r in blocks[1].rows] == ["行政许可", "其他对外管理服务事项"]
    assert [c.label for c in blocks[3].columns] == ["上一年项目数量", "本年增/减"]
    assert [c.label for c in blocks[4].columns] == ["采购项目数量", "采购总金额"]
    assert blocks[4].rows[0].label == "政府集中采购"


def test_applications_2021_rows() -> None:
    table = APPLICATIONS_2021
    assert len(table.rows) == 25
    assert len(table.result_row_keys) == 21
    assert table.row_keys[:3] == ("1", "2", "3.1")
    assert table.row_keys[-2:] == ("3.7", "4")
    # 22 rows in the 三、本年度办理结果 area: 21 results + （七）总计.
    group_cell = table.row("3.1").label_cells[0]
    assert (group_cell.text, group_cell.rowspan) == ("三、本年度办理结果", 22)
    assert table.row("1").label == "一、本年新收政府信息公开申请数量"
    assert table.row("2").label == "二、上年结转政府信息公开申请数量"
    assert table.row("3.2").label == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert table.row("3.3.3").label == "3.危及“三安全一稳定”"
    assert table.row("3.3.3").group_label == "（三）不予公开"
    assert table.row("3.6.2").label == (
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    )
    assert table.row("3.7").label == "（七）总计"
    assert table.row("3.7").kind is RowKind.RESULTS_TOTAL
    assert table.row("4").label == "四、结转下年度继续办理"
    spans = {
        r.key: c.rowspan for r in table.rows for c in r.label_cells if c.col == 1 and c.rowspan > 1
    }
    assert spans == {"3.3.1": 8, "3.4.1": 3, "3.5.1": 5, "3.6.1": 3}


def test_applications_2019_single_other_row() -> None:
    table = APPLICATIONS_2019
    assert len(table.rows) == 23
    assert "3.6" in table.result_row_keys
    assert not any(k.startswith("3.6.") for k in table.row_keys)
    assert table.row("3.6").label == "（六）其他处理"
    assert table.row("3.1").label_cells[0].rowspan == 20


def test_applications_header() -> None:
    header = {c.text: c for c in APPLICATIONS_2021.header}
    assert RECONCILIATION_NOTE == (
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    )
    note = header[RECONCILIATION_NOTE]
    assert (note.row, note.col, note.rowspan, note.colspan) == (0, 0, 3, 3)
    assert header["申请人情况"].colspan == 7
    assert header["法人或其他组织"].colspan == 5
    assert header["自然人"].rowspan == header["总计"].rowspan == 2
    third_row = [
        c.text for c in sorted(APPLICATIONS_2021.header, key=lambda c: c.col) if c.row == 2
    ]
    assert third_row == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert tuple(c.key for c in APPLICATIONS_2021.columns) == COLUMNS


def test_appeals_table() -> None:
    assert [(g.key, g.full_label) for g in APPEALS.groups] == [
        ("reconsideration", "行政复议"),
        ("litigation_direct", "行政诉讼（未经复议直接起诉）"),
        ("litigation_after_reconsideration", "行政诉讼（复议后起诉）"),
    ]
    assert [(o.key, o.label) for o in APPEALS.outcomes] == [
        ("upheld", "结果维持"),
        ("corrected", "结果纠正"),
        ("other", "其他结果"),
        ("pending", "尚未审结"),
        ("total", "总计"),
    ]
    top = [(c.text, c.colspan) for c in APPEALS.header if c.row == 0]
    assert top == [("行政复议", 5), ("行政诉讼", 10)]
    assert sum(1 for c in APPEALS.header if c.row == 2) == 10


@pytest.mark.parametrize("version", [FORMAT_2021, FORMAT_2019])
def test_empty_tables_shape(version: str) -> None:
    fmt = format_by_version(version)
    tables = empty_tables(fmt)
    assert set(tables) == {fmt.proactive.json_key, "applications", "appeals"}
    assert tuple(tables["applications"]) == fmt.applications.row_keys
    for row in tables["applications"].values():
        assert tuple(row) == COLUMNS
        assert all(v == 0 and type(v) is int for v in row.values())
    for group in tables["appeals"].values():
        assert group == {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0}


def test_empty_tables_2021_proactive_matches_design() -> None:
    assert empty_tables(format_for_year(2024))["proactive"] == {
        "regulations": {"issued": 0, "abolished": 0, "in_force": 0},
        "normative_documents": {"issued": 0, "abolished": 0, "in_force": 0},
        "licensing": {"decisions": 0},
        "penalty": {"decisions": 0},
        "enforcement": {"decisions": 0},
        "fees": {"amount_wan_yuan": 0.0},
    }


def test_empty_tables_2019_proactive_matches_labels() -> None:
    proactive = empty_tables(format_for_year(2019))["proactive_2019"]
    assert proactive["licensing"] == {"items_last_year": 0, "change_this_year": 0, "decisions": 0}
    assert proactive["administrative_fees"] == {"items_last_year": 0, "change_this_year": 0}
    assert set(proactive["centralized_procurement"]) == {"projects", "amount"}
