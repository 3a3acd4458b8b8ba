"""The annual report as data (the JSON of DESIGN.md), built from the records.

Tables 三 and 四 and the processing fees are counted from applications; table 二
needs the catalogue, which does not hold those documents yet, so its figures are
zero with a source note saying staff must enter them — never an invented number.

:func:`unchecked_reports` builds many agencies' reports from the same grouped queries
(the district roll-up); :func:`build_report` is the one-agency case of it, so a roll-up
is the sum of exactly the reports the agencies see.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gongkai.agencies.models import Agency
from gongkai.reports.statistics import (
    appeals_tables_by_agency,
    applications_tables_by_year,
    processing_fees_by_agency,
)
from gongkai.rules.report_checks import check_report
from gongkai.rules.report_format import empty_tables, format_for_year

MANUAL_SOURCE = "目录中尚无此类信息记录，须由工作人员填报并注明来源"
FIRST_FORMAT_YEAR = 2019  # the trial format of 国办公开办函〔2019〕60号 (LAW.md §2.8)


def sources(fmt_key: str) -> dict[str, str]:
    """Where each part of the report comes from, shown beside its figures."""
    return {
        fmt_key: MANUAL_SOURCE,
        "applications": "依申请公开办理记录（收到申请之日、办结日期、办理结果）",
        "appeals": "行政复议、行政诉讼登记记录",
        "processing_fees": "收费通知与缴费记录",
    }


def unchecked_reports(
    *, agencies: Sequence[Agency], years: Sequence[int]
) -> dict[int, dict[int, dict[str, Any]]]:
    """Each agency's report for each of ``years``, without findings: ``{year: {id: report}}``.

    A few grouped queries whatever the number of agencies (table 三 for all the years in
    one). Last year's reports, needed only for the carry-over check, are built this way
    too: nobody reads their findings.
    """
    applications = applications_tables_by_year(agencies=agencies, years=years)
    reports: dict[int, dict[int, dict[str, Any]]] = {}
    for year in years:
        fmt = format_for_year(year)
        appeals = appeals_tables_by_agency(agencies=agencies, year=year)
        fees = processing_fees_by_agency(agencies=agencies, year=year)
        reports[year] = {}
        for agency in agencies:
            tables = empty_tables(fmt)
            tables["applications"] = applications[year][agency.pk]
            tables["appeals"] = appeals[agency.pk]
            reports[year][agency.pk] = {
                "agency": agency.name,
                "year": year,
                "format": fmt.version,
                "tables": tables,
                "processing_fees": fees[agency.pk],
                "sources": sources(fmt.proactive.json_key),
            }
    return reports


def with_previous_year(year: int) -> list[int]:
    """``year`` and the year before it when that year has a format (2019 onward)."""
    return [year - 1, year] if year - 1 >= FIRST_FORMAT_YEAR else [year]


def build_report(*, agency: Agency, year: int, with_previous: bool = True) -> dict[str, Any]:
    """One agency's report, checked against last year's tables (built the same way)."""
    years = with_previous_year(year) if with_previous else [year]
    built = unchecked_reports(agencies=[agency], years=years)
    report = built[year][agency.pk]
    previous = built[year - 1][agency.pk] if year - 1 in built else None
    report["findings"] = check_report(report, previous=previous)
    return report
