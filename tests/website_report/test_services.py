"""The website report's services: counted figures, hand entries with sources, final, publish,
and nobody but the operator (or the system) may write."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.audit.context import acting
from gongkai.audit.models import AuditEntry
from gongkai.disclosure.services.catalogue import column_for
from gongkai.rules import website_report as form
from gongkai.site_identity.models import SiteIdentity
from gongkai.website_report.models import WebsiteReport, WebsiteReportStatus
from gongkai.website_report.services import (
    do_enter_website_figures,
    do_mark_website_report_final,
    do_prefill_website_report,
    do_publish_website_report,
    do_reopen_website_report,
)
from tests.website_report.conftest import EXPECTED, TODAY, YEAR, complete_entries


def values(report: WebsiteReport) -> dict[str, Any]:
    return {key: figure["value"] for key, figure in report.figures.items()}


def test_prefilled_figures_match_the_platforms_data(platform: Any) -> None:
    identity = SiteIdentity.load()
    identity.sponsor, identity.site_code = "测试区人民政府办公室", "4201040001"
    identity.save()
    report = do_prefill_website_report(year=YEAR, today=TODAY)
    got = values(report)
    assert {key: got[key] for key in EXPECTED} == EXPECTED
    assert got["sponsor"] == "测试区人民政府办公室" and got["site_code"] == "4201040001"
    assert got["filled_on"] == "2026-01-20" and got["accessibility"] == form.YES
    assert "icp_number" not in got  # an empty setting gives no figure
    sources = {key: figure["source"] for key, figure in report.figures.items()}
    assert sources["catalogue_updates"] == "平台统计：2025年首次发布且仍公开的政府信息公开目录条目"
    assert "巡检" in sources["issues_fixed"] and "核减" in sources["issues_found"]
    assert all(figure["by"] == "platform" for figure in report.figures.values())
    entry = AuditEntry.objects.filter(action="website_report.create").get()
    assert entry.object_id == str(report.pk)


def test_refresh_keeps_hand_figures_and_recounts_the_rest(platform: Any) -> None:
    report = do_prefill_website_report(year=YEAR, today=TODAY)
    do_enter_website_figures(
        website_report=report,
        entries={
            "issues_found": (5, "第三方安全检测报告（2025年）"),
            "page_views": ("1200000", "网站统计系统导出数据"),
        },
    )
    platform.publish(
        column_for(agency=platform.district.a, key="regulations"), on=date(2025, 11, 1)
    )
    report = do_prefill_website_report(year=YEAR, today=date(2026, 1, 25))
    got = values(report)
    assert got["catalogue_updates"] == EXPECTED["catalogue_updates"] + 1
    assert got["issues_found"] == 5 and got["page_views"] == 1200000
    assert report.figures["page_views"] == {
        "value": 1200000,
        "source": "网站统计系统导出数据",
        "by": "hand",
    }
    assert got["filled_on"] == "2026-01-25"
    actions = list(
        AuditEntry.objects.filter(action__startswith="website_report.").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == [
        "website_report.create",
        "website_report.figures",
        "website_report.refresh",
    ]


def test_hand_entries_are_checked_all_or_none(db: None) -> None:
    report = do_prefill_website_report(year=YEAR, today=TODAY)
    with pytest.raises(ValidationError) as refused:
        do_enter_website_figures(
            website_report=report,
            entries={
                "registered_users": ("3000", ""),
                "messages_days": ("2.345", "留言办理系统"),
                "site_type": ("门户网站", "网站开办审核文件"),
                "surveys": ("4", "征集调查系统"),
            },
        )
    errors = refused.value.message_dict
    assert errors["registered_users"] == ["“办事服务·注册用户数”须注明数据来源。"]
    assert errors["messages_days"] == ["“互动交流·留言办理·平均办理时间”最多保留两位小数。"]
    assert "政府门户网站、部门网站、专项网站" in errors["site_type"][0]
    report.refresh_from_db()
    assert "surveys" not in report.figures  # nothing of a refused form is kept


def test_final_is_refused_while_a_figure_lacks_a_value_or_a_source(platform: Any) -> None:
    report = do_prefill_website_report(year=YEAR, today=TODAY)
    entries = complete_entries()
    del entries["smart_qa"]
    report = do_enter_website_figures(website_report=report, entries=entries)
    figures = dict(report.figures)
    figures["page_views"] = {"value": 10, "source": " ", "by": "hand"}  # as an old row might be
    WebsiteReport.objects.filter(pk=report.pk).update(figures=figures)
    with pytest.raises(ValidationError) as refused:
        do_mark_website_report_final(website_report=report)
    assert refused.value.messages == [
        "尚有2项未填写数值或未注明数据来源，不能定稿：基本信息·网站总访问量、互动交流·是否提供智能问答。"
    ]
    report.refresh_from_db()
    assert report.status == WebsiteReportStatus.DRAFT


def test_final_is_refused_while_a_total_is_smaller_than_its_parts(db: None) -> None:
    report = do_prefill_website_report(year=YEAR, today=TODAY)  # no catalogue: no 解读
    entries = complete_entries()
    entries["interpretation_products"] = (3, "政策解读台账")
    entries["cases_total"] = (10, "办件台账")  # 自然人 5 + 法人 7
    report = do_enter_website_figures(website_report=report, entries=entries)
    with pytest.raises(ValidationError) as refused:
        do_mark_website_report_final(website_report=report)
    assert refused.value.messages == [
        "报表数据不一致，不能定稿："
        "“解读回应·解读信息发布·总数”为0，小于其中解读材料数量、解读产品数量、媒体评论文章数量之和3。"
        "“办事服务·办件量·总数”为10，小于其中自然人办件量、法人办件量之和12。"
    ]


def test_final_freezes_and_publish_dates_the_report(platform: Any) -> None:
    report = do_prefill_website_report(year=YEAR, today=TODAY)
    do_enter_website_figures(website_report=report, entries=complete_entries())
    report = do_mark_website_report_final(website_report=report)
    assert report.status == WebsiteReportStatus.FINAL
    with pytest.raises(ValidationError, match="已定稿"):
        do_enter_website_figures(website_report=report, entries={"surveys": (1, "系统")})
    with pytest.raises(ValidationError, match="已定稿"):
        do_prefill_website_report(year=YEAR, today=TODAY)
    report = do_reopen_website_report(website_report=report)
    do_enter_website_figures(website_report=report, entries={"surveys": (3, "征集调查系统")})
    report = do_mark_website_report_final(website_report=report)
    report = do_publish_website_report(website_report=report, today=date(2026, 1, 28))
    assert (report.status, report.published_on) == ("published", date(2026, 1, 28))
    assert list(WebsiteReport.objects.published()) == [report]
    with pytest.raises(ValidationError, match="已发布"):
        do_reopen_website_report(website_report=report)
    publish = AuditEntry.objects.get(action="website_report.publish")
    assert "期限" not in publish.summary  # before 31 January


def test_a_late_publication_says_so(platform: Any) -> None:
    report = do_prefill_website_report(year=YEAR, today=TODAY)
    do_enter_website_figures(website_report=report, entries=complete_entries())
    do_mark_website_report_final(website_report=report)
    do_publish_website_report(website_report=report, today=date(2026, 2, 3))
    publish = AuditEntry.objects.get(action="website_report.publish")
    assert "晚于2026年1月31日的期限" in publish.summary


def test_a_year_not_yet_begun_is_refused(db: None) -> None:
    with pytest.raises(ValidationError, match="2017年至2026年"):
        do_prefill_website_report(year=2027, today=TODAY)


@pytest.mark.parametrize("who", ["agency_admin", "disclosure_officer", "editor", "anonymous"])
def test_only_the_operator_writes(district: Any, who: str) -> None:
    report = do_prefill_website_report(year=YEAR, today=TODAY)
    actor = AnonymousUser() if who == "anonymous" else district.user("a", who)
    before = AuditEntry.objects.count()
    calls = [
        lambda: do_prefill_website_report(year=YEAR, today=TODAY),
        lambda: do_enter_website_figures(website_report=report, entries={"surveys": (1, "表")}),
        lambda: do_mark_website_report_final(website_report=report),
        lambda: do_reopen_website_report(website_report=report),
        lambda: do_publish_website_report(website_report=report, today=TODAY),
    ]
    with acting(actor=actor):
        for call in calls:
            with pytest.raises(PermissionDenied):
                call()
    assert AuditEntry.objects.count() == before
    with acting(actor=district.operator):
        do_enter_website_figures(website_report=report, entries={"surveys": (1, "征集调查系统")})
    entry = AuditEntry.objects.get(action="website_report.figures")
    assert entry.actor_name == "operator"


def test_without_any_context_nobody_writes(db: None) -> None:
    import contextvars

    def prefill() -> None:
        do_prefill_website_report(year=YEAR, today=TODAY)

    with pytest.raises(PermissionDenied):
        contextvars.Context().run(prefill)
    assert not WebsiteReport.objects.exists()
