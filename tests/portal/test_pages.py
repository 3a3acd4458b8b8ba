"""The portal's pages: home, catalogue browse, entry page, search, display mode."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from gongkai.portal.browse import CatalogueFilters
from gongkai.rules.document_number import series_of


@pytest.mark.parametrize(
    ("number", "series"),
    [
        ("测民发〔2025〕3号", "测民发"),
        ("某府办发[2023]12号", "某府办发"),
        ("某府（2021）1号", "某府"),
        ("无年份文号", ""),
        ("", ""),
    ],
)
def test_series_is_the_issuer_code_before_the_year(number: str, series: str) -> None:
    assert series_of(number) == series


def test_filters_round_trip_and_refuse_unknown_values() -> None:
    from django.http import QueryDict

    filters, errors = CatalogueFilters.from_query(
        QueryDict("agency=abc&type=budget&year=2025&validity=nonsense&subject=不存在")
    )
    assert filters.agency == "ABC" and filters.info_type == "budget" and filters.year == 2025
    assert filters.validity == "" and filters.subject == ""
    assert any("有效性“nonsense”不存在" in e for e in errors)
    assert any("主题分类“不存在”不存在" in e for e in errors)
    assert filters.query_string() == "agency=ABC&type=budget&year=2025"
    assert CatalogueFilters.from_query(QueryDict(filters.query_string()))[0] == filters


def test_home_lists_latest_by_column_and_quick_links(portal: Any, client: Client) -> None:
    html = client.get("/").content.decode()
    assert "关于调整城乡低保标准的通知" in html and "测试区教育局2025年部门预算" in html
    for link in ("/catalogue/", "/reports/", "/search/", "/apply/", "/track/"):
        assert link in html
    assert f"{portal.district.a.name}政府信息公开指南" in html


def test_catalogue_filters_by_agency_type_year_and_validity(portal: Any, client: Client) -> None:
    b = portal.district.b.code

    def titles(query: str) -> str:
        return client.get(f"/catalogue/?{query}").content.decode()

    page = titles(f"agency={b}")
    assert "低保标准" in page and "部门预算" not in page
    page = titles("type=budget")
    assert "部门预算" in page and "低保标准" not in page
    page = titles("year=2024")
    assert "关于2024年城乡低保标准的通知" in page and "关于调整城乡低保标准的通知" not in page
    page = titles("validity=abolished")
    assert "关于2024年城乡低保标准的通知" in page and "部门预算" not in page
    page = titles("year=20x5")
    assert "年份“20x5”应为四位数字" in page and "部门预算" in page


def test_drafts_are_never_listed(portal: Any, client: Client) -> None:
    draft = portal.entries["budget"]
    draft.unpublish()
    assert "部门预算" not in client.get("/catalogue/").content.decode()
    assert client.get(f"/api/catalogue/{draft.pk}/").status_code == 404


def test_entry_page_shows_metadata_attachments_and_related(portal: Any, client: Client) -> None:
    current, old = portal.entries["dibao"], portal.entries["dibao_old"]
    html = client.get(old.url).content.decode()
    for label in ("索引号", "发布机构", "成文日期", "发布日期", "文号", "主题分类", "有效性"):
        assert f'<th scope="row">{label}</th>' in html
    assert old.index_number in html and "废止" in html
    assert "废止或修订本文件的文件" in html and current.url in html
    html = client.get(current.url).content.decode()
    assert "本文件废止或修订的文件" in html and "同一文号系列" in html and old.url in html
    assert "低保标准表" in html and "（PDF" in html
    link = html.split("低保标准表</a>")[0].rsplit('href="', 1)[1].split('"')[0]
    download = client.get(link)
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 test"


def test_search_highlights_escapes_and_pages_with_a_cursor(portal: Any, client: Client) -> None:
    for n in range(12):
        portal.publish(f"extra{n}", title=f"低保资金发放公示第{n}期<script>x</script>")
    from gongkai.search.indexing import rebuild

    rebuild()
    html = client.get("/search/?q=低保").content.decode()
    assert "<mark>低保</mark>" in html
    assert "<script>x</script>" not in html and "&lt;script&gt;" in html
    assert "下一页" in html and "after=" in html
    next_link = html.split('rel="next"')[0].rsplit('href="?', 1)[1].split('"')[0]
    second = client.get("/search/?" + next_link.replace("&amp;", "&")).content.decode()
    assert "<mark>低保</mark>" in second and "找到" in second


def test_search_facets_filter_and_sort(portal: Any, client: Client) -> None:
    html = client.get("/search/?q=低保").content.decode()
    assert "发布机构" in html and portal.district.b.name in html
    assert "validity=abolished" in html
    html = client.get("/search/?q=低保&validity=abolished").content.decode()
    assert "关于2024年" in html and "关于调整城乡低保标准的通知" not in html
    assert client.get("/search/?q=低保&sort=date").status_code == 200
    html = client.get("/search/?q=低保&sort=sideways").content.decode()
    assert "排序方式“sideways”不存在" in html


def test_search_suggests_on_zero_results_and_shows_hot_terms(portal: Any, client: Client) -> None:
    html = client.get("/search/?q=低堡").content.decode()
    assert "没有找到" in html
    assert "热门检索" in html


def test_bad_cursor_is_a_chinese_message(portal: Any, client: Client) -> None:
    response = client.get("/search/?q=低保&after=garbage")
    assert response.status_code == 200 and "翻页参数无效" in response.content.decode()


def test_display_mode_is_a_cookie_and_redirects_only_locally(portal: Any, client: Client) -> None:
    response = client.get("/display/?mode=large&next=/catalogue/")
    assert response.status_code == 302 and response["Location"] == "/catalogue/"
    assert response.cookies["gk_display"].value == "large"
    assert 'class="display-large"' in client.get("/catalogue/").content.decode()
    response = client.get("/display/?mode=large&next=https://evil.example/")
    assert response["Location"] == "/"
    client.get("/display/?mode=standard")
    assert 'class="display-large"' not in client.get("/catalogue/").content.decode()
