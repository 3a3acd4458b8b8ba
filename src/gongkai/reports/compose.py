"""The annual report composed once, for everyone who reads it.

The report page (the editor's preview), the final snapshot, the files (HTML, DOCX, PDF,
JSON), ``gongkai report build`` and the district roll-up all show this composition, in
this order:

1. tables 三 and 四 and the processing fees, counted from the records;
2. table 二's figures with their sources — the catalogue's counts where it holds the
   row's type of information, the staff's entries otherwise; a cell nobody has given
   stays unentered (``None``, printed 「未填报」);
3. the narrative (all parts empty for an agency that has not started its report);
4. the checks, last, on the complete report: the shared reconciliation rules against
   last year's report (as published, else as counted) and the narrative's completeness.

A final report is its snapshot: this composition as it stood on the day it was published,
so its findings are exactly what a fresh check of the published report gives.
:func:`compose_year` composes many agencies' reports from a few grouped queries (the
roll-up); :func:`compose_report` is one stored report, through the same code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from gongkai.agencies.models import Agency
from gongkai.reports.models import AnnualReport, ProactiveFigure, ReportKind, ReportStatus
from gongkai.reports.narrative import normalize_narrative, required_parts
from gongkai.reports.proactive import Figure, apply_figures
from gongkai.reports.statistics import (
    appeals_tables_by_agency,
    applications_tables_by_year,
    processing_fees_by_agency,
)
from gongkai.rules.report_checks import check_narrative, check_report
from gongkai.rules.report_format import empty_tables, format_for_year

MANUAL_SOURCE = "目录中尚无此类信息记录，须由工作人员填报并注明来源"
FIRST_FORMAT_YEAR = 2019  # the trial format of 国办公开办函〔2019〕60号 (LAW.md §2.8)

FigureMap = dict[tuple[str, str], Figure]


def sources(fmt_key: str) -> dict[str, str]:
    """Where each part of the report comes from, shown beside its figures."""
    return {
        fmt_key: MANUAL_SOURCE,
        "applications": "依申请公开办理记录（收到申请之日、办结日期、办理结果）",
        "appeals": "行政复议、行政诉讼登记记录",
        "processing_fees": "收费通知与缴费记录",
    }


def with_previous_year(year: int) -> list[int]:
    """``year`` and the year before it when that year has a format (2019 onward)."""
    return [year - 1, year] if year - 1 >= FIRST_FORMAT_YEAR else [year]


def counted_reports(
    *, agencies: Sequence[Agency], years: Sequence[int]
) -> dict[int, dict[int, dict[str, Any]]]:
    """What the records count, for each agency and year: ``{year: {agency id: report}}``.

    Tables 三 and 四 and the fees only — table 二 as the format's empty table, no
    narrative, no findings: step 1 of the composition, not a report anyone is shown. A
    few grouped queries whatever the number of agencies (table 三 for all years in one).
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


def is_published(report: AnnualReport | None) -> bool:
    """A final report with its snapshot: its numbers are the published ones."""
    return (
        report is not None and report.status == ReportStatus.FINAL and report.snapshot is not None
    )


def table_two_figures(
    *, agencies: Sequence[Agency], year: int, stored: Mapping[int, AnnualReport]
) -> dict[int, FigureMap]:
    """Table 二's figures for each agency with their sources, by agency id.

    The staff's entries of the ``stored`` reports (by agency id), then — 2021 format
    only, the 2019 trial columns are not tracked by the catalogue — the catalogue's
    counts for every row whose type of information the agency's catalogue holds by the
    end of ``year`` (validity included), which replace an entry for that row.
    """
    figures: dict[int, FigureMap] = {a.pk: {} for a in agencies}
    by_report = {r.pk: agency_id for agency_id, r in stored.items() if agency_id in figures}
    entries = ProactiveFigure.objects.filter(report_id__in=by_report).values_list(
        "report_id", "row", "column", "value", "source"
    )
    for report_id, row, column, value, source in entries:
        figures[by_report[report_id]][(row, column)] = Figure(float(value), source)
    if format_for_year(year).version == "2021":
        for agency_id, counted in _catalogue_figures(agency_ids=list(figures), year=year).items():
            figures[agency_id].update(counted)
    return figures


