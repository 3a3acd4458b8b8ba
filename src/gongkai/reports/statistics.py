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
from gongkai.applications.models import Application
from gongkai.rules.outcomes import OUTCOMES, ApplicantCategory

COLUMNS = [c.value for c in ApplicantCategory]
ROWS = ["1", "2", *[o.code for o in OUTCOMES], "3.7", "4"]


def _empty() -> dict[str, dict[str, int]]:
    return {row: dict.fromkeys([*COLUMNS, "total"], 0) for row in ROWS}


def applications_table(*, agencies: list[Agency], year: int) -> dict[str, dict[str, int]]:
    """Rows and columns of table 三 for ``agencies`` (one agency, or a roll-up) in ``year``."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    confirmed = Application.objects.filter(agency__in=agencies, received_date__isnull=False)
    table = _empty()

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
        table[outcome][category] += 1
    count(
        "4",
        confirmed.filter(received_date__lte=end).filter(
            Q(closed_date__isnull=True) | Q(closed_date__gt=end)
        ),
    )
    for column in COLUMNS:
        table["3.7"][column] = sum(table[o.code][column] for o in OUTCOMES)
    for row in ROWS:
        table[row]["total"] = sum(table[row][column] for column in COLUMNS)
    return table
