"""Shared fixtures: two agencies with staff in every role, and the operator."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from gongkai.agencies.models import AGENCY_ROLES, Agency, AgencyKind, Role
from gongkai.agencies.services import do_create_agency, do_create_staff_user
from gongkai.demo.codes import demo_code
from gongkai.portal.caching import touch_catalogue_version

PASSWORD = "Test-Passw0rd!"

# The fake SMS gateway on loopback (``sms_gateway``), for notices' tests.
pytest_plugins = ["tests.sms_gateway"]


@dataclass
class District:
    a: Agency
    b: Agency
    staff: dict[tuple[str, str], Any]  # (agency slug "a"/"b", role) → user
    operator: Any  # the system administrator of 三员分立
    security_admin: Any
    audit_admin: Any

    def user(self, agency: str, role: str) -> Any:
        return self.staff[(agency, role)]


@pytest.fixture(autouse=True)
def _acting_as_system() -> Iterator[None]:
    """Tests build their data as the server's shell does: as the system actor.

    Without a context every service refuses (nobody may act); a test about a user's
    rights enters ``acting(actor=user)``, and web requests set their own actor.
    """
    from gongkai.audit.context import SYSTEM, acting

    with acting(actor=SYSTEM):
        yield


@pytest.fixture(autouse=True)
def _fresh_catalogue_version() -> None:
    """Each test starts from another database state: nothing kept per version carries over.

    In a running system every change to public data commits and moves the version; a
    test's rolled-back transaction never commits, so the version is moved here.
    """
    touch_catalogue_version()


@pytest.fixture(autouse=True)
def _screen_revisions_now(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each saved revision of an entry is screened at once, as the worker would do after
    the commit a test never makes; ``@pytest.mark.unscreened`` keeps the real queueing
    (the verdict then stays missing, as before the worker runs)."""
    if request.node.get_closest_marker("unscreened"):
        return
    from gongkai.disclosure import verdicts

    monkeypatch.setattr(verdicts, "schedule_screening", verdicts.screen_revision)


def make_code(serial: int) -> str:
    return demo_code(authority_and_kind="11", division="420104", serial=serial)


@pytest.fixture
def district(db: None) -> District:
    """Agencies without their catalogue branches: building 20 Wagtail pages per agency costs
    seconds, and only the catalogue's tests need them (the ``catalogue`` fixture)."""
    from gongkai.agencies.signals import agency_created

    with agency_created.muted():
        return _district()


def _district() -> District:
    root = do_create_agency(code=make_code(1), name="测试区人民政府", kind=AgencyKind.GOVERNMENT)
    a = do_create_agency(code=make_code(2), name="测试区教育局", short_name="教育局", parent=root)
    b = do_create_agency(code=make_code(3), name="测试区民政局", short_name="民政局", parent=root)
    staff = {}
    for slug, agency in (("a", a), ("b", b)):
        for role in AGENCY_ROLES:
            staff[(slug, role.value)] = do_create_staff_user(
                username=f"{slug}_{role.value}",
                password=PASSWORD,
                full_name=f"{slug}{role.label}",
                agency=agency,
                roles=[role],
            )
    names = {Role.OPERATOR: "运营", Role.SECURITY_ADMIN: "安全", Role.AUDIT_ADMIN: "审计"}
    platform = {
        role: do_create_staff_user(
            username=role.value, password=PASSWORD, full_name=name, agency=root, roles=[role]
        )
        for role, name in names.items()
    }
    return District(
        a=a,
        b=b,
        staff=staff,
        operator=platform[Role.OPERATOR],
        security_admin=platform[Role.SECURITY_ADMIN],
        audit_admin=platform[Role.AUDIT_ADMIN],
    )


@pytest.fixture
def catalogue(district: District) -> District:
    """The district with the catalogue branches every new agency normally gets."""
    from gongkai.disclosure.services.catalogue import ensure_agency_catalogue

    for agency in (district.a.parent, district.a, district.b):
        ensure_agency_catalogue(agency=agency)
    return district


@pytest.fixture
def user_model() -> Any:
    return get_user_model()


def _days(first: Any, last: Any) -> frozenset[Any]:
    from datetime import timedelta

    return frozenset(first + timedelta(days=n) for n in range((last - first).days + 1))


def next_year_schedule() -> Any:
    """A 2027 schedule for running the suite with the clock in 2027.

    NOT the State Council's 2027 notice (not available when this was written): a
    stand-in with the usual shape (元旦, 春节 with a Sunday worked, 劳动节, 国庆节 with
    a Sunday and a Saturday worked), so dates across it are plausible.
    """
    from datetime import date

    from gongkai.rules.workdays import YearSchedule

    holidays = {
        "元旦": _days(date(2027, 1, 1), date(2027, 1, 3)),
        "春节": _days(date(2027, 2, 6), date(2027, 2, 12)),
        "劳动节": _days(date(2027, 5, 1), date(2027, 5, 5)),
        "国庆节": _days(date(2027, 10, 1), date(2027, 10, 7)),
    }
    workdays = {date(2027, 2, 14): "春节", date(2027, 4, 25): "劳动节"}
    workdays |= {date(2027, 9, 26): "国庆节", date(2027, 10, 9): "国庆节"}
    names = {d: name for name, days in holidays.items() for d in days} | workdays
    return YearSchedule(
        year=2027,
        holidays=frozenset().union(*holidays.values()),
        workdays=frozenset(workdays),
        source="测试用2027年安排（非国务院通知原文）",
        names=names,
    )


@pytest.fixture
def schedule_2027(db: None) -> Any:
    """Loads the stand-in 2027 schedule (and the bundled years) as the operator's loader would."""
    from datetime import date

    from gongkai.workcalendar.services import do_load_schedule, seed_bundled_schedules

    seed_bundled_schedules(today=date(2027, 1, 4))
    schedule = next_year_schedule()
    return do_load_schedule(schedule=schedule, names=dict(schedule.names), today=date(2027, 1, 4))
