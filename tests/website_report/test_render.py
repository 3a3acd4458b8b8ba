"""The website report renders as HTML, DOCX and PDF with the form's cells and its sources."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

import docx
import pdfplumber
from lxml import html as lxml_html

from gongkai.rules import website_report as form
from gongkai.website_report.layout import form_grid, report_data
from gongkai.website_report.render import render, website_report_article
from tests.website_report.conftest import EXPECTED, complete_entries


def figures() -> dict[str, Any]:
    entries = {key: (value, "平台统计") for key, value in EXPECTED.items()} | complete_entries()
    entries["issues_found"] = (37, "平台统计：2025年巡检首次发现的问题")
    entries["sponsor"] = ("测试区人民政府办公室", "网站标识设置")
    return {
        key: {
            "value": form.clean_value(form.ITEMS_BY_KEY[key], value),
            "source": source,
        }
        for key, (value, source) in entries.items()
    }


def published() -> dict[str, Any]:
    return report_data(year=2025, figures=figures(), published_on=date(2026, 1, 28))


def draft() -> dict[str, Any]:
    return report_data(year=2025, figures={}, published_on=None)


def test_the_grid_has_one_answer_per_item_of_the_form() -> None:
    grid = form_grid(figures())
    answers = grid.figures()
    assert list(answers) == [i.key for s in form.SECTIONS for i in s.items]
    assert answers["issues_found"] == "37" and answers["messages_days"] == "2.5"
    # The section is merged down its rows; 留言办理's four items share one group cell.
    first = grid.rows[0][0]
    assert (first.text, first.rowspan) == ("基本信息", len(form.SECTIONS[0].items))
    groups = [c for row in grid.rows for c in row if c.text == "留言办理"]
    assert [c.rowspan for c in groups] == [4]


def test_html_names_each_answers_headers_and_lists_the_sources() -> None:
    article = website_report_article(published())
    page = lxml_html.fromstring(article)
    cell = page.xpath('//td[@data-cell="messages_received"]')[0]
    headers = [page.xpath(f'//*[@id="{h}"]')[0].text for h in cell.get("headers").split()]
    assert headers == ["互动交流", "留言办理", "收到留言数量（条）"]
    assert "草稿" not in article
    assert "区政务服务中心统计台账" in page.xpath('//dl[@class="report-sources"]/dt/text()')


def test_a_draft_is_marked_and_prints_unanswered_items() -> None:
    article = website_report_article(draft())
    assert '<p class="draft-mark">草稿</p>' in article
    assert "未填报" in article


def test_docx_carries_the_form() -> None:
    document = docx.Document(io.BytesIO(render(published(), "docx")))
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert "政务动态信息更新量（条）" in cells and "37" in cells
    text = "\n".join(p.text for p in document.paragraphs)
    assert "政府网站工作年度报表" in text and "填报单位：测试区人民政府办公室" in text
    assert "2026年1月28日" in text


def _pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in pdf.pages))


def test_pdf_text_has_the_title_and_the_figures() -> None:
    text = _pdf_text(render(published(), "pdf"))
    assert "政府网站工作年度报表（2025年度）" in text
    assert "发现问题数量（个）37" in text
    assert "单位负责人：测试区人民政府" in text
    assert "草稿" not in text
    assert "草稿" in _pdf_text(render(draft(), "pdf"))


def test_standalone_html_is_a_whole_document() -> None:
    page = render(published(), "html").decode()
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>政府网站工作年度报表（2025年度）</title>" in page
