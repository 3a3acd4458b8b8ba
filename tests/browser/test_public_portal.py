"""A reader on the public portal: browse, search a two-character word, read, download,
switch to the large-text mode — and every page type passes axe-core with no serious or
critical violation.

axe-core comes from npm (tests/browser/package.json) and is injected from disk, so the
pages under test never load anything from outside this server.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
AGENCY = "武汉市硚口区民政局"
SERIOUS = ("serious", "critical")


def serious_violations(page: Any) -> list[str]:
    if not AXE.exists():
        reason = f"axe-core is not installed at {AXE} (npm install in tests/browser)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    # Evaluated, not added as an inline <script>: the page's policy refuses those.
    page.evaluate(AXE.read_text())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]


@pytest.fixture
def catalogue_site(demo_site: Any, settings: Any) -> dict[str, Any]:
    """Three published entries of one agency (one with a PDF), indexed; an empty page cache."""
    from django.contrib.auth import get_user_model

    from gongkai.agencies.models import Agency
    from gongkai.audit.context import acting
    from gongkai.search.indexing import rebuild
    from tests.portal.catalogue import attach, enable_page_cache, publish

    agency = Agency.objects.get(name=AGENCY)
    operator = get_user_model().objects.get(username="operator")
    with acting(channel="cli"):
        entry = publish(
            agency,
            user=operator,
            title="关于调整城乡低保标准的通知",
            document_number="硚民发〔2025〕3号",
            body="<p>城乡最低生活保障标准自4月起调整，低保对象按新标准发放。</p>",
        )
        attach(entry, title="低保标准调整表", file_name="dibao.pdf", data=b"%PDF-1.4 demo")
        publish(agency, user=operator, row=2, title="2025年低保资金发放情况公示")
        publish(
            agency,
            user=operator,
            row=3,
            title="硚口区民政局2025年部门预算",
            column="budget",
            info_type="budget",
            subject="财政、金融、审计",
        )
    rebuild()
    enable_page_cache(settings)
    return {"agency": agency, "entry": entry}


def test_reader_browses_searches_reads_downloads_and_enlarges(
    catalogue_site: dict[str, Any], live_server: Any, page: Any
) -> None:
    page.goto(f"{live_server.url}/")
    assert serious_violations(page) == []
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"

    # Browse: filter the catalogue by agency; the URL is the shareable filter.
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="公开目录").click()
    page.get_by_label("发布机构").select_option(label=AGENCY)
    page.get_by_role("button", name="筛选").click()
    assert f"agency={catalogue_site['agency'].code}" in page.url
    assert page.get_by_role("link", name="硚口区民政局2025年部门预算").is_visible()
    assert serious_violations(page) == []

    # Search a two-character word from the header: highlighted hits, facets.
    page.get_by_label("站内检索").fill("低保")
    page.get_by_label("站内检索").press("Enter")
    page.wait_for_url("**/search/?q=*")
    results = page.locator("ol.hits > li")
    assert results.count() == 2
    assert page.locator("ol.hits mark", has_text="低保").count() >= 2
    assert serious_violations(page) == []

    # Open the entry: the metadata table, then download its attachment.
    page.get_by_role("link", name="关于调整城乡低保标准的通知").click()
    table = page.locator("table.meta-table")
    for label in ("索引号", "发布机构", "成文日期", "发布日期", "文号", "主题分类", "有效性"):
        assert table.get_by_role("rowheader", name=label).is_visible()
    assert table.get_by_text("硚民发〔2025〕3号").is_visible()
    assert serious_violations(page) == []
    with page.expect_download() as download_info:
        page.get_by_role("link", name="低保标准调整表").click()
    download = download_info.value
    assert Path(download.path()).read_bytes() == b"%PDF-1.4 demo"

    # Large-text, high-contrast mode: a plain link, remembered, and still accessible.
    normal = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.get_by_role("link", name="大字号·高对比模式").click()
    page.wait_for_load_state()
    assert "display-large" in (page.locator("body").get_attribute("class") or "")
    large = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert large >= normal * 1.3
    assert serious_violations(page) == []
    page.goto(f"{live_server.url}/catalogue/")
    assert "display-large" in (page.locator("body").get_attribute("class") or "")
    page.get_by_role("link", name="标准模式").click()
    page.wait_for_load_state()
    assert "display-large" not in (page.locator("body").get_attribute("class") or "")


def test_every_page_type_passes_axe(
    catalogue_site: dict[str, Any], live_server: Any, page: Any
) -> None:
    entry = catalogue_site["entry"]
    column = entry.get_parent()
    branch = column.get_parent()
    paths = {
        "agency catalogue": branch.url,
        "column": column.url,
        "search, no results": "/search/?q=%E9%93%B6%E6%B2%B3%E7%B3%BB",
        "catalogue page 1 of many filters": "/catalogue/?type=budget&year=2025",
        "apply: choose agency": "/apply/",
        "apply: form": f"/apply/{catalogue_site['agency'].code}/",
        "track": "/track/",
        "annual reports": "/reports/",
    }
    from gongkai.disclosure.models import DisclosureGuidePage

    guide_page = DisclosureGuidePage.objects.child_of(branch).live().first()
    if guide_page is not None:
        paths["disclosure guide"] = guide_page.url
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    failures = {}
    for name, path in paths.items():
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, (name, path)
        found = serious_violations(page)
        if found:
            failures[name] = found
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 400, f"{name} scrolls sideways on a phone ({width}px)"
    assert failures == {}
