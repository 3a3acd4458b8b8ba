"""The district's report in a real browser: the operator opens the roll-up, builds the
district government's report, downloads its PDF, and reminds an agency that has not
published its own."""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
from django.utils import timezone

from tests.browser.test_catalogue_review import as_user


def _unpublished_agency_with_staff(year: int) -> str:
    """An agency of the demo district with someone to remind and no published report."""
    from gongkai.agencies.models import Membership, Role
    from gongkai.reports.rollup import build_rollup, default_district

    rollup = build_rollup(
        district=default_district(), year=year, today=timezone.localdate(), actor=None
    )
    staffed = set(
        Membership.objects.filter(
            role__in=[Role.AGENCY_ADMIN, Role.DISCLOSURE_OFFICER]
        ).values_list("agency__name", flat=True)
    )
    return next(
        a.name for a in rollup.agencies if a.active and not a.published_on and a.name in staffed
    )


def test_operator_builds_the_district_report_and_reminds_a_late_agency(
    demo_site: Any, live_server: Any, browser: Any
) -> None:
    from gongkai.audit.context import SYSTEM, acting
    from gongkai.reports.models import ReportReminder
    from gongkai.reports.rollup import default_district

    year = timezone.localdate().year - 1
    base = live_server.url
    district = default_district().name
    operator = as_user(browser, live_server, "operator")
    operator.get_by_role("link", name="全区年报汇总").click()
    operator.wait_for_url(f"{base}/admin/district/reports/")
    operator.get_by_role("button", name="汇总").click()
    operator.get_by_role("button", name="编制本级政府年度报告").click()
    operator.get_by_text("已编制本级政府年度报告").wait_for()
    assert operator.get_by_text("不能手工填报").first.is_visible()
    with operator.expect_download() as download:
        operator.get_by_role("link", name="PDF", exact=True).click()
    pdf = download.value
    assert pdf.suggested_filename.endswith(".pdf")
    with pdfplumber.open(io.BytesIO(open(pdf.path(), "rb").read())) as document:
        text = "".join(page.extract_text() or "" for page in document.pages)
    assert district in text and "政府信息公开工作年度报告" in text

    with acting(actor=SYSTEM):
        late = _unpublished_agency_with_staff(year)
    operator.goto(f"{base}/admin/district/reports/?year={year}")
    operator.get_by_role("button", name=f"向{late}发送催报提醒").click()
    operator.get_by_text(f"已向1个机构发送催报提醒：{late}").wait_for()
    assert operator.get_by_text("催报", exact=False).first.is_visible()
    assert ReportReminder.objects.filter(agency__name=late, year=year).exists()
