"""The demo catalogue: years of history loaded in bulk, drafts waiting in the chain."""

from __future__ import annotations

from datetime import date

import pytest
from wagtail.models import Page

from gongkai.audit.context import acting
from gongkai.demo.build import AGENCIES, build_demo
from gongkai.demo.catalogue import build_demo_catalogue
from gongkai.disclosure.models import CatalogueEntryPage
from gongkai.disclosure.publication import blocking_findings_for
from gongkai.rules.catalogue import parse_index_number

TODAY = date(2026, 11, 20)


@pytest.mark.django_db
def test_demo_catalogue() -> None:
    with acting():
        build_demo()
        created = build_demo_catalogue(today=TODAY, per_year=4)
        assert build_demo_catalogue(today=TODAY, per_year=4) == 0  # idempotent
    assert created > len(AGENCIES) * 4 * 5
    assert Page.find_problems() == ([], [], [], [], [])  # the bulk-built tree is sound
    live = CatalogueEntryPage.objects.filter(live=True)
    assert live.values("agency").distinct().count() == len(AGENCIES)
    years = {d.year for d in live.values_list("published_on", flat=True)}
    assert years >= {2021, 2022, 2023, 2024, 2025}
    numbers = list(live.values_list("index_number", "agency__code", "published_on"))
    assert len({n for n, _, _ in numbers}) == len(numbers)
    for number, code, published in numbers:
        assert parse_index_number(number)[:2] == (code, published.year)
    assert live.filter(validity__in=["abolished", "expired"]).exists()
    # The page serves through Wagtail's routing like any other.
    entry = live.first()
    assert entry.url.endswith("/") and entry.get_parent().specific.title
    # Four drafts in the chain; the last one is held by the screening at final approval.
    drafts = CatalogueEntryPage.objects.filter(live=False).order_by("pk")
    steps = [d.current_workflow_task.name for d in drafts]
    assert steps == ["科室负责人初审", "保密审查", "分管领导审核", "主要负责人把关"]
    held = drafts.last()
    assert blocking_findings_for(held, revision=held.get_latest_revision())
