"""Sections 三, 四 and 六 of the annual report, counted from the applications themselves.

The closed enums mirror the report (applicant categories are its columns,
outcomes its rows), so the table is a GROUP BY — and 一 + 二 = 三(七) + 四
holds by construction: an application received by 31 December and still open
on 1 January is either closed during the year (a result row) or still open at
its end (row 四).

Every count is grouped by agency as well, so a district roll-up over a hundred
agencies costs the same handful of queries as one agency's report: the
``*_by_agency`` functions return one table per agency id, and the single-table
functions add those up.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db.models import Count, F, Q, Sum

from gongkai.agencies.models import Agency
from gongkai.applications.models import Appeal, Application, ClockEvent
from gongkai.reports.sums import sum_figures
from gongkai.rules.application_clock import EventKind, Phase
from gongkai.rules.outcomes import TRIAL_2019_ROW_FOR, ApplicantCategory
from gongkai.rules.report_format import empty_tables, format_for_year

COLUMNS = [c.value for c in ApplicantCategory]
Table = dict[str, dict[str, int]]


def _ids(agencies: Sequence[Agency]) -> list[int]:
    return [agency.pk for agency in agencies]


def applications_tables_by_year(
    *, agencies: Sequence[Agency], years: Sequence[int]
) -> dict[int, dict[int, Table]]:
    """Table 三 for each agency and each of ``years`` (``{year: {agency id: table}}``).

    One pass over the applications that touch any of the years (received by the last
    31 December, not closed before the first 1 January), grouped by agency, category
    and outcome — the order of the ``application_report_stats`` index, so the database
    reads only that index and sorts nothing — counting rows 一, 二, 四 and the closed
    ones of each year with a filtered COUNT. A roll-up needs this year and last year
    (for the carry-over check): one query for both.

    The rows are each year's report format's: the 2019 trial format prints a single
    其他处理 row, so 3.6.x outcomes are folded into it there.
    """
    ids = _ids(agencies)
    tables: dict[int, dict[int, Table]] = {}
    counts = {}
    for year in years:
        fmt = format_for_year(year)
        tables[year] = {pk: empty_tables(fmt)["applications"] for pk in ids}
        start, end = date(year, 1, 1), date(year, 12, 31)
        still_open_on = Q(closed_date__isnull=True) | Q(closed_date__gte=start)
        still_open_after = Q(closed_date__isnull=True) | Q(closed_date__gt=end)
        counts |= {
            f"received_{year}": Count("id", filter=Q(received_date__range=(start, end))),
            f"carried_in_{year}": Count("id", filter=Q(still_open_on, received_date__lt=start)),
            f"carried_over_{year}": Count("id", filter=Q(still_open_after, received_date__lte=end)),
            f"closed_{year}": Count(
                "id", filter=Q(closed_date__range=(start, end), received_date__lte=end)
            ),
        }
    first, last = date(min(years), 1, 1), date(max(years), 12, 31)
    touching = (
        Application.objects.genuine()
        .filter(agency_id__in=ids, received_date__lte=last)
        .filter(Q(closed_date__isnull=True) | Q(closed_date__gte=first))
        .order_by()
        .values("agency_id", "category", "outcome")
        .annotate(**counts)
    )
    for group in touching:
        category, outcome = group["category"], group["outcome"]
        for year in years:
            table = tables[year][group["agency_id"]]
            table["1"][category] += group[f"received_{year}"]
            table["2"][category] += group[f"carried_in_{year}"]
            table["4"][category] += group[f"carried_over_{year}"]
            if closed := group[f"closed_{year}"]:
                fmt = format_for_year(year)
                row = outcome if fmt.version == "2021" else TRIAL_2019_ROW_FOR[outcome]
                table[row][category] += closed
    for year in years:
        result_rows = format_for_year(year).applications.result_row_keys
        for table in tables[year].values():
            for column in COLUMNS:
                table["3.7"][column] = sum(table[r][column] for r in result_rows)
            for cells in table.values():
                cells["total"] = sum(cells[column] for column in COLUMNS)
    return tables


def applications_tables_by_agency(*, agencies: Sequence[Agency], year: int) -> dict[int, Table]:
    """Table 三 for each of ``agencies`` in ``year``, keyed by agency id; one query."""
    return applications_tables_by_year(agencies=agencies, years=[year])[year]


def appeals_tables_by_agency(*, agencies: Sequence[Agency], year: int) -> dict[int, Table]:
    """Table 四 for each agency: cases filed in ``year``, by result; one query.

    A case decided after 31 December is still 尚未审结 in this year's report.
    """
    zero = empty_tables(format_for_year(year))["appeals"]
    tables: dict[int, Table] = {pk: sum_figures([], zero=zero) for pk in _ids(agencies)}
    end = date(year, 12, 31)
    settled = Q(decided_on__isnull=False, decided_on__lte=end) & ~Q(result=Appeal.Result.PENDING)
    cases = (
        Appeal.objects.filter(application__agency_id__in=tables, filed_on__year=year)
        .order_by()
        .values("application__agency_id", "kind", "result")
        .annotate(settled=Count("id", filter=settled), n=Count("id"))
    )
    for case in cases:
        group = tables[case["application__agency_id"]][case["kind"]]
        group[case["result"]] += case["settled"]
        group[Appeal.Result.PENDING] += case["n"] - case["settled"]
    for table in tables.values():
        for group in table.values():
            group["total"] = sum(v for k, v in group.items() if k != "total")
    return tables


def processing_fees_by_agency(
    *, agencies: Sequence[Agency], year: int
) -> dict[int, dict[str, int]]:
    """Section 六 for each agency: 信息处理费 actually paid in ``year``; one query."""
    fees = {pk: {"count": 0, "amount_yuan": 0} for pk in _ids(agencies)}
    paid_in_year = ClockEvent.objects.filter(kind=EventKind.FEE_PAID, on__year=year)
    paid = (
        Application.objects.genuine()
        .filter(pk__in=paid_in_year.values("application_id"), agency_id__in=fees)
        .order_by()
        .values("agency_id")
        .annotate(n=Count("id"), amount=Sum("fee_amount"))
    )
    for row in paid:
        fees[row["agency_id"]] = {"count": row["n"], "amount_yuan": row["amount"] or 0}
    return fees


def applications_table(*, agencies: Sequence[Agency], year: int) -> Table:
    """Table 三 for ``agencies`` together (one agency, or a roll-up) in ``year``."""
    zero = empty_tables(format_for_year(year))["applications"]
    parts = applications_tables_by_agency(agencies=agencies, year=year).values()
    return sum_figures(parts, zero=zero)


def appeals_table(*, agencies: Sequence[Agency], year: int) -> Table:
    """Table 四 for ``agencies`` together."""
    zero = empty_tables(format_for_year(year))["appeals"]
    return sum_figures(appeals_tables_by_agency(agencies=agencies, year=year).values(), zero=zero)


def processing_fees(*, agencies: Sequence[Agency], year: int) -> dict[str, int]:
    """Section 六 for ``agencies`` together (count and yuan)."""
    parts = processing_fees_by_agency(agencies=agencies, year=year).values()
    return sum_figures(parts, zero={"count": 0, "amount_yuan": 0})


def timeliness(*, agency: Agency, year: int) -> dict[str, int]:
    """Applications answered in ``year`` with a due date, and how many by that date.

    The due date is the clock's (Art. 33 extensions and lawful pauses included), so "on
    time" is what the law means. Endings without an answer (3.6.1/3.6.2) have no due date
    to meet and are not counted.
    """
    answered = (
        Application.objects.genuine()
        .filter(
            agency=agency,
            phase=Phase.ANSWERED,
            closed_date__year=year,
            answer_due__isnull=False,
        )
        .aggregate(
            answered=Count("id"), on_time=Count("id", filter=Q(closed_date__lte=F("answer_due")))
        )
    )
    return {"answered": answered["answered"], "on_time": answered["on_time"]}
