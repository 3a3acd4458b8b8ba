"""政府信息公开 navigation: /xxgk/ across agencies, and each agency's branch scoped to it."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.test import Client

from gongkai.disclosure.models import AgencyCataloguePage, ColumnPage
from gongkai.portal.caching import HEADER
from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.rules.catalogue import MANDATORY_COLUMNS, RULES_COLUMN
from gongkai.rules.legal_basis import INSTRUMENTS

BLOCKS = ("信息公开指南", "信息公开制度", "法定主动公开内容", "信息公开年报", "依申请公开")


def final_report(agency: Any, year: int) -> AnnualReport:
    return AnnualReport.objects.create(
        agency=agency,
        year=year,
        status=ReportStatus.FINAL,
        snapshot={"agency": agency.name, "year": year},
        published_on=date(year + 1, 1, 20),
    )


def branch_of(agency: Any) -> AgencyCataloguePage:
    return AgencyCataloguePage.objects.get(agency=agency)


def test_platform_page_has_the_five_blocks_across_agencies(portal: Any, client: Client) -> None:
    a, b = portal.district.a, portal.district.b
    final_report(b, 2024)
    html = client.get("/xxgk/").content.decode()
    for block in BLOCKS:
        assert f">{block}</h2>" in html and f">{block}</a>" in html  # block and its tab
    for agency in (a, b):
        assert f"{agency.name}政府信息公开指南" in html
    for instrument in INSTRUMENTS:
        assert f"《{instrument.title}》" in html and instrument.number in html
    for column in MANDATORY_COLUMNS:
        assert f'href="/xxgk/{column.key}/">{column.title}</a>' in html
    assert f'href="/xxgk/{RULES_COLUMN.key}/"' in html
    assert f"/reports/{b.code}/2024/" in html and f"{b.name}2024年度" in html
    assert 'href="/apply/"' in html and 'href="/track/"' in html and "申请须知" in html
    assert "20个工作日内答复" in html and "7个工作日内一次性告知" in html
    # Every portal page links the navigation from its header.
    for path in ("/", "/catalogue/", portal.entries["dibao"].url):
        assert 'href="/xxgk/">信息公开</a>' in client.get(path).content.decode()
    assert 'href="/xxgk/">政府信息公开</a>' in client.get("/sitemap/").content.decode()


def test_a_statutory_column_lists_every_agencys_entries(portal: Any, client: Client) -> None:
    html = client.get("/xxgk/regulations/").content.decode()
    assert "关于调整城乡低保标准的通知" in html  # agency b
    assert portal.district.b.name in html
    assert "部门预算" not in html  # the budget column's
    html = client.get("/xxgk/budget/").content.decode()
    assert "测试区教育局2025年部门预算" in html and "低保" not in html
    assert client.get("/xxgk/no_such_column/").status_code == 404


def test_rules_column_shows_national_instruments_and_agency_rules(
    portal: Any, client: Client
) -> None:
    rules = portal.publish(
        "rules",
        column=RULES_COLUMN.key,
        title="测试区教育局政府信息公开保密审查制度",
        info_type="other_document",
    )
    across = client.get(f"/xxgk/{RULES_COLUMN.key}/").content.decode()
    own = client.get(rules.get_parent().url).content.decode()
    for html in (across, own):
        assert "测试区教育局政府信息公开保密审查制度" in html
        for instrument in INSTRUMENTS:
            assert f"《{instrument.title}》" in html and instrument.dated in html


def test_agency_branch_shows_the_blocks_scoped_to_the_agency(portal: Any, client: Client) -> None:
    a, b = portal.district.a, portal.district.b
    final_report(a, 2024)
    final_report(b, 2023)
    branch = branch_of(a)
    html = client.get(branch.url).content.decode()
    for block in BLOCKS:
        assert f">{block}</h2>" in html
    own_columns = ColumnPage.objects.child_of(branch)
    for column in own_columns.exclude(key=RULES_COLUMN.key):
        assert f'href="{column.url}">{column.title}</a>' in html
    rules = own_columns.get(key=RULES_COLUMN.key)
    assert f'href="{rules.url}">{a.name}信息公开制度</a>' in html
    assert f"{branch.url}guide/" in html and f"{a.name}政府信息公开指南" in html
    assert f"/reports/{a.code}/2024/" in html
    assert f"/reports/{b.code}/" not in html and b.name not in html
    assert f'href="/apply/{a.code}/"' in html and 'href="/track/"' in html
    # Columns of the other agency are not linked from this one.
    for column in ColumnPage.objects.child_of(branch_of(b)):
        assert f'href="{column.url}"' not in html


def test_navigation_pages_are_cached_and_a_publication_shows_at_once(
    portal: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    assert client.get("/xxgk/regulations/")[HEADER] == "miss"
    assert client.get("/xxgk/regulations/")[HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        portal.publish("new", title="关于印发学校安全管理办法的通知")
    response = client.get("/xxgk/regulations/")
    assert response[HEADER] == "miss"
    assert "关于印发学校安全管理办法的通知" in response.content.decode()
