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

from django.db.models import Count, Exists, OuterRef, Q, Sum

from gongkai.agencies.models import Agency
from gongkai.applications.models import Appeal, Application, ClockEvent
from gongkai.reports.sums import sum_figures
from gongkai.rules.application_clock import EventKind
from gongkai.rules.outcomes import TRIAL_2019_ROW_FOR, ApplicantCategory
from gongkai.rules.report_format import empty_tables, format_for_year

COLUMNS = [c.value for c in ApplicantCategory]
Table = dict[str, dict[str, int]]


def _ids(agencies: Sequence[Agency]) -> list[int]:
    return [agency.pk for agency in agencies]


def applications_tables_by_agency(*, agencies: Sequence[Agency], year: int) -> dict[int, Table]:
    """Table 三 for each of ``agencies`` in ``year``, keyed by agency id; one query.

    One pass over the applications that touch the year (received by 31 December and
    not closed before 1 January), grouped by agency, category and outcome, counting
    each of rows 一, 二, 四 and the closed ones with a filtered COUNT.

    The rows are the report format's for that year: the 2019 trial format prints a
    single 其他处理 row, so 3.6.x outcomes are folded into it.
    """
    fmt = format_for_year(year)
    ids = _ids(agencies)
    tables: dict[int, Table] = {pk: empty_tables(fmt)["applications"] for pk in ids}
    start, end = date(year, 1, 1), date(year, 12, 31)
    row_of = (lambda code: code) if fmt.version == "2021" else TRIAL_2019_ROW_FOR.__getitem__
    open_on_first = Q(closed_date__isnull=True) | Q(closed_date__gte=start)
    open_after_last = Q(closed_date__isnull=True) | Q(closed_date__gt=end)
    counts = {
        "1": Count("id", filter=Q(received_date__gte=start)),
        "2": Count("id", filter=Q(received_date__lt=start)),
        "4": Count("id", filter=open_after_last),
        "closed": Count("id", filter=Q(closed_date__lte=end)),
    }
    touching = (
        Application.objects.filter(open_on_first, agency_id__in=ids, received_date__lte=end)
        .order_by()
        .values_list("agency_id", "category", "outcome")
        .annotate(**counts)
    )
    for agency_id, category, outcome, received, carried_in, carried_over, closed in touching:
        table = tables[agency_id]
        table["1"][category] += received
        table["2"][category] += carried_in
        table["4"][category] += carried_over
        if closed:
            table[row_of(outcome)][category] += closed
    for table in tables.values():
        for column in COLUMNS:
            table["3.7"][column] = sum(table[r][column] for r in fmt.applications.result_row_keys)
        for cells in table.values():
            cells["total"] = sum(cells[column] for column in COLUMNS)
    return tables


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
    paid_in_year = ClockEvent.objects.filter(
        application=OuterRef("pk"), kind=EventKind.FEE_PAID, on__year=year
    )
    paid = (
        Application.objects.filter(Exists(paid_in_year), agency_id__in=fees)
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
