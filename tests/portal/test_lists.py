"""Lists with the catalogue's columns and numbered pages; the entry page's 内容概述, print
view and inline PDF preview."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from gongkai.portal import paging
from gongkai.portal.paging import paginate
from tests.portal.catalogue import attach


@pytest.mark.parametrize(
    ("typed", "shown", "message"),
    [
        ("", 1, ""),
        ("3", 3, ""),
        ("１２", 12, ""),  # full-width digits from a Chinese input method
        (" 4 ", 4, ""),
        ("abc", 1, "页码“abc”不是数字，已显示第1页。"),
        ("2.5", 1, "页码“2.5”不是数字，已显示第1页。"),
        ("-3", 1, "页码“-3”不是数字，已显示第1页。"),
        ("0", 1, "页码应为1到270之间的整数，已显示第1页。"),
        ("271", 270, "共270页，没有第271页，已显示第270页。"),
        ("9" * 5000, 270, f"共270页，没有第{'9' * 20}页，已显示第270页。"),
    ],
)
def test_a_typed_page_number_is_read_or_answered_in_chinese(
    typed: str, shown: int, message: str
) -> None:
    result = paginate(range(270 * 20), typed)
    assert (result.page.number, result.error) == (shown, message)


def test_page_numbers_around_the_current_page_with_gaps() -> None:
    assert paginate(range(270 * 20), "100").numbers == [1, None, 98, 99, 100, 101, 102, None, 270]
    assert paginate(range(5 * 20), "1").numbers == [1, 2, 3, None, 5]
    assert paginate(range(3 * 20), "2").numbers == [1, 2, 3]
    assert paginate([], None).numbers == [1]


def test_lists_show_index_number_name_and_both_dates(portal: Any, client: Client) -> None:
    entry = portal.entries["dibao"]
    column = entry.get_parent()
    for path in ("/catalogue/", column.url, "/xxgk/regulations/"):
        html = client.get(path).content.decode()
        headers = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', html)
        assert headers[:2] == ["索引号", "名称"] and headers[-2:] == ["成文日期", "发布日期"], path
        assert entry.index_number in html and entry.document_number in html
        assert '<td data-label="成文日期"><time datetime="2025-03-01">' in html, path


def test_numbered_pages_keep_the_filters_and_jump(
    portal: Any, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 1)
    b = portal.district.b.code
    html = client.get(f"/catalogue/?agency={b}").content.decode()  # two entries: two pages
    assert 'aria-current="page"' in html and f'href="?agency={b}&amp;page=2"' in html
    assert f'<input type="hidden" name="agency" value="{b}">' in html  # the jump form keeps it
    assert '<input id="pager-jump-page" name="page"' in html
    second = client.get(f"/catalogue/?agency={b}&page=2").content.decode()
    assert "关于2024年城乡低保标准的通知" in second and "关于调整城乡低保标准的通知" not in second


@pytest.mark.parametrize(
    ("typed", "message"),
    [("abc", "页码“abc”不是数字"), ("0", "页码应为1到"), ("99", "没有第99页")],
)
def test_a_bad_page_is_a_chinese_message_not_an_error(
    portal: Any, client: Client, typed: str, message: str
) -> None:
    column = portal.entries["dibao"].get_parent()
    for path in ("/catalogue/", column.url, "/xxgk/regulations/"):
        response = client.get(path, {"page": typed})
        assert response.status_code == 200, path
        assert message in response.content.decode(), path


def test_entry_page_shows_its_summary_and_links_its_print_view(
    portal: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    entry = portal.publish(
        "summarised",
        title="关于2025年春季学期中小学开学时间的通知",
        summary="全区中小学2025年春季学期于2月17日开学，学生2月16日报到。",
    )
    html = client.get(entry.url).content.decode()
    summary_row = '<th scope="row">内容概述</th><td colspan="3">全区中小学2025年春季学期'
    assert summary_row in html
    assert f'href="/print/{entry.pk}/" rel="nofollow">打印本页</a>' in html
    printed = client.get(f"/print/{entry.pk}/")
    text = printed.content.decode()
    assert printed.status_code == 200
    assert "gongkai/print.css" in text and "gongkai/portal.css" not in text
    assert 'class="site-nav"' not in text  # no site chrome on paper
    assert text.index('<table class="meta-table">') < text.index("<h1>")  # metadata on top
    assert "内容概述" in text and entry.index_number in text
    assert f"本文地址：http://testserver{entry.url}" in text
    css = finders.find("gongkai/print.css")
    assert css and "size: A4" in Path(css).read_text(encoding="utf-8")
    # A copy of the entry page: kept out of search engines and the site inspection.
    assert "Disallow: /print/" in client.get("/robots.txt").content.decode()
    # Only what is published prints.
    with django_capture_on_commit_callbacks(execute=True):
        entry.unpublish()
    assert client.get(f"/print/{entry.pk}/").status_code == 404
    assert client.get("/print/999999/").status_code == 404


def test_pdf_attachments_preview_through_the_checked_document_view(
    portal: Any, client: Client
) -> None:
    entry = portal.entries["dibao"]
    attach(entry, title="申请表", file_name="form.docx", data=b"PK docx")
    html = client.get(entry.url).content.decode()
    frames = re.findall(r'<iframe src="([^"]+)" title="附件预览：([^"]+)"', html)
    assert [title for _, title in frames] == ["低保标准表"]  # the PDF, not the DOCX
    src = frames[0][0]
    assert src.startswith("/documents/")
    assert '<details class="pdf-preview">' in html  # opened on request: see the browser test
    shown = client.get(src)
    assert shown.status_code == 200 and shown["Content-Type"] == "application/pdf"
    assert shown["Content-Disposition"].startswith("inline")
    assert shown["X-Frame-Options"] == "SAMEORIGIN"  # may be framed by our own page only
    # Withdrawn, the entry stops serving its attachment: the preview is no way around that.
    entry.unpublish()
    assert client.get(src).status_code == 404
