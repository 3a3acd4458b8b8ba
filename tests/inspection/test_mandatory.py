"""mandatory_column: an Art. 20/21 column missing from an agency's branch, or stale."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner

from gongkai.cli import main
from gongkai.disclosure.models import ColumnPage
from gongkai.inspection.checks.mandatory import AgencyColumns, ExpectedColumn
from gongkai.inspection.crawler import CrawlOptions
from gongkai.inspection.inspect import inspect_sites
from gongkai.inspection.portal import agency_columns
from gongkai.rules.catalogue import MANDATORY_COLUMNS
from tests.inspection.conftest import TODAY
from tests.inspection.site import Site, serving

FAST = CrawlOptions(delay=0, timeout=5, concurrency=2, probes=0)


def test_missing_stale_and_undated_mandatory_columns_are_found() -> None:
    site = Site()
    with serving(site):
        site.html("/", "<p>2026-06-10</p>")
        site.html("/a/fees/", "<li><a href='/a/fees/1.html'>收费</a> 2026-05-01</li>")
        site.html("/a/budget/", "<li><a href='/a/budget/1.html'>预算</a> 2024-01-05</li>")
        site.html("/a/stats/", "<p>暂无信息</p>")
        expected = AgencyColumns(
            agency="测试区教育局",
            url=site.base + "/a/",
            columns=(
                ExpectedColumn("行政事业性收费", "第二十条（八）", site.base + "/a/fees/", 365),
                ExpectedColumn("财政预算决算", "第二十条（七）", site.base + "/a/budget/", 365),
                ExpectedColumn("统计信息", "第二十条（四）", site.base + "/a/stats/", 183),
                ExpectedColumn("政府集中采购", "第二十条（九）", "", 365),
            ),
        )
        inspection = inspect_sites(
            [site.base + "/"], today=TODAY, options=FAST, mandatory=[expected]
        )
    found = {
        (f.url.removeprefix(site.base), f.evidence)
        for f in inspection.findings
        if f.type.value == "mandatory_column"
    }
    assert found == {
        ("/a/", "测试区教育局的法定栏目“政府集中采购”（第二十条（九））缺失"),
        (
            "/a/budget/",
            "测试区教育局的法定栏目“财政预算决算”（第二十条（七））最新信息日期2024-01-05，"
            "已超过365天未更新（应不早于2025-06-15）",
        ),
        ("/a/stats/", "测试区教育局的法定栏目“统计信息”（第二十条（四））没有任何注明日期的信息"),
    }


def test_agency_columns_reads_each_branch_and_notes_a_missing_column(catalogue: Any) -> None:
    branch_columns = ColumnPage.objects.filter(key="fees")
    column = next(c for c in branch_columns if c.get_parent().specific.agency == catalogue.a)
    column.unpublish()
    by_agency = {a.agency: a for a in agency_columns("http://portal.test")}
    education = by_agency[catalogue.a.name]
    titles = {c.title: c for c in education.columns}
    assert "机构信息" not in titles  # the branch page is that column
    assert titles["行政事业性收费"].url == ""
    assert titles["财政预算决算"].url.startswith("http://portal.test/")
    assert education.url.startswith("http://portal.test/")
    # A department of a district government keeps Art. 21's columns too.
    assert len(education.columns) == len(MANDATORY_COLUMNS) - 1
    assert "土地征收和房屋征收" in titles


def test_the_command_with_portal_reports_mandatory_columns(catalogue: Any) -> None:
    column = next(
        c
        for c in ColumnPage.objects.filter(key="budget")
        if c.get_parent().specific.agency == catalogue.b
    )
    column.unpublish()
    site = Site()
    with serving(site):
        site.html("/", "<p>2026-06-10</p>")
        result = CliRunner().invoke(
            main,
            [
                *("inspect", site.base + "/", "--portal", "--format", "json"),
                *("--delay", "0", "--probes", "0", "--max-pages", "300"),
                *("--today", TODAY.isoformat()),
            ],
        )
    report = json.loads(result.output)
    mandatory = [f for f in report["findings"] if f["type"] == "mandatory_column"]
    missing = f"{catalogue.b.name}的法定栏目“财政预算决算”（第二十条（七））缺失"
    [finding] = [f for f in mandatory if f["evidence"] == missing]
    assert finding["severity"] == "high" and finding["url"].startswith(site.base + "/")
    # Every other column of the branch exists but is not served here: it cannot be opened.
    assert any("无法打开（HTTP 404）" in f["evidence"] for f in mandatory)


def test_portal_columns_are_named_with_their_agency(catalogue: Any) -> None:
    """Every agency keeps the same columns: 「栏目“统计信息”」 alone said nobody's."""
    from gongkai.inspection.columns import portal_columns

    names = [column.name for column in portal_columns("http://portal.example")]

    for agency in (catalogue.a, catalogue.b):
        assert f"{agency.name}：统计信息" in names
    assert not any(name == "统计信息" for name in names)
