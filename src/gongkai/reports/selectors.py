"""Reads for annual reports besides the composition: last year's report, table 二 entries.

The report itself, as any reader sees it, is :func:`gongkai.reports.compose.compose_report`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gongkai.reports.compose import table_two_figures
from gongkai.reports.models import AnnualReport, ReportKind
from gongkai.reports.narrative import number_text
from gongkai.reports.proactive import FigureCell, figure_cells
from gongkai.rules.report_format import format_for_year


def previous_report(report_agency: Any, year: int) -> AnnualReport | None:
    """Last year's own report of the same agency, if it was written here."""
    return AnnualReport.objects.filter(
        agency=report_agency, year=year - 1, kind=ReportKind.AGENCY
    ).first()


@dataclass(frozen=True)
class ProactiveEntry:
    """One cell of table 二 as the editor shows it: its figure and source, if any."""

    cell: FigureCell
    value_text: str
    source: str


def proactive_entries(report: AnnualReport) -> list[ProactiveEntry]:
    """Every table 二 cell of the report's format, with the figure the report will print.

    The same figures as the composition (staff entries, catalogue counts over them).
    """
    stored = table_two_figures(
        agencies=[report.agency], year=report.year, stored={report.agency_id: report}
    )[report.agency_id]
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
