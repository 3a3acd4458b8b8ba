"""The admin screens: operator-only where they should be, another agency's ticket a 404,
exports that open in openpyxl and python-docx, the veto panel and the SVG trend."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from docx import Document
from openpyxl import load_workbook

from gongkai.inspection.models import (
    Finding,
    ImportantPeriod,
    InspectionRun,
    ListedSite,
    RectificationTicket,
)
from gongkai.workcalendar.services import seed_bundled_schedules
from tests.inspection.conftest import COLUMNS_CSV, TODAY

OPERATOR_PAGES = ("/admin/inspection/", "/admin/inspection/trend/", "/admin/inspection/sites/")


@pytest.fixture
def operator(district: Any) -> Client:
    client = Client()
    client.force_login(district.operator)
    return client


def _listed(site: Any, district: Any, operator: Client) -> ListedSite:
    response = operator.post(
        "/admin/inspection/sites/",
        {"url": site.base + "/", "name": "教育局网站", "agency": district.a.pk},
    )
    listed = ListedSite.objects.get()
    assert response.status_code == 302
    csv = io.BytesIO(COLUMNS_CSV.format(base=site.base).encode())
    csv.name = "columns.csv"
    response = operator.post(
        f"/admin/inspection/sites/{listed.pk}/", {"action": "import", "file": csv}
    )
    assert response.status_code == 302
    assert listed.columns.count() == 8
    return listed


def _inspect(operator: Client, capture: Any, **data: Any) -> Any:
    """立即巡检: the request queues the job; the job runs once the request commits."""
    with capture(execute=True):
        return operator.post(
            "/admin/inspection/", {"today": TODAY.isoformat(), "max_pages": 200, **data}
        )


def test_operator_runs_reads_the_veto_panel_and_exports(
    planted, district, operator, django_capture_on_commit_callbacks
) -> None:
    site, _ = planted
    seed_bundled_schedules(today=TODAY)
    _listed(site, district, operator)
    response = _inspect(operator, django_capture_on_commit_callbacks)  # the portal left out
    run = InspectionRun.objects.get()
    assert response.status_code == 302 and response.url == "/admin/inspection/"
    panel = operator.get(f"/admin/inspection/runs/{run.pk}/").content.decode()
    assert "栏目不更新" in panel and "不合格" in panel and "空白栏目5个" in panel

    workbook = load_workbook(
        io.BytesIO(operator.get("/admin/inspection/findings/?export=xlsx").content)
    )
    rows = list(workbook.active.values)
    assert rows[0][:3] == ("类型", "严重程度", "网站")
    assert any(row[0] == "手机号码" and "138****5678" in row[5] for row in rows[1:])

    docx = operator.get(f"/admin/inspection/runs/{run.pk}/report.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "政府网站巡检情况的通报" in text and "单项否决指标情况" in text
    assert "13812345678" not in text
    pdf = operator.get(f"/admin/inspection/runs/{run.pk}/report.pdf")
    assert pdf.content.startswith(b"%PDF")

    trend = operator.get("/admin/inspection/trend/", {"site": site.base + "/"}).content.decode()
    start = trend.index('class="inspection-trend"')
    chart = trend[start : trend.index("</svg>", start)]
    assert "<polyline" in chart and "<script" not in chart and "//cdn" not in chart


def test_ticket_screens_send_answer_and_refuse_other_agencies(
    planted, district, operator, django_capture_on_commit_callbacks
) -> None:
    site, _ = planted
    seed_bundled_schedules(today=TODAY)
    _listed(site, district, operator)
    _inspect(operator, django_capture_on_commit_callbacks)
    mobile = Finding.objects.get(type="mobile")
    response = operator.post(
        f"/admin/inspection/findings/{mobile.pk}/",
        {"action": "send", "sent_on": TODAY.isoformat(), "note": "删除手机号码"},
    )
    assert response.status_code == 302
    ticket = RectificationTicket.objects.get()
    assert ticket.agency == district.a

    other = Client()
    other.force_login(district.user("b", "disclosure_officer"))
    assert other.get(f"/admin/inspection/tickets/{ticket.pk}/").status_code == 404
    assert "没有整改工单" in other.get("/admin/inspection/tickets/").content.decode()
    assert "138****5678" not in other.get("/admin/inspection/findings/").content.decode()
    hidden = other.get("/admin/inspection/findings/?export=xlsx").content
    assert len(list(load_workbook(io.BytesIO(hidden)).active.values)) == 1  # the header only
    assert (
        other.post(
            f"/admin/inspection/tickets/{ticket.pk}/",
            {"answer": "fixed", "answered_on": TODAY.isoformat()},
        ).status_code
        == 404
    )
    # Wagtail answers a PermissionDenied in its admin with a redirect to the dashboard.
    for page in (*OPERATOR_PAGES, f"/admin/inspection/findings/{mobile.pk}/"):
        refused = other.get(page)
        assert (refused.status_code, refused.url) == (302, "/admin/")

    officer = Client()
    officer.force_login(district.user("a", "disclosure_officer"))
    assert "删除手机号码" in officer.get(f"/admin/inspection/tickets/{ticket.pk}/").content.decode()
    assert "138****5678" in officer.get("/admin/inspection/findings/").content.decode()
    response = officer.post(
        f"/admin/inspection/tickets/{ticket.pk}/",
        {"answer": "explanation", "answer_text": "", "answered_on": TODAY.isoformat()},
    )
    assert "必须填写说明内容" in response.content.decode()
    officer.post(
        f"/admin/inspection/tickets/{ticket.pk}/",
        {"answer": "fixed", "answer_text": "已删除", "answered_on": TODAY.isoformat()},
    )
    ticket.refresh_from_db()
    assert ticket.status == "answered" and ticket.answered_on == TODAY


def test_strike_needs_a_reason_and_periods_are_marked(
    planted, district, operator, django_capture_on_commit_callbacks
) -> None:
    site, _ = planted
    _listed(site, district, operator)
    _inspect(operator, django_capture_on_commit_callbacks)
    typo = Finding.objects.filter(type="wording_error").first()
    response = operator.post(
        f"/admin/inspection/findings/{typo.pk}/", {"action": "strike", "reason": ""}
    )
    assert response.status_code == 200 and Finding.objects.get(pk=typo.pk).status == "new"
    operator.post(
        f"/admin/inspection/findings/{typo.pk}/", {"action": "strike", "reason": "引用原文"}
    )
    assert Finding.objects.get(pk=typo.pk).status == "struck"
    response = operator.post(
        "/admin/inspection/periods/",
        {"name": "区人代会", "starts_on": "2026-01-09", "ends_on": "2026-01-05"},
    )
    assert "结束日期不能早于开始日期" in response.content.decode()
    operator.post(
        "/admin/inspection/periods/",
        {"name": "区人代会", "starts_on": "2026-01-05", "ends_on": "2026-01-09"},
    )
    assert ImportantPeriod.objects.get().name == "区人代会"


def test_the_run_form_opens_with_todays_date_the_browser_can_show(operator: Client) -> None:
    """The date input showed empty (the value was 「2026年12月4日」, which a browser drops)."""
    from django.utils import timezone

    content = operator.get("/admin/inspection/").content.decode()

    today = timezone.localdate().isoformat()
    assert f'type="date" name="today" value="{today}"' in content


def test_a_second_click_while_an_inspection_is_queued_starts_nothing(
    district: Any, operator: Client
) -> None:
    """A double click on 立即巡检 ran two whole crawls side by side (seen in the browser)."""
    from gongkai.audit.models import AuditEntry
    from gongkai.jobs.models import JobRun

    data = {"today": TODAY.isoformat(), "max_pages": 200}
    first = operator.post("/admin/inspection/", data)  # queued: nothing commits in a test
    second = operator.post("/admin/inspection/", data)

    assert first.status_code == 302
    assert second.status_code == 200
    assert "已有一次巡检待发送" in second.content.decode()
    [job] = JobRun.objects.all()
    assert job.status == JobRun.Status.PENDING and job.arguments[2] == "200"
    assert AuditEntry.objects.filter(action="inspection.request").count() == 1
    page = operator.get("/admin/inspection/").content.decode()
    assert "巡检待发送" in page and f"/admin/jobs/inspect/{job.pk}/" in page
    assert 'class="button" disabled>立即巡检' in page
    assert not InspectionRun.objects.exists()


def test_only_the_operator_may_start_an_inspection(district: Any) -> None:
    from gongkai.jobs.models import JobRun

    client = Client()
    client.force_login(district.user("a", "agency_admin"))
    response = client.post("/admin/inspection/", {"today": TODAY.isoformat(), "max_pages": 5})

    assert response.status_code in (302, 403)
    assert not JobRun.objects.exists()
