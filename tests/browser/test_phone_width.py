"""Every portal page type on a 390 px phone: no sideways scrolling, metadata labels above
their values, search facets after the results, and axe-core with no serious or critical
violation. Screenshots of the main pages, desktop and phone, go to test-artifacts/.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_public_portal import catalogue_site, serious_violations  # noqa: F401
from tests.test_applicant_identity import pdf_bytes

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
REPORT_DAY = date(2026, 3, 1)  # the demo's department reports of 2025 are final by then


@pytest.fixture
def phone_site(catalogue_site: dict[str, Any]) -> dict[str, str]:  # noqa: F811
    """The catalogue site plus an entry with a summary and a real PDF, and final reports;
    returns page type → path."""
    from gongkai.audit.context import acting
    from gongkai.demo.reports import build_demo_reports
    from gongkai.disclosure.models import DisclosureGuidePage
    from gongkai.reports.models import AnnualReport
    from gongkai.search.indexing import rebuild
    from gongkai.workcalendar.bundled import bundled_schedule, holiday_names
    from gongkai.workcalendar.services import do_load_schedule
    from tests.portal.catalogue import attach, publish

    agency = catalogue_site["agency"]
    operator = catalogue_site["entry"].owner
    with acting(channel="cli"):
        entry = publish(
            agency,
            user=operator,
            row=4,
            title="武汉市硚口区民政局关于进一步做好城乡最低生活保障家庭经济状况核对工作的实施意见",
            document_number="硚民规〔2025〕12号",
            summary="明确城乡低保家庭经济状况核对的范围、程序、时限和结果运用，自2025年4月1日起施行。",
            body="<p>各街道办事处：</p><p>为进一步规范城乡最低生活保障家庭经济状况核对工作，"
            "现提出如下实施意见。</p>",
        )
        attach(entry, title="核对授权书（样式）", file_name="shouquan.pdf", data=pdf_bytes())
        for year in (REPORT_DAY.year - 1, REPORT_DAY.year):
            do_load_schedule(
                schedule=bundled_schedule(year), names=holiday_names(year), today=REPORT_DAY
            )
        build_demo_reports(today=REPORT_DAY)
    rebuild()
    column = entry.get_parent()
    branch = column.get_parent()
    guide = DisclosureGuidePage.objects.child_of(branch).live().get()
    report = AnnualReport.objects.published().order_by("-year").first()
    assert report is not None, "the demo published no annual report"
    return {
        "home": "/",
        "column list": column.url,
        "catalogue": "/catalogue/",
        "entry": entry.url,
        "entry, print view": f"/print/{entry.pk}/",
        "agency branch": branch.url,
        "guide": guide.url,
        "search with results": "/search/?q=%E4%BD%8E%E4%BF%9D",  # 低保
        "annual reports": "/reports/",
        "annual report": f"/reports/{report.agency.code}/{report.year}/",
        "xxgk": "/xxgk/",
        "xxgk column": "/xxgk/regulations/",
        "apply: choose agency": "/apply/",
        "apply": f"/apply/{agency.code}/",
        "track": "/track/",
    }


def stacked_metadata(page: Any) -> list[str]:
    """Rows of the entry's metadata table whose label is not above its value, full width."""
    return page.evaluate(
        """() => {
          const table = document.querySelector('table.meta-table');
          const width = table.getBoundingClientRect().width;
          const wrong = [];
          for (const th of table.querySelectorAll('th')) {
            const td = th.nextElementSibling;
            const label = th.getBoundingClientRect(), value = td.getBoundingClientRect();
            if (label.bottom > value.top + 1 || Math.abs(label.left - value.left) > 1
                || label.width < width * 0.8) {
              wrong.push(th.textContent);
            }
          }
          return wrong;
        }"""
    )


def assert_fit_a_phone(page: Any, base_url: str, paths: dict[str, str]) -> None:
    """Each page answers 200, scrolls no wider than the phone and passes axe-core."""
    page.set_viewport_size(PHONE)
    too_wide, failures = {}, {}
    for name, path in paths.items():
        response = page.goto(f"{base_url}{path}")
        assert response is not None and response.status == 200, (name, path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[name] = width
        found = serious_violations(page)
        if found:
            failures[name] = found
    assert too_wide == {}, f"pages scroll sideways at {PHONE['width']} px: {too_wide}"
    assert failures == {}


def save_screenshots(
    page: Any, base_url: str, paths: dict[str, str], names: tuple[str, ...]
) -> None:
    """Desktop and phone screenshots of the named pages, in test-artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name in names:
        for device, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(viewport)
            page.goto(f"{base_url}{paths[name]}")
            slug = name.replace(" ", "-")
            page.screenshot(path=str(SCREENSHOTS / f"portal-{slug}-{device}.png"), full_page=True)


def test_every_page_type_fits_a_phone(
    phone_site: dict[str, str], live_server: Any, page: Any
) -> None:
    assert_fit_a_phone(page, live_server.url, phone_site)


def test_phone_layout_pdf_preview_and_screenshots(
    phone_site: dict[str, str], live_server: Any, page: Any
) -> None:
    """One test, as building the site is the slow part."""
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{phone_site['entry']}")
    assert stacked_metadata(page) == []
    page.goto(f"{live_server.url}{phone_site['search with results']}")
    results = page.locator("section.results").bounding_box()
    facets = page.locator("aside.facets").bounding_box()
    assert results and facets and facets["y"] >= results["y"] + results["height"]

    # On a desktop the same table keeps label and value side by side, facets beside results.
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}{phone_site['search with results']}")
    results = page.locator("section.results").bounding_box()
    facets = page.locator("aside.facets").bounding_box()
    assert results and facets and facets["y"] < results["y"] + results["height"]

    # The PDF attachment opens, on request, in Chromium's own viewer, fetched from the
    # document view that serves only what a published entry uses; nothing from elsewhere.
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{live_server.url}{phone_site['entry']}")
    assert len(stacked_metadata(page)) > 0
    assert not [url for url in requests if "/documents/" in url]  # closed: not fetched
    viewer = page.expect_event(
        "framenavigated", predicate=lambda frame: frame.url.startswith("chrome-extension://")
    )
    with viewer, page.expect_response(lambda r: "/documents/" in r.url) as pdf:
        page.get_by_text("在线预览").click()
    assert pdf.value.status == 200 and pdf.value.headers["content-type"] == "application/pdf"
    own = (live_server.url, "data:", "chrome-extension://", "chrome://")  # the viewer's own
    foreign = [url for url in requests if not url.startswith(own)]
    assert foreign == [], foreign

    shown = ("home", "entry", "agency branch", "guide", "xxgk", "column list")
    save_screenshots(page, live_server.url, phone_site, shown)
