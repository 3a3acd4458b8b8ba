"""Reads for annual reports: the report's JSON as it stands, and what pre-fills a new one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gongkai.reports.build import build_report
from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.reports.narrative import normalize_narrative, number_text
from gongkai.reports.proactive import Figure, FigureCell, apply_figures, figure_cells
from gongkai.rules.report_format import format_for_year


def section_two_figures(report: AnnualReport) -> dict[tuple[str, str], Figure]:
    """Table 二's figures for ``report`` with their sources.

    Where the catalogue holds documents or decisions of a row's type, the row is counted
    from it (validity included) and says so; the other rows — and every row of the 2019
    trial format, whose columns the catalogue does not track — are the staff's entries.
    """
    figures: dict[tuple[str, str], Figure] = {}
    for row, column, value, source in report.proactive_figures.values_list(
        "row", "column", "value", "source"
    ):
        figures[(row, column)] = Figure(float(value), source)
    if format_for_year(report.year).version == "2021":
        figures.update(catalogue_figures(agency_id=report.agency_id, year=report.year))
    return figures


def catalogue_figures(*, agency_id: int, year: int) -> dict[tuple[str, str], Figure]:
    from datetime import date

    from gongkai.disclosure.models import CatalogueEntryPage
    from gongkai.disclosure.selectors import proactive_counts
    from gongkai.rules.catalogue import (
        DECISION_TYPES_IN_REPORT,
        DOCUMENT_TYPES_IN_REPORT,
        INFO_TYPE_LABELS,
    )

    row_types = {**DOCUMENT_TYPES_IN_REPORT, **DECISION_TYPES_IN_REPORT}
    held = set(
        CatalogueEntryPage.objects.filter(
            agency_id=agency_id, live=True, published_on__lte=date(year, 12, 31)
        )
        .order_by()
        .values_list("info_type", flat=True)
        .distinct()
    )
    counts = proactive_counts(agency_ids=[agency_id], year=year)
    figures: dict[tuple[str, str], Figure] = {}
    for info_type, row in row_types.items():
        if info_type.value not in held:
            continue
        source = f"政府信息公开目录中信息类别为“{INFO_TYPE_LABELS[info_type]}”的条目"
        for column, value in counts[row].items():
            figures[(row, column)] = Figure(value, source)
    return figures


def report_data(report: AnnualReport) -> dict[str, Any]:
    """The report's JSON with narrative: frozen once final, rebuilt from records before."""
    if report.status == ReportStatus.FINAL and report.snapshot is not None:
        return report.snapshot
    data = build_report(agency=report.agency, year=report.year)
    apply_figures(data, section_two_figures(report))
    data["narrative"] = normalize_narrative(report.narrative)
    data["status"] = report.status
    return data


def error_findings(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in data.get("findings", []) if f["severity"] == "error"]


def previous_report(report_agency: Any, year: int) -> AnnualReport | None:
    """Last year's report of the same agency, if it was written here."""
    return AnnualReport.objects.filter(agency=report_agency, year=year - 1).first()


def agency_year_data(agency: Any, year: int) -> dict[str, Any]:
    """The report of ``agency`` for ``year`` as it stands: the stored one if written here.

    Without a stored report the tables still come from the records, and table 二 carries
    the note that staff must enter its figures.
    """
    stored = AnnualReport.objects.filter(agency=agency, year=year).first()
    if stored is not None:
        return report_data(stored)
    return build_report(agency=agency, year=year)


@dataclass(frozen=True)
class ProactiveEntry:
    """One cell of table 二 as the editor shows it: the stored entry, if any."""

    cell: FigureCell
    value_text: str
    source: str


def proactive_entries(report: AnnualReport) -> list[ProactiveEntry]:
    """Every table 二 cell of the report's format, with the staff entry where there is one."""
    stored = section_two_figures(report)
    entries = []
    for cell in figure_cells(format_for_year(report.year).version):
        figure = stored.get(cell.key)
        entries.append(
            ProactiveEntry(
                cell,
                number_text(figure.value) if figure else "",
                figure.source if figure else "",
            )
        )
    return entries
