"""Shared fixtures: two agencies with staff in every role, and the operator."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from gongkai.agencies.models import Agency, AgencyKind, Role
from gongkai.agencies.services import do_create_agency, do_create_staff_user
from gongkai.demo.codes import demo_code
from gongkai.portal.caching import touch_catalogue_version

PASSWORD = "Test-Passw0rd!"


@dataclass
class District:
    a: Agency
    b: Agency
    staff: dict[tuple[str, str], Any]  # (agency slug "a"/"b", role) → user
    operator: Any

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
        for role in Role:
            if role == Role.OPERATOR:
                continue
            staff[(slug, role.value)] = do_create_staff_user(
                username=f"{slug}_{role.value}",
                password=PASSWORD,
                full_name=f"{slug}{role.label}",
                agency=agency,
                roles=[role],
            )
    operator = do_create_staff_user(
        username="operator", password=PASSWORD, full_name="运营", agency=root, roles=[Role.OPERATOR]
    )
    return District(a=a, b=b, staff=staff, operator=operator)


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
