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
