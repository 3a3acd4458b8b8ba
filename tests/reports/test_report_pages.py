"""The report editor in the back office and the published report on the portal."""

from __future__ import annotations

import io

import docx
import pytest
from django.urls import reverse

from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.reports.narrative import OVERVIEW_PARTS
from gongkai.reports.proactive import figure_cells


@pytest.fixture
def report_id(client, district) -> int:
    client.force_login(district.user("a", "editor"))
    response = client.post(reverse("reports_new"), {"agency": district.a.pk, "year": 2025})
    assert response.status_code == 302, response.content.decode()
    return AnnualReport.objects.get(agency=district.a, year=2025).pk


def figures_post(value: str = "0", source: str = "本机关无此职责") -> dict[str, str]:
    data = {}
    for cell in figure_cells("2021"):
        data[f"{cell.row.key}.{cell.column.key}.value"] = value
        data[f"{cell.row.key}.{cell.column.key}.source"] = source
    return data


def narrative_post(**overrides: str) -> dict[str, str]:
    data = {f"{p.key}__heading": p.heading for p in OVERVIEW_PARTS}
    data.update({f"{p.key}__text": "" for p in OVERVIEW_PARTS})
    data.update({"proactive_note": "", "applications_note": "", "appeals_note": ""})
    data.update({"problems": "", "other": ""})
    data.update(overrides)
    return data


def test_editor_shows_findings_sentences_and_is_scoped(client, district, report_id) -> None:
    page = client.get(reverse("reports_editor", args=[report_id]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "表二尚有10项数字未填报" in text
    assert "本年度收到依申请公开申请0件。" in text
    assert "申请人情况" in text  # the preview
    listing = client.get(reverse("annual_reports:index"))
    assert "2025年度政府信息公开工作年度报告" in listing.content.decode()
    client.force_login(district.user("b", "agency_admin"))
    assert client.get(reverse("reports_editor", args=[report_id])).status_code == 404
    assert client.get(reverse("reports_file", args=[report_id, "pdf"])).status_code == 404
    assert "2025年度" not in client.get(reverse("annual_reports:index")).content.decode()
    response = client.post(reverse("reports_narrative", args=[report_id]), narrative_post())
    assert response.status_code == 404


def test_figure_errors_stay_on_the_form_and_save_nothing(client, district, report_id) -> None:
    data = figures_post()
    data["licensing.decisions.value"] = "1.5"
    page = client.post(reverse("reports_figures", args=[report_id]), data)
    assert page.status_code == 200
    assert "是件数，应为整数" in page.content.decode()
    assert not AnnualReport.objects.get(pk=report_id).proactive_figures.exists()


def test_whole_flow_through_the_pages_to_the_portal(client, district, report_id) -> None:
    assert (
        client.post(reverse("reports_figures", args=[report_id]), figures_post()).status_code == 302
    )
    response = client.post(
        reverse("reports_narrative", args=[report_id]),
        narrative_post(
            problems="主动公开的简报信息还不够。",
            other="无。",
            **{f"{p.key}__text": f"{p.heading}的文字。" for p in OVERVIEW_PARTS},
        ),
    )
    assert response.status_code == 302
    client.post(reverse("reports_act", args=[report_id, "submit"]), {"comment": ""})
    public = reverse("reports_public:report", args=[district.a.code, 2025])
    assert client.get(public).status_code == 404  # not published yet
    client.force_login(district.user("a", "first_reviewer"))
    refused = client.post(reverse("reports_act", args=[report_id, "reject"]), {"comment": ""})
    assert "退回修改须写明意见" in refused.content.decode()
    for role in ("first_reviewer", "second_reviewer", "final_approver"):
        client.force_login(district.user("a", role))
        client.post(reverse("reports_act", args=[report_id, "approve"]), {"comment": "同意"})
    client.post(reverse("reports_act", args=[report_id, "final"]), {"comment": ""})
    report = AnnualReport.objects.get(pk=report_id)
    assert report.status == ReportStatus.FINAL

    client.logout()
    page = client.get(public)
    html = page.content.decode()
    assert page.status_code == 200
    assert '<th colspan="7" scope="colgroup"' in html
    assert "本列数据的勾稽关系为" in html
    assert "主动公开的简报信息还不够。" in html
    assert f'href="{public}report.pdf"' in html
    assert f'src="{public}tujie.svg"' in html and f'href="{public}tujie.png"' in html
    assert "<dt>表二 行政许可·本年处理决定数量</dt><dd>本机关无此职责</dd>" in html
    assert (
        "测试区教育局2025年度政府信息公开工作年度报告"
        in client.get(reverse("reports_public:index")).content.decode()
    )
    pdf = client.get(public + "report.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    assert "attachment" in pdf["Content-Disposition"]
    document = docx.Document(io.BytesIO(client.get(public + "report.docx").content))
    assert document.tables[1].cell(3, 3).text == "0"
    assert client.get(public + "report.exe").status_code == 404
