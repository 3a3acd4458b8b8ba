"""Every admin history page answers: for the operator, for an agency administrator, and
404 for another agency's object (tenant scoping holds on history too)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import NoReverseMatch, get_resolver, reverse
from wagtail import hooks
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet

from gongkai.applications.services.intake import do_submit_online_application
from tests.test_public_applications import GOOD_ID

TODAY = date(2026, 11, 20)  # the date the services run on, never the machine's

pytestmark = pytest.mark.django_db


def _history_pages() -> list[tuple[str, Any]]:
    """(url name, model) of every model viewset that has a history view."""
    # Loading the URLconf populates the registry once, through Wagtail's own hook;
    # calling populate() here as well registered every viewset's menu item twice.
    get_resolver().url_patterns  # noqa: B018
    pages = []
    for viewset in viewsets.viewsets:
        if not isinstance(viewset, ModelViewSet):
            continue
        name = viewset.get_url_name("history")
        try:
            reverse(name, args=[1])
        except NoReverseMatch:
            continue
        pages.append((name, viewset.model))
    return pages


def _objects(district: Any) -> None:
    """At least one row of every model an admin history page is about, in agency a."""
    do_submit_online_application(
        today=TODAY,
        agency=district.a,
        category="natural_person",
        applicant_name="张三",
        identity_kind="",
        identity_number=GOOD_ID,
        phone="13912345678",
        description="某文件",
        information_form="paper",
        delivery_method="pick_up",
    )


def test_history_pages_exist() -> None:
    names = {name for name, _ in _history_pages()}
    assert "memberships:history" in names
    assert "agencies:history" in names


def test_walking_the_viewsets_registers_no_menu_item_twice() -> None:
    """Enumerating the viewsets must not register them again: a second registration
    showed 机构 and 人员角色 twice in the sidebar of every test run after it."""
    _history_pages()
    _history_pages()
    owners = [
        getattr(fn, "__self__", None)
        for fn in hooks.get_hooks("register_admin_menu_item")
        if isinstance(getattr(fn, "__self__", None), ModelViewSet)
    ]
    prefixes = [owner.url_prefix for owner in owners]
    assert "agencies" in prefixes
    assert len(prefixes) == len(set(prefixes)), sorted(prefixes)


def test_every_history_page_answers(client: Client, district: Any) -> None:
    _objects(district)
    failures = []
    for name, model in _history_pages():
        for obj in model._default_manager.all()[:3]:
            for viewer in (district.operator, district.user("a", "agency_admin")):
                client.force_login(viewer)
                response = client.get(reverse(name, args=[obj.pk]))
                if response.status_code not in {200, 302, 404}:
                    failures.append((name, obj.pk, viewer.username, response.status_code))
    assert not failures, failures


def test_history_of_another_agencys_membership_is_not_found(client: Client, district: Any) -> None:
    from gongkai.agencies.models import Membership

    own = Membership.objects.filter(agency=district.a).first()
    foreign = Membership.objects.filter(agency=district.b).first()
    client.force_login(district.user("a", "agency_admin"))
    assert client.get(reverse("memberships:history", args=[own.pk])).status_code == 200
    assert client.get(reverse("memberships:history", args=[foreign.pk])).status_code == 404
