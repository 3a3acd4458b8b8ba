"""Schedules, probes and alerts: decisions on a given moment, alerts through the outbox."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from gongkai.inspection.alerts import deliver_alerts
from gongkai.inspection.models import (
    AvailabilityProbe,
    Finding,
    InspectionAlert,
    ListedColumn,
    ListedSite,
)
from gongkai.inspection.probes import probe_sites, stored_reachability
from gongkai.inspection.runner import run_inspection
from gongkai.inspection.schedule import Period, inspection_due, reinforcement
from gongkai.rules.site_inspection import DAILY_INSPECTION_HOUR, REINFORCED_INSPECTION_HOURS
from gongkai.rules.workdays import WorkingDayCalendar
from gongkai.workcalendar import bundled
from tests.inspection.conftest import TODAY
from tests.inspection.site import Site, free_port, serving

CALENDAR = WorkingDayCalendar([bundled.bundled_schedule(2026)])
CONGRESS = Period("区人代会", date(2026, 1, 5), date(2026, 1, 9))


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 5)


def test_daily_on_ordinary_days_reinforced_over_holidays_and_marked_periods() -> None:
    ordinary = date(2026, 6, 16)  # a Tuesday
    assert reinforcement(ordinary, calendar=CALENDAR, periods=[CONGRESS]) is None
    hours = [
        h for h in range(24) if inspection_due(_at(ordinary, h), calendar=CALENDAR, periods=[])
    ]
    assert hours == [DAILY_INSPECTION_HOUR]

    national_day = date(2026, 10, 2)
    assert reinforcement(national_day, calendar=CALENDAR, periods=[]) == "节假日：国庆节"
    hours = [
        h for h in range(24) if inspection_due(_at(national_day, h), calendar=CALENDAR, periods=[])
    ]
    assert hours == list(REINFORCED_INSPECTION_HOURS)

    congress_day = date(2026, 1, 7)
    assert (
        reinforcement(congress_day, calendar=CALENDAR, periods=[CONGRESS]) == "重要时期：区人代会"
    )
    assert inspection_due(_at(congress_day, 14), calendar=CALENDAR, periods=[CONGRESS])
    assert not inspection_due(_at(congress_day, 14), calendar=CALENDAR, periods=[])
    # A year without a loaded calendar is not guessed: only marked periods reinforce.
    assert reinforcement(date(2031, 10, 2), calendar=CALENDAR, periods=[]) is None


def test_probes_are_stored_and_judged_over_the_week(db: None) -> None:
    site = Site()
    with serving(site):
        site.html("/", "<p>首页</p>")
        dead = f"http://127.0.0.1:{free_port()}/"
        up, down = probe_sites([site.base + "/", dead])
    assert up.ok and up.status == 200
    assert not down.ok and "无法连接" in down.error
    today = timezone.localdate()
    assert stored_reachability(site.base + "/", today=today) == (1, 0)
    assert stored_reachability(dead, today=today) == (1, 1)
    old = timezone.now() - timedelta(days=8)
    AvailabilityProbe.objects.create(site=dead, probed_at=old, ok=False)
    assert stored_reachability(dead, today=today) == (1, 1)  # outside the week


@pytest.fixture
def listed(planted, district: Any) -> Any:
    site, _ = planted
    listed = ListedSite.objects.create(url=site.base + "/", name="教育局网站", agency=district.a)
    for url, name, kind in (
        ("/news/", "工作动态", "动态要闻"),
        ("/notices/", "通知公告", "通知公告"),
        ("/policy/", "政策文件", "政策文件"),
        *((f"/empty{i}/", f"空栏目{i}", "其他") for i in range(1, 6)),
    ):
        ListedColumn.objects.create(site=listed, url=site.base + url, name=name, kind=kind)
    return site


def test_run_alerts_operator_and_owning_agency_once(listed: Any, district: Any, settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for user in (district.operator, district.user("a", "disclosure_officer")):
        user.email = f"{user.username}@example.test"
        user.save()
    for minute in range(20):
        AvailabilityProbe.objects.create(
            site=listed.base + "/",
            probed_at=timezone.make_aware(datetime(2026, 6, 14, 10, minute)),
            ok=minute != 0,
        )
    run = run_inspection(today=TODAY, delay=0)
    assert run.vetoed
    reachability = next(v for v in run.veto if v["indicator"] == "站点无法访问")
    assert reachability["passed"] is False and "探测20次" in reachability["evidence"]
    assert Finding.objects.filter(type="empty_column", agency=district.a).count() == 5
    alerts = InspectionAlert.objects.all()
    recipients = set(alerts.values_list("recipient", flat=True))
    assert recipients == {district.operator.pk, district.user("a", "disclosure_officer").pk}
    subjects = set(alerts.values_list("subject", flat=True))
    assert any("栏目不更新" in s for s in subjects)
    assert any("个人信息：手机号码" in s for s in subjects)
    assert not any(district.user("b", "disclosure_officer").pk == r for r in recipients)
    assert all("13812345678" not in a.body for a in alerts)  # evidence stays masked
    count = alerts.count()
    run_inspection(today=TODAY, delay=0)
    assert InspectionAlert.objects.count() == count  # nothing raised twice
    assert deliver_alerts() == count
    assert len(mail.outbox) == count
    assert deliver_alerts() == 0


def test_items_one_step_from_failing_are_at_risk() -> None:
    from gongkai.rules.site_inspection import judge_columns, judge_homepage, judge_reachability

    assert judge_columns(stale=["a"] * 4, long_stale=[], empty=[]).at_risk
    assert not judge_columns(stale=["a"] * 3, long_stale=[], empty=[]).at_risk
    assert judge_columns(stale=[], long_stale=[], empty=["e"] * 4).as_dict()["at_risk"] is True
    assert "at_risk" not in judge_columns(stale=[], long_stale=[], empty=[]).as_dict()
    assert judge_reachability(probes=100, failures=3).at_risk
    assert not judge_reachability(probes=100, failures=2).at_risk
    assert not judge_reachability(probes=100, failures=5).at_risk  # failed, not at risk
    today = date(2026, 6, 15)
    assert judge_homepage(newest=date(2026, 6, 2), today=today, url="/").at_risk
    assert not judge_homepage(newest=date(2026, 6, 10), today=today, url="/").at_risk