def _catalogue_figures(*, agency_ids: list[int], year: int) -> dict[int, FigureMap]:
    """The catalogue's table 二 counts, for the agencies and rows it holds entries of."""
    from gongkai.disclosure.models import CatalogueEntryPage
    from gongkai.disclosure.selectors import proactive_counts
    from gongkai.rules.catalogue import (
        DECISION_TYPES_IN_REPORT,
        DOCUMENT_TYPES_IN_REPORT,
        INFO_TYPE_LABELS,
    )

    row_types = {**DOCUMENT_TYPES_IN_REPORT, **DECISION_TYPES_IN_REPORT}
    held: dict[int, set[str]] = {}
    pairs = (
        CatalogueEntryPage.objects.filter(
            agency_id__in=agency_ids,
            live=True,
            published_on__lte=date(year, 12, 31),
            info_type__in=[t.value for t in row_types],
        )
        .order_by()
        .values_list("agency_id", "info_type")
        .distinct()
    )
    for agency_id, info_type in pairs:
        held.setdefault(agency_id, set()).add(info_type)
    figures: dict[int, FigureMap] = {}
    for agency_id, types in held.items():  # counts only where the catalogue holds something
        counts = proactive_counts(agency_ids=[agency_id], year=year)
        figures[agency_id] = {}
        for info_type, row in row_types.items():
            if info_type.value not in types:
                continue
            source = f"政府信息公开目录中信息类别为“{INFO_TYPE_LABELS[info_type]}”的条目"
            for column, value in counts[row].items():
                figures[agency_id][(row, column)] = Figure(value, source)
    return figures


def findings_of(report: Mapping[str, Any], previous: Mapping[str, Any] | None) -> list[dict]:
    """Step 4: every check of a complete agency report (tables, figures, narrative)."""
    return check_report(report, previous=previous) + check_narrative(
        required_parts(report["narrative"])
    )


def error_findings(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The findings that keep a report from going final."""
    return [f for f in data.get("findings", []) if f["severity"] == "error"]


@dataclass(frozen=True)
class YearComposition:
    """Agencies' reports for one year, by agency id.

    ``reports``: as each agency sees its own (published snapshot, else composed);
    ``previous``: last year's, as published, else as counted (for carry-over checks);
    ``stored``: the reports written here.
    """

    reports: dict[int, dict[str, Any]]
    previous: dict[int, dict[str, Any]]
    stored: dict[int, AnnualReport]


def compose_year(*, agencies: Sequence[Agency], year: int, today: date) -> YearComposition:
    """Each of ``agencies``' report for ``year`` as it stands on ``today``.

    Raises ``ValueError`` (in Chinese) for a year without a report format, before any
    query. ``today`` is recorded as ``as_of`` in a report not yet published: the day its
    figures were counted.
    """
    format_for_year(year)
    ids = [a.pk for a in agencies]
    own = AnnualReport.objects.filter(kind=ReportKind.AGENCY)
    stored = {r.agency_id: r for r in own.filter(agency_id__in=ids, year=year)}
    counted = counted_reports(agencies=agencies, years=with_previous_year(year))
    previous = counted.get(year - 1, {})
    published_last_year = own.filter(
        agency_id__in=ids, year=year - 1, status=ReportStatus.FINAL, snapshot__isnull=False
    ).values_list("agency_id", "snapshot")
    previous.update(dict(published_last_year))
    open_ = [a for a in agencies if not is_published(stored.get(a.pk))]
    figures = table_two_figures(agencies=open_, year=year, stored=stored)
    reports: dict[int, dict[str, Any]] = {}
    for agency in agencies:
        own = stored.get(agency.pk)
        if is_published(own):
            reports[agency.pk] = own.snapshot  # type: ignore[union-attr]
            continue
        report = apply_figures(counted[year][agency.pk], figures[agency.pk])
        report["narrative"] = normalize_narrative(own.narrative if own is not None else None)
        if own is not None:
            report["status"] = str(own.status)
        report["as_of"] = today.isoformat()
        report["findings"] = findings_of(report, previous.get(agency.pk))
        reports[agency.pk] = report
    return YearComposition(reports=reports, previous=previous, stored=stored)


def compose_report(report: AnnualReport, *, today: date) -> dict[str, Any]:
    """One stored report as it stands: its snapshot once final, else composed on ``today``.

    The district government's report is the roll-up of its agencies' (see
    :mod:`gongkai.reports.district_report`).
    """
    if is_published(report):
        return report.snapshot  # type: ignore[return-value]
    if report.is_district:
        from gongkai.reports.district_report import compose_district

        return compose_district(report, today=today)
    composed = compose_year(agencies=[report.agency], year=report.year, today=today)
    return composed.reports[report.agency_id]
