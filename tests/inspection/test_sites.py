"""Listed sites and their columns: typed in or imported, on the site itself, operator only."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from gongkai.audit.context import acting
from gongkai.audit.models import AuditEntry
from gongkai.inspection.alerts import raise_alerts
from gongkai.inspection.models import InspectionAlert, InspectionRun, ListedSite
from gongkai.inspection.sites import do_add_column, do_import_columns, do_list_site

SITE = "https://jyj.example.gov.cn/"


@pytest.fixture
def site(district: Any) -> ListedSite:
    with acting(actor=district.operator):
        return do_list_site(url=SITE + "index.html", name="教育局网站", agency=district.a)


def test_a_site_is_listed_by_its_root_once(site: ListedSite, district: Any) -> None:
    assert site.url == SITE
    with acting(actor=district.operator), pytest.raises(ValidationError, match="已在巡检清单"):
        do_list_site(url=SITE, name="重复")
    for actor in (AnonymousUser(), district.user("a", "agency_admin")):
        with acting(actor=actor), pytest.raises(PermissionDenied):
            do_list_site(url="https://mzj.example.gov.cn/", name="民政局网站")
    assert AuditEntry.objects.filter(action="inspection.site.add").count() == 1


def test_columns_typed_in_or_imported_must_be_on_the_site(site: ListedSite, district: Any) -> None:
    with acting(actor=district.operator):
        do_add_column(site=site, url=SITE + "tzgg/", name="通知公告", kind="通知公告")
        with pytest.raises(ValidationError, match="不属于网站"):
            do_add_column(site=site, url="https://other.example/x/", name="外站", kind="其他")
        with pytest.raises(ValidationError, match="类别“新闻”无效"):
            do_add_column(site=site, url=SITE + "xw/", name="新闻", kind="新闻")
        with pytest.raises(ValidationError, match=r"第3行的网址.*不属于网站"):
            do_import_columns(
                site=site,
                content=f"url,name,kind\n{SITE}xw/,新闻,动态要闻\nhttps://x.example/,外,其他\n",
            )
        assert site.columns.count() == 1  # a refused file changes nothing
        assert (
            do_import_columns(site=site, content=f"url,name,kind\n{SITE}xw/,新闻,动态要闻\n") == 1
        )
    assert list(site.columns.values_list("name", "kind")) == [("新闻", "动态要闻")]
    with acting(actor=district.user("a", "agency_admin")), pytest.raises(PermissionDenied):
        do_add_column(site=site, url=SITE + "rs/", name="人事", kind="人事规划")


def test_an_item_at_risk_is_alerted_to_operator_and_agency(site: ListedSite, district: Any) -> None:
    run = InspectionRun.objects.create(
        inspected_on=date(2026, 6, 15),
        sites=[SITE],
        veto=[
            {
                "site": SITE,
                "indicator": "栏目不更新",
                "passed": True,
                "evidence": "…",
                "at_risk": True,
            },
            {"site": SITE, "indicator": "首页不更新", "passed": True, "evidence": "…"},
        ],
    )
    client = Client()
    client.force_login(district.operator)
    panel = client.get(f"/admin/inspection/runs/{run.pk}/").content.decode()
    assert "合格（接近否决线）" in panel
    assert raise_alerts(run=run, today=date(2026, 6, 15)) == 2
    [subject] = set(InspectionAlert.objects.values_list("subject", flat=True))
    assert subject == f"【巡检预警】{SITE} 单项否决指标“栏目不更新”接近否决线"
    assert set(InspectionAlert.objects.values_list("recipient", flat=True)) == {
        district.operator.pk,
        district.user("a", "disclosure_officer").pk,
    }
