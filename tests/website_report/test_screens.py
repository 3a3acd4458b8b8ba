"""The operator's screens and the public page: who may see what, and when."""

from __future__ import annotations

import io
import re
from typing import Any

import pdfplumber
import pytest
from django.test import Client
from django.utils import timezone

from gongkai.audit.models import AuditEntry
from gongkai.portal.caching import HEADER
from gongkai.portal.setup import ensure_site
from gongkai.website_report.models import WebsiteReport, WebsiteReportStatus
from gongkai.website_report.services import (
    do_enter_website_figures,
    do_mark_website_report_final,
    do_prefill_website_report,
    do_publish_website_report,
)
from tests.portal.catalogue import enable_page_cache
from tests.website_report.conftest import complete_entries

YEAR = timezone.localdate().year - 1  # the screens date their actions today
LIST = "/admin/website-report/"
EDIT = f"/admin/website-report/{YEAR}/"
PUBLIC = f"/website-report/{YEAR}/"


def ready_report() -> WebsiteReport:
    """A draft with every item answered and sourced (built as the system)."""
    report = do_prefill_website_report(year=YEAR, today=timezone.localdate())
    return do_enter_website_figures(website_report=report, entries=complete_entries())


def pdf_text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in pdf.pages))


def test_the_operator_prepares_fills_in_and_sees_the_menu(client: Client, district: Any) -> None:
    client.force_login(district.operator)
    assert LIST in client.get("/admin/").content.decode()  # the sidebar's menu item
    response = client.post(LIST, {"year": YEAR})
    assert response.status_code == 302 and response["Location"] == EDIT
    page = client.get(EDIT).content.decode()
    assert "收到留言数量（条）" in page and "平台统计" in page and "草稿" in page
    refused = client.post(EDIT, {"page_views": "56000", "page_views__source": ""})
    assert refused.status_code == 200
    assert "“基本信息·网站总访问量”须注明数据来源。" in refused.content.decode()
    saved = client.post(EDIT, {"page_views": "56000", "page_views__source": "网站统计系统"})
    assert saved.status_code == 302
    report = WebsiteReport.objects.get(year=YEAR)
    assert report.figures["page_views"]["value"] == 56000
    assert report.figures["page_views"]["by"] == "hand"
    entry = AuditEntry.objects.get(action="website_report.figures")
    assert entry.actor_name == "operator" and entry.channel == "web"


def test_final_is_refused_on_screen_until_every_item_has_a_source(
    client: Client, district: Any
) -> None:
    do_prefill_website_report(year=YEAR, today=timezone.localdate())
    client.force_login(district.operator)
    response = client.post(f"{EDIT}act/final/", follow=True)
    page = response.content.decode()
    assert "未填写数值或未注明数据来源，不能定稿" in page and "互动交流·是否提供智能问答" in page
    assert WebsiteReport.objects.get(year=YEAR).status == WebsiteReportStatus.DRAFT


def test_the_public_page_is_404_until_published_then_shows_the_figures(
    client: Client, district: Any
) -> None:
    ensure_site()
    ready_report()
    assert client.get(PUBLIC).status_code == 404
    assert client.get(f"{PUBLIC}report.pdf").status_code == 404
    assert "政府网站工作年度报表" not in client.get("/").content.decode()
    operator = Client()
    operator.force_login(district.operator)
    draft_pdf = operator.get(f"{EDIT}file.pdf")
    assert "草稿" in pdf_text(draft_pdf.content)
    assert operator.post(f"{EDIT}act/final/").status_code == 302
    assert client.get(PUBLIC).status_code == 404  # final is not yet published
    assert operator.post(f"{EDIT}act/publish/").status_code == 302
    report = WebsiteReport.objects.get(year=YEAR)
    assert (report.status, report.published_on) == ("published", timezone.localdate())
    page = client.get(PUBLIC).content.decode()
    assert f"政府网站工作年度报表（{YEAR}年度）" in page
    assert 'data-cell="messages_days">2.5</td>' in page
    assert "区政务服务中心统计台账" in page and "草稿" not in page
    home = client.get("/").content.decode()
    assert f'href="{PUBLIC}"' in home and "政府网站工作年度报表" in home
    text = pdf_text(client.get(f"{PUBLIC}report.pdf").content)
    assert f"政府网站工作年度报表（{YEAR}年度）" in text and "草稿" not in text
    docx = client.get(f"{PUBLIC}report.docx")
    assert docx.status_code == 200 and docx["Content-Type"].endswith("document")
    assert client.get(f"{PUBLIC}report.html").status_code == 404


def refused(response: Any) -> bool:
    """Wagtail answers a signed-in user's PermissionDenied with a redirect to the dashboard."""
    return (response.status_code, response.get("Location")) == (302, "/admin/")


@pytest.mark.parametrize("role", ["agency_admin", "disclosure_officer"])
def test_other_staff_are_refused_every_screen(client: Client, district: Any, role: str) -> None:
    ready_report()
    client.force_login(district.user("a", role))
    assert LIST not in client.get("/admin/").content.decode()
    for url in (LIST, EDIT, f"{EDIT}file.pdf"):
        assert refused(client.get(url)), url
    before = AuditEntry.objects.count()
    assert refused(client.post(LIST, {"year": YEAR}))
    assert refused(client.post(EDIT, {"surveys": "3", "surveys__source": "表"}))
    for action in ("refresh", "final", "publish"):
        assert refused(client.post(f"{EDIT}act/{action}/"))
    assert AuditEntry.objects.count() == before
    assert WebsiteReport.objects.get(year=YEAR).status == WebsiteReportStatus.DRAFT


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, district: Any) -> None:
    ready_report()
    for url in (LIST, EDIT, f"{EDIT}file.pdf"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    response = client.post(f"{EDIT}act/final/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert WebsiteReport.objects.get(year=YEAR).status == WebsiteReportStatus.DRAFT


def test_a_year_not_yet_ended_can_be_drafted_but_not_a_future_one(
    client: Client, district: Any
) -> None:
    client.force_login(district.operator)
    next_year = timezone.localdate().year + 1
    page = client.post(LIST, {"year": next_year}).content.decode()
    assert "报表年度应在2017年至" in page
    assert not WebsiteReport.objects.filter(year=next_year).exists()
    assert client.get(f"/admin/website-report/{YEAR - 4}/").status_code == 404


def test_publishing_refreshes_the_cached_home_page(
    client: Client,
    district: Any,
    settings: Any,
    tmp_path: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.HOME = tmp_path
    enable_page_cache(settings)
    ensure_site()
    report = do_mark_website_report_final(website_report=ready_report())
    assert client.get("/")[HEADER] == "miss"
    assert client.get("/")[HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        do_publish_website_report(website_report=report, today=timezone.localdate())
    home = client.get("/")
    assert home[HEADER] == "miss" and f'href="{PUBLIC}"' in home.content.decode()
