"""Reads of the catalogue with domain names: table 二 figures, Art. 26 lateness, column
health, and agencies whose 机构信息 or guide contacts leave something out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Max, Q

from gongkai.disclosure.models import AgencyCataloguePage, CatalogueEntryPage, ColumnPage
from gongkai.rules.catalogue import (
    DECISION_TYPES_IN_REPORT,
    DOCUMENT_TYPES_IN_REPORT,
    MANDATORY_COLUMNS,
    ORGANISATION_COLUMN_KEY,
    Validity,
    publication_due,
)
from gongkai.rules.workdays import UnknownYearError, waiting_for_year
from gongkai.workcalendar.selectors import working_calendar

ENDED = [Validity.ABOLISHED.value, Validity.EXPIRED.value]
# 机构信息 is judged by its items (information_gaps), not by the entries its column lists.
MANDATORY_KEYS = [c.key for c in MANDATORY_COLUMNS if c.key != ORGANISATION_COLUMN_KEY]


def proactive_counts(*, agency_ids: list[int], year: int) -> dict[str, dict[str, int]]:
    """Table 二's counts from the catalogue, for one agency or summed over many.

    A document is *issued* in the year it was published, *abolished* in the year its
    abolition or expiry took effect, and *in force* at year end when published by then and
    not ended by then. Decisions count by publication in the year.
    """
    start, end = date(year, 1, 1), date(year, 12, 31)
    entries = CatalogueEntryPage.objects.filter(agency_id__in=agency_ids, live=True)
    result: dict[str, dict[str, int]] = {}
    doc_types = list(DOCUMENT_TYPES_IN_REPORT)
    rows = (
        entries.filter(info_type__in=doc_types)
        .order_by()  # Page's default ordering (path) would split the groups
        .values("info_type")
        .annotate(
            issued=Count("pk", filter=Q(published_on__range=(start, end))),
            abolished=Count(
                "pk", filter=Q(validity__in=ENDED, validity_changed_on__range=(start, end))
            ),
            in_force=Count(
                "pk",
                filter=Q(published_on__lte=end)
                & ~Q(validity__in=ENDED, validity_changed_on__lte=end),
            ),
        )
    )
    by_type = {row["info_type"]: row for row in rows}
    for info_type, key in DOCUMENT_TYPES_IN_REPORT.items():
        row = by_type.get(info_type.value, {})
        result[key] = {k: row.get(k, 0) for k in ("issued", "abolished", "in_force")}
    decisions = dict(
        entries.filter(
            info_type__in=list(DECISION_TYPES_IN_REPORT), published_on__range=(start, end)
        )
        .order_by()
        .values_list("info_type")
        .annotate(n=Count("pk"))
    )
    for info_type, key in DECISION_TYPES_IN_REPORT.items():
        result[key] = {"decisions": decisions.get(info_type.value, 0)}
    return result


@dataclass(frozen=True)
class LateEntry:
    entry: Any
    due: date
    published: date | None
    days_late: int  # calendar days past ``due``: to publication, or to today if unpublished


@dataclass(frozen=True)
class WaitingEntry:
    """An entry whose Art. 26 date runs into a year with no holiday schedule loaded.

    Reported, not skipped: whether it is late cannot be told until that year is loaded.
    """

    entry: Any
    waits_for_year: int
    published: date | None

    @property
    def due_text(self) -> str:
        return waiting_for_year(self.waits_for_year)


@dataclass(frozen=True)
class Lateness:
    late: list[LateEntry]
    waiting: list[WaitingEntry]


def late_entries(*, agency_ids: list[int], today: date, since: date | None = None) -> Lateness:
    """Entries published, or still waiting, past Art. 26's 20 working days.

    An entry whose date runs into a year without a schedule is due no earlier than
    1 January of that year: published (or still unpublished today) before then, it is
    not late; otherwise it is listed as waiting for that year, never left out.
    """
    calendar = working_calendar()
    since = since or today - timedelta(days=366)
    late: list[LateEntry] = []
    waiting: list[WaitingEntry] = []
    entries = (
        CatalogueEntryPage.objects.filter(agency_id__in=agency_ids, formed_on__gte=since)
        .only("title", "formed_on", "published_on", "live", "agency_id", "url_path")
        .order_by("formed_on")
    )
    for entry in entries:
        published = entry.published_on
        try:
            due = publication_due(formed_on=entry.formed_on, calendar=calendar)
        except UnknownYearError as error:
            if (published or today) >= date(error.year, 1, 1):
                waiting.append(WaitingEntry(entry, waits_for_year=error.year, published=published))
            continue
        if (published and published > due) or (not published and today > due):
            days = ((published or today) - due).days
            late.append(LateEntry(entry=entry, due=due, published=published, days_late=days))
    return Lateness(late=late, waiting=waiting)


@dataclass(frozen=True)
class ColumnHealth:
    column: ColumnPage
    entries: int
    last_published: date | None

    @property
    def empty(self) -> bool:
        return self.entries == 0

    def stale(self, today: date) -> bool:
        if self.last_published is None:
            return True
        return (today - self.last_published).days > self.column.stale_after_days


def column_health(*, agency_ids: list[int]) -> list[ColumnHealth]:
    """Mandatory columns with their entry count and last publication: empty and stale
    columns are 单项否决 items of the site inspection (LAW.md §4.1)."""
    branches = AgencyCataloguePage.objects.filter(agency_id__in=agency_ids)
    health = []
    for branch in branches:
        columns = ColumnPage.objects.child_of(branch).filter(key__in=MANDATORY_KEYS)
        for column in columns:
            stats = (
                CatalogueEntryPage.objects.descendant_of(column)
                .filter(live=True)
                .aggregate(n=Count("pk"), last=Max("published_on"))
            )
            health.append(
                ColumnHealth(column=column, entries=stats["n"], last_published=stats["last"])
            )
    return health


@dataclass(frozen=True)
class InformationGap:
    """An agency whose published 机构信息 (Art. 20 (二)) or whose guide's contacts and
    remedy bodies (Art. 12, Art. 51) leave items out, named as the articles name them."""

    branch: AgencyCataloguePage
    organisation: list[str]
    guide: list[str]

    @property
    def agency(self) -> Any:
        return self.branch.agency


def information_gaps(*, agency_ids: list[int]) -> list[InformationGap]:
    """Agencies with an empty 机构信息 item or guide contact, in the tree's order."""
    from gongkai.disclosure.guide import missing_guide_items

    gaps = []
    branches = (
        AgencyCataloguePage.objects.filter(agency_id__in=agency_ids)
        .select_related("agency")
        .prefetch_related("leadership", "departments")
        .order_by("path")
    )
    for branch in branches:
        organisation = branch.missing_organisation_items()
        guide = missing_guide_items(branch.agency)
        if organisation or guide:
            gaps.append(InformationGap(branch=branch, organisation=organisation, guide=guide))
    return gaps
