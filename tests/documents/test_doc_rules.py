"""The format-independent rules: line breaking, table grids, GB/T 9704 arithmetic."""

from __future__ import annotations

import datetime
import itertools

import pytest
from doc_samples import application_table

from gongkai.documents.linebreak import NO_LINE_END, NO_LINE_START, break_lines, title_lines, tokens
from gongkai.documents.model import Cell, Heading, OfficialDocument, Table
from gongkai.documents.standard import (
    CHAR_PITCH_PT,
    LINE_PITCH_PT,
    MM,
    format_document_date,
    grid_width,
    page_number_text,
    signoff_right_gaps,
    with_prefix,
)
from gongkai.documents.tablegrid import resolve


def grid_measure(text: str) -> float:
    """Widths in body characters, as if every face were monospaced."""
    return grid_width(text)


# --- GB/T 9704 numbers ---------------------------------------------------------------


def test_grid_numbers_match_the_standard() -> None:
    assert round(156 * MM / CHAR_PITCH_PT) == 28
    assert 22 * LINE_PITCH_PT <= 225 * MM  # 22 lines fit in the 225 mm text block
    assert 23 * LINE_PITCH_PT > 225 * MM


def test_date_uses_arabic_numerals_without_leading_zeros() -> None:
    assert format_document_date(datetime.date(2025, 3, 4)) == "2025年3月4日"
    assert format_document_date(datetime.date(2025, 12, 31)) == "2025年12月31日"


def test_page_number_has_em_dashes() -> None:
    assert page_number_text(7) == "— 7 —"


def test_signoff_date_starts_two_characters_right_of_signature() -> None:
    # 13-character signature, 6-character date: signature 2 from the edge, the date
    # under it shifted right by 2, so its end is 13 - 2 - 6 + 2 = 7 from the edge.
    sig_gap, date_gap = signoff_right_gaps(13, 6)
    assert sig_gap == 2
    assert date_gap == 7
    assert (sig_gap + 13) - (date_gap + 6) == 2  # start positions differ by 2


def test_signoff_short_signature_moves_left_to_keep_date_two_from_edge() -> None:
    sig_gap, date_gap = signoff_right_gaps(4, 6)
    assert date_gap == 2
    assert (sig_gap + 4) - (date_gap + 6) == 2


def test_labels_are_added_only_when_missing() -> None:
    assert with_prefix("区政务公开办", "抄送：") == "抄送：区政务公开办"
    assert with_prefix("抄送：区政务公开办", "抄送：") == "抄送：区政务公开办"
    assert with_prefix("附件：1．表", "附件：") == "附件：1．表"


# --- line breaking -------------------------------------------------------------------


def test_numbers_and_urls_stay_whole() -> None:
    assert "www.qiaokou.gov.cn" in tokens("登录www.qiaokou.gov.cn查阅")
    assert "12.5%" in tokens("约占12.5%")
    assert "2024年" in tokens("2024年工作")
    assert "2024年度" in tokens("2024年度报告")  # never 「2024年/度」


def test_a_title_never_breaks_inside_a_word_unit() -> None:
    title = "武汉市硚口区大数据中心2025年度政府信息公开工作年度报告"
    for width in range(8, 30):
        lines = title_lines(title, grid_measure, width)
        assert "".join(lines) == title
        for left, right in itertools.pairwise(lines):
            seam = left[-3:] + "|" + right[:3]
            for unit in ("年度", "政府信息公开", "工作年度报告"):
                for cut in range(1, len(unit)):
                    assert unit[:cut] + "|" + unit[cut:] not in seam, (width, lines)


@pytest.mark.parametrize("width", [3, 4, 5, 6, 7, 9, 13])
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(width: int) -> None:
    text = "根据《中华人民共和国政府信息公开条例》第十二条，现告知如下：（一）已公开。"
    lines = break_lines(text, grid_measure, width)
    assert "".join(lines) == text
    for line in lines:
        assert grid_measure(line) <= width
    for line in lines[1:]:
        assert line[0] not in NO_LINE_START, lines
    for line in lines[:-1]:
        assert line[-1] not in NO_LINE_END, lines


def test_first_line_room_differs_from_later_lines() -> None:
    lines = break_lines("一二三四五六七八九十", grid_measure, 3, 5)
    assert lines == ["一二三", "四五六七八", "九十"]


def test_overlong_token_is_cut_rather_than_overflowing() -> None:
    lines = break_lines("https://example.gov.cn/very/long/path", grid_measure, 5)
    assert "".join(lines) == "https://example.gov.cn/very/long/path"
    assert all(grid_measure(line) <= 5 for line in lines)


# --- model and table grid --------------------------------------------------------------


def test_heading_level_is_checked() -> None:
    with pytest.raises(ValueError):
        Heading("四、", level=4)


def test_document_requires_signature() -> None:
    with pytest.raises(ValueError):
        OfficialDocument("标题", None, None, [], " ", datetime.date(2025, 1, 1))


def test_merged_cells_get_their_grid_columns() -> None:
    grid = resolve(application_table())
    assert (grid.n_rows, grid.n_cols) == (28, 10)
    by_text = {p.cell.text: p for p in grid.cells}
    assert (by_text["自然人"].row, by_text["自然人"].col) == (1, 3)
    assert (by_text["商业企业"].row, by_text["商业企业"].col) == (2, 4)
    assert (by_text["总计"].row, by_text["总计"].col) == (1, 9)
    assert by_text["1.属于国家秘密"].col == 2


def test_rowspans_tie_rows_into_groups() -> None:
    groups = resolve(application_table()).row_groups()
    assert groups[0] == range(0, 3)  # the header
    assert groups[1] == range(3, 4)
    assert range(5, 27) in groups  # 三、本年度办理结果 spans 22 rows


def test_ragged_table_is_rejected_with_row_number() -> None:
    table = Table(rows=[[Cell("a"), Cell("b")], [Cell("c")]])
    with pytest.raises(ValueError, match="第2行"):
        resolve(table)


def test_rowspan_past_the_end_is_rejected() -> None:
    with pytest.raises(ValueError, match="跨行超出"):
        resolve(Table(rows=[[Cell("a", rowspan=2), Cell("b")]]))


def test_header_cell_may_not_reach_into_the_body() -> None:
    table = Table(rows=[[Cell("a", rowspan=2), Cell("b")], [Cell("c")]], header_rows=1)
    with pytest.raises(ValueError, match="表头"):
        resolve(table)


def test_col_widths_must_match_columns() -> None:
    with pytest.raises(ValueError, match="列宽"):
        resolve(Table(rows=[[Cell("a"), Cell("b")]], col_widths=[1.0]))
