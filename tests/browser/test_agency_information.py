"""机构信息 and the 政府信息公开指南 on a 390 px phone (issue 15.4): no sideways scrolling,
leaders' photos shown, departments as labelled cards, axe-core with no serious or
critical violation; the guide's paper form downloads as DOCX and PDF. Screenshots go
to test-artifacts/screenshots/ beside the other portal pages'.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_phone_width import PHONE, assert_fit_a_phone, save_screenshots
from tests.browser.test_public_portal import AGENCY

TODAY_OF_DEMO = "2026-06-01"  # the 更新日期 the demo's 机构信息 carries


@pytest.fixture
def agency_pages(demo_site: Any) -> dict[str, str]:
    """The demo district with every agency's 机构信息 and guide details; page → path."""
    from datetime import date

    from gongkai.agencies.models import Agency
    from gongkai.audit.context import acting
    from gongkai.demo.organisation import build_demo_organisation
    from gongkai.disclosure.models import AgencyCataloguePage, ColumnPage, DisclosureGuidePage
    from gongkai.rules.catalogue import ORGANISATION_COLUMN_KEY

    with acting(channel="cli"):
        build_demo_organisation(today=date.fromisoformat(TODAY_OF_DEMO))
    branch = AgencyCataloguePage.objects.get(agency=Agency.objects.get(name=AGENCY))
    column = ColumnPage.objects.child_of(branch).get(key=ORGANISATION_COLUMN_KEY)
    guide = DisclosureGuidePage.objects.child_of(branch).get()
    return {"agency information": column.url, "guide": guide.url, "branch": branch.url}


def test_agency_information_and_guide_fit_a_phone(
    agency_pages: dict[str, str], live_server: Any, page: Any
) -> None:
    assert_fit_a_phone(page, live_server.url, agency_pages)
    page.goto(f"{live_server.url}{agency_pages['agency information']}")
    photos = page.locator(".leader img")
    assert photos.count() >= 3
    photos.first.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.leader img')].every(i => i.complete)"
    )
    loaded = page.evaluate(
        "() => [...document.querySelectorAll('.leader img')].map(i => i.naturalWidth)"
    )
    assert all(width > 0 for width in loaded), loaded
    # Each department a card: its name first, 职责 and 联系电话 labelled.
    label = page.locator("table.departments td[data-label='职责']").first.evaluate(
        "td => getComputedStyle(td, '::before').content"
    )
    assert "职责" in label
    for heading in ("机构职能", "领导信息", "内设机构", "联系方式"):
        assert page.get_by_role("heading", name=heading).is_visible()

    save_screenshots(page, live_server.url, agency_pages, ("agency information", "guide"))


def test_the_guide_downloads_the_paper_form(
    agency_pages: dict[str, str], live_server: Any, page: Any
) -> None:
    import pdfplumber
    from docx import Document

    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{agency_pages['guide']}")
    texts = {}
    for link, fmt in (("申请表（Word 版，DOCX）", "docx"), ("申请表（PDF 版）", "pdf")):
        with page.expect_download() as download:
            page.get_by_role("link", name=link).click()
        assert download.value.suggested_filename == f"{AGENCY}政府信息公开申请表.{fmt}"
        data = Path(download.value.path()).read_bytes()
        if fmt == "docx":
            document = Document(io.BytesIO(data))
            cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
            texts[fmt] = "".join(p.text for p in document.paragraphs) + "".join(cells)
        else:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                texts[fmt] = "".join(p.extract_text() or "" for p in pdf.pages)
    for fmt, text in texts.items():
        flat = "".join(text.split())
        assert "政府信息公开申请表" in flat and f"受理机关：{AGENCY}" in flat, fmt
        assert "□居民身份证" in flat and "获取信息的方式" in flat, fmt
