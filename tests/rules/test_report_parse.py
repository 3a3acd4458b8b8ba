"""The pure report parser: digit runs, label numbers, headings, title and the fee in 六."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from gongkai.rules.report_checks import narrative_similarity
from gongkai.rules.report_parse import parse_text
from gongkai.rules.report_parse.digits import RowSpec, candidates
from gongkai.rules.report_parse.layout import BLANK, Values, grid_row_items, text_items
from gongkai.rules.report_parse.meta import (
    empty_sections,
    sections,
    stated_processing_fee,
    title,
)
from gongkai.rules.report_parse.narrative import stated_figures
from gongkai.rules.report_parse.tables import APPEALS_ROW, APPLICATION_ROW


def test_flattened_row_splits_only_where_the_row_adds_up() -> None:
    assert candidates(("801000081",), APPLICATION_ROW) == [(80, 1, 0, 0, 0, 0, 81)]
    # "270020130": 27/0/0/2/0/1/30 and 2/7/0/0/20/1/30 both add up; the table decides.
    assert (27, 0, 0, 2, 0, 1, 30) in candidates(("270020130",), APPLICATION_ROW)
    assert len(candidates(("270020130",), APPLICATION_ROW)) > 1


def test_white_space_is_a_boundary_and_zero_never_leads() -> None:
    assert candidates(("230", "000023"), APPLICATION_ROW) == [(23, 0, 0, 0, 0, 0, 23)]
    assert candidates(("500000", "5"), APPLICATION_ROW) == [(5, 0, 0, 0, 0, 0, 5)]
    assert candidates(("0", "0", "0", "0", "0", "00"), APPLICATION_ROW) == [(0,) * 7]


def test_separate_cells_are_read_as_printed_even_if_wrong() -> None:
    printed = ("258", "12", BLANK, BLANK, "1", "1", BLANK)
    assert candidates(printed, APPLICATION_ROW) == [(258, 12, 0, 0, 1, 1, 0)]
    # An extra empty column at either end is dropped, a number never is.
    assert candidates((BLANK, *("0",) * 7), APPLICATION_ROW) == [(0,) * 7]
    assert candidates(("1",) * 8, APPLICATION_ROW) == []


def test_appeals_run_splits_by_its_three_group_totals() -> None:
    assert candidates(("10203120001200000",), APPEALS_ROW) == [
        (1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0)
    ]


def test_unconstrained_run_has_several_readings() -> None:
    assert len(candidates(("693665",), RowSpec(3))) > 1
    assert candidates(("000",), RowSpec(3)) == [(0, 0, 0)]


def test_label_numbers_glued_to_values_are_not_values() -> None:
    items = text_items("1.属于国家秘密00000002.其他法律行政法规禁止公开0000000")
    assert [i for i in items if isinstance(i, Values)] == [
        Values(("0000000",)),
        Values(("0000000",)),
    ]


def test_grid_row_blank_cells_and_wrapped_numbers() -> None:
    label, values = grid_row_items(["（七）总计", None, "1518\n8", "", "7"])
    assert label == "(七)总计"  # full-width forms folded (NFKC) for matching
    assert values == Values(("15188", BLANK, "7"))


def test_headings_found_only_as_numbered_headings() -> None:
    intro = "本报告包括总体情况、主动公开政府信息情况等六个部分。"
    found, missing = sections(intro + "一、总体情况\n三、政府信息公开行政复议、行政诉讼情况")
    assert found == ["一、总体情况", "四、政府信息公开行政复议、行政诉讼情况"]
    assert len(missing) == 4


def test_a_heading_numbered_as_another_section_is_that_sections() -> None:
    # 四's heading names 三's words (政府信息公开申请); 一's runs into 二's words.
    found, _ = sections(
        "一、总体情况（一）政府信息主动公开情况\n四、因政府信息公开申请行政复议的情况"
    )
    assert found == ["一、总体情况", "四、政府信息公开行政复议、行政诉讼情况"]


def _stated(text: str) -> dict[str, tuple[int | float, str]]:
    return {f.kind: (f.value, f.sentence) for f in stated_figures(text)}


def test_figures_the_text_states_with_the_sentence_stating_them() -> None:
    sentence = "本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。"
    stated = _stated(
        f"（二）依申请公开方面。\n{sentence}\n因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。"
    )
    assert {k: v for k, (v, _) in stated.items()} == {
        "received": 70,
        "answered": 69,
        "carried_out": 1,
        "reconsideration": 2,
        "litigation": 7,
    }
    assert stated["received"][1] == sentence
    assert _stated("收到政府信息公开申请２１件。")["received"][0] == 21  # full-width digits
    # The generator's own sentences read back.
    own = _stated(
        "上年结转3件，本年度办结12件，结转下年度继续办理1件。"
        "本年度制发规章0件、行政规范性文件4件，废止规章0件、行政规范性文件1件；"
        "现行有效规章2件、行政规范性文件30件。"
    )
    assert {k: v for k, (v, _) in own.items()} == {
        "carried_in": 3,
        "answered": 12,
        "carried_out": 1,
        "normative_in_force": 30,
        "normative_issued": 4,
        "normative_abolished": 1,
    }


def test_figures_of_other_things_are_not_taken() -> None:
    # The hotline's cases, a part after 其中, a list of categories "应主动公开".
    assert _stated("依托12345平台共收到15564件咨询投诉件，已办结15042件。") == {}
    assert _stated("其中，网上收到申请12件。") == {}
    assert _stated("全年收到申请20件，其中网上收到申请12件。")["received"][0] == 20
    assert _stated("其他应主动公开政府信息856条。") == {}
    assert _stated("全年主动公开政府信息2645条。")["proactive_published"][0] == 2645


def test_a_table_flattened_into_one_long_run_is_read_in_linear_time() -> None:
    run = "0123456789" * 5_000
    start = time.perf_counter()
    assert _stated(f"二、主动公开政府信息情况{run}件") == {}
    assert time.perf_counter() - start < 1.0  # was quadratic: ~1 minute


def test_a_long_sentence_is_quoted_by_the_clauses_holding_the_figure() -> None:
    long = (
        "按照要求"
        + "，持续推进重点领域信息公开" * 6
        + "，本年度共收到政府信息公开申请9件，均按时答复。"
    )
    (value, quote) = _stated(long)["received"]
    assert value == 9 and quote == "…本年度共收到政府信息公开申请9件，…"


def test_the_fee_is_a_figure_with_its_sentence() -> None:
    text = "六、其他需要报告的事项\n2023年，全年收取政府信息公开信息处理费0元。"
    assert _stated(text)["processing_fee"] == (0.0, "2023年，全年收取政府信息公开信息处理费0元。")


def test_a_section_is_empty_when_only_headings_and_page_furniture_follow() -> None:
    text = "\n".join(
        [
            "某区人民政府办公室2024年度政府信息公开工作年度报告",
            "一、总体情况",
            "（一）主动公开情况",
            "— 1 —",
            "（二）依申请公开情况",
            "二、主动公开政府信息情况",
            "规章 0 0 0",
            "五、存在的主要问题及改进情况",
            "无。",
            "六、其他需要报告的事项",
            "某区人民政府办公室",
            "2025年1月20日",
        ]
    )
    assert empty_sections(text, "某区人民政府办公室") == ["一、总体情况", "六、其他需要报告的事项"]
    # A page flattened into one line: what follows a heading on its line is content.
    flat = (
        "五、存在的主要问题及改进情况（一）存在的主要问题：解读形式单一。六、其他需要报告的事项无。"
    )
    assert empty_sections(flat) == []
    assert empty_sections("五、存在的主要问题及改进情况六、其他需要报告的事项无。") == [
        "五、存在的主要问题及改进情况"
    ]


def test_title_gives_agency_and_year_either_way_round() -> None:
    assert title("硚口区大数据中心 2021 年度 \n\n政府信息公开工作年度报告") == (
        "硚口区大数据中心",
        2021,
    )
    assert title("2019年上海市人民政府办公厅政府信息公开工作年度报告") == (
        "上海市人民政府办公厅",
        2019,
    )
    assert title("会议纪要") == ("", None)


def test_a_drafts_mark_above_the_title_is_not_part_of_the_agency() -> None:
    assert title("草稿\n硚口区大数据中心2021年度政府信息公开工作年度报告") == (
        "硚口区大数据中心",
        2021,
    )


def test_fee_stated_in_section_six() -> None:
    assert stated_processing_fee("六、其他需要报告的事项\n实际收取信息处理费共计400元。") == 400
    assert stated_processing_fee("六、其他需要报告的事项\n信息处理费0.5万元") == 5000
    assert stated_processing_fee("六、其他需要报告的事项\n2021年，无收取信息处理费情况。") == 0
    assert stated_processing_fee("六、其他需要报告的事项\n无。") is None
    assert stated_processing_fee("没有第六部分") is None


def test_report_without_standard_tables_is_old_or_not_a_report() -> None:
    old = parse_text(
        "平潭综合实验区2011年政府信息公开工作年度报告\n一、概述\n二、主动公开政府信息的情况"
    )
    assert old.format == "old" and old.tables == {}
    assert parse_text("今天的会议没有形成决定。").format is None


def test_narrative_similarity_ignores_numbers() -> None:
    text = "本年度我中心收到依申请公开申请0件，按要求及时公开信息公开指南和部门预算。"
    assert narrative_similarity(text, text.replace("0件", "12件")) == 1.0
    assert (
        narrative_similarity(text, "市科委设立政务公开工作协调小组，统筹协调信息公开工作。") < 0.2
    )


REFERENCE = Path("/work/shared/reference/qiaokou-2021-annual-report.txt")


@pytest.mark.skipif(not REFERENCE.is_file(), reason="shared reference missing")
def test_a_lost_row_is_unread_and_its_neighbours_still_read() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    lost = parse_text(text.replace("7.属于行政执法案卷 0  0 0 0 0 0 0", "7.属于行政执法案卷"))
    assert {c.rsplit(".", 1)[0] for c in lost.unreadable} == {"applications.3.3.7"}
    assert lost.tables["applications"]["3.3.8"]["total"] == 0
    assert "按行名对应到24行" in lost.problems["applications"]
    row = "2.重复申请 {}  0 0 0 0 0 {}"
    twice = parse_text(text.replace(row.format(0, 0), row.format(0, 0) + "\n" + row.format(1, 1)))
    assert {c.rsplit(".", 1)[0] for c in twice.unreadable} == {"applications.3.5.2"}


@pytest.mark.skipif(not REFERENCE.is_file(), reason="shared reference missing")
def test_appeals_row_cut_by_header_text_is_joined() -> None:
    printed = "0  0   0  0 0  0   0 0   0  0  0  0  0  0 0"
    cut = "1  0   0  0 1 未经复议 2   0 0   0  2 复议后 0  0  0  0 0"
    parsed = parse_text(REFERENCE.read_text(encoding="utf-8").replace(printed, cut))
    assert parsed.tables["appeals"]["reconsideration"]["total"] == 1
    assert parsed.tables["appeals"]["litigation_direct"] == {
        "upheld": 2,
        "corrected": 0,
        "other": 0,
        "pending": 0,
        "total": 2,
    }


def test_cells_holding_several_numbers_or_a_label_and_numbers() -> None:
    assert grid_row_items(["一、本年新收政府信息公开申请数量 3", "0 0", "—", "1,234"]) == [
        "一、本年新收政府信息公开申请数量",
        Values(("3", "0", "0", BLANK, "1234")),
    ]


@pytest.mark.skipif(not REFERENCE.is_file(), reason="shared reference missing")
def test_overview_naming_the_rows_does_not_hide_the_table() -> None:
    text = REFERENCE.read_text(encoding="utf-8").replace(
        "本年度我中心收到依申请公开申请 0 件。", "本年新收政府信息公开申请0件，行政复议0件。"
    )
    parsed = parse_text(text)
    assert parsed.problems == {} and parsed.unreadable == []
    assert len(parsed.tables["applications"]) == 25
