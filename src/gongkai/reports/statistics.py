"""Section 三 of the annual report, counted from the applications themselves.

The closed enums mirror the report (applicant categories are its columns,
outcomes its rows), so the table is a GROUP BY — and 一 + 二 = 三(七) + 四
holds by construction: an application received by 31 December and still open
on 1 January is either closed during the year (a result row) or still open at
its end (row 四).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.db.models import Q

from gongkai.agencies.models import Agency
from gongkai.applications.models import Appeal, Application
from gongkai.rules.application_clock import EventKind
from gongkai.rules.outcomes import TRIAL_2019_ROW_FOR, ApplicantCategory
from gongkai.rules.report_format import empty_tables, format_for_year

COLUMNS = [c.value for c in ApplicantCategory]


def applications_table(*, agencies: list[Agency], year: int) -> dict[str, dict[str, int]]:
    """Rows and columns of table 三 for ``agencies`` (one agency, or a roll-up) in ``year``.

    The rows are the report format's for that year: the 2019 trial format prints a
    single 其他处理 row, so 3.6.x outcomes are folded into it.
    """
    fmt = format_for_year(year)
    start, end = date(year, 1, 1), date(year, 12, 31)
    confirmed = Application.objects.filter(agency__in=agencies, received_date__isnull=False)
    table = empty_tables(fmt)["applications"]
    result_rows = fmt.applications.result_row_keys
    row_of = (lambda code: code) if fmt.version == "2021" else TRIAL_2019_ROW_FOR.__getitem__

    def count(row: str, queryset: object) -> None:
        for category, n in Counter(queryset.values_list("category", flat=True)).items():
            table[row][category] += n

    count("1", confirmed.filter(received_date__range=(start, end)))
    count(
        "2",
        confirmed.filter(received_date__lt=start).filter(
            Q(closed_date__isnull=True) | Q(closed_date__gte=start)
        ),
    )
    closed = confirmed.filter(closed_date__range=(start, end), received_date__lte=end)
    for category, outcome in closed.values_list("category", "outcome"):
        table[row_of(outcome)][category] += 1
    count(
        "4",
        confirmed.filter(received_date__lte=end).filter(
            Q(closed_date__isnull=True) | Q(closed_date__gt=end)
        ),
    )
    for column in COLUMNS:
        table["3.7"][column] = sum(table[row][column] for row in result_rows)
    for row in table.values():
        row["total"] = sum(row[column] for column in COLUMNS)
    return table


def appeals_table(*, agencies: list[Agency], year: int) -> dict[str, dict[str, int]]:
    """Table 四: reconsideration and litigation cases filed in ``year``, by result.

    A case decided after 31 December is still 尚未审结 in this year's report.
    """
    table = empty_tables(format_for_year(year))["appeals"]
    end = date(year, 12, 31)
    cases = Appeal.objects.filter(application__agency__in=agencies, filed_on__year=year)
    for kind, result, decided_on in cases.values_list("kind", "result", "decided_on"):
        settled = result != Appeal.Result.PENDING and decided_on is not None and decided_on <= end
        table[kind][result if settled else Appeal.Result.PENDING] += 1
    for group in table.values():
        group["total"] = sum(v for k, v in group.items() if k != "total")
    return table


def processing_fees(*, agencies: list[Agency], year: int) -> dict[str, int]:
    """Section 六: 信息处理费 actually paid in ``year`` (count and yuan)."""
    paid = Application.objects.filter(
        agency__in=agencies, events__kind=EventKind.FEE_PAID, events__on__year=year
    ).distinct()
    return {"count": paid.count(), "amount_yuan": sum(paid.values_list("fee_amount", flat=True))}
