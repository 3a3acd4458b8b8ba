"""The district government's report as the sum of its agencies' reports (条例 Art. 49 ¶2).

The platform operator publishes the district's report by 31 March from the reports its
agencies published by 31 January. Each agency's report is exactly the one the agency
sees — :func:`gongkai.reports.compose.compose_year`, the composition every reader of a
report uses, from grouped queries for every agency at once. The district's tables are
their cell-by-cell sum (a table 二 figure any agency has not entered stays unentered),
checked by the same reconciliation rules, and the operator sees which agencies are late
or failing rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import descendants, is_operator
from gongkai.audit.context import current, is_system
from gongkai.reports.compose import YearComposition, compose_year, is_published
from gongkai.reports.models import AnnualReport
from gongkai.reports.sums import sum_figures
from gongkai.rules.report_checks import check_report
from gongkai.rules.report_deadlines import agency_report_due, district_report_due, is_late
from gongkai.rules.report_format import empty_tables, format_for_year

NO_REPORT = "未建立报告"


@dataclass(frozen=True)
class AgencyStatus:
    """One agency's line in the operator's list."""

    code: str
    name: str
    active: bool
    status: str  # the report's state as staff see it
    published_on: date | None
    late: bool
    errors: int
    warnings: int
    findings: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "active": self.active,
            "status": self.status,
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "late": self.late,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": self.findings,
        }


@dataclass(frozen=True)
class DistrictRollup:
    report: dict[str, Any]  # DESIGN.md JSON of the district's report
    agencies: list[AgencyStatus]
    agency_due: date
    district_due: date

    @property
    def late(self) -> list[AgencyStatus]:
        return [a for a in self.agencies if a.late]

    @property
    def failing(self) -> list[AgencyStatus]:
        return [a for a in self.agencies if a.errors]

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.report,
            "agency_report_due": self.agency_due.isoformat(),
            "district_report_due": self.district_due.isoformat(),
            "agencies": [a.as_dict() for a in self.agencies],
        }


def district_agencies(district: Agency) -> list[Agency]:
    """The district government and every agency below it, in tree order."""
    return [district, *descendants(district)]


def _sum_reports(reports: Iterable[Mapping[str, Any]], year: int) -> dict[str, Any]:
    fmt = format_for_year(year)
    reports = list(reports)
    return {
        "format": fmt.version,
        "year": year,
        "tables": sum_figures((r["tables"] for r in reports), zero=empty_tables(fmt)),
        "processing_fees": sum_figures(
            (r["processing_fees"] for r in reports), zero={"count": 0, "amount_yuan": 0}
        ),
    }


@dataclass(frozen=True)
class SummedYear:
    """The district's agencies, their composed reports, and the sums of them.

    ``report``: the summed tables and fees under the district's name; ``previous``: last
    year's sums (for the carry-over checks), ``None`` before the first format year.
    """

    agencies: list[Agency]
    composed: YearComposition
    report: dict[str, Any]
    previous: dict[str, Any] | None


def summed_year(*, district: Agency, year: int, today: date) -> SummedYear:
    """Every agency's ``year`` report as it stands on ``today``, and their sum.

    No permission check: the callers decide who may see it (the roll-up screen, the
    district report's readers).
    """
    format_for_year(year)  # a year without a format is refused before any query
    agencies = district_agencies(district)
    composed = compose_year(agencies=agencies, year=year, today=today)
    report = {
        "agency": district.name,
        **_sum_reports((composed.reports[a.pk] for a in agencies), year),
    }
    last_year = composed.previous
    previous = _sum_reports(last_year.values(), year - 1) if last_year else None
    return SummedYear(agencies=agencies, composed=composed, report=report, previous=previous)


def _status(stored: AnnualReport | None) -> str:
    return stored.get_status_display() if stored is not None else NO_REPORT


def build_rollup(*, district: Agency, year: int, today: date, actor: Any = None) -> DistrictRollup:
    """The district's summed report for ``year`` and each agency's status on ``today``.

    Only the platform operator (or the system: the CLI without ``--as``) may see every
    agency's figures side by side; ``actor`` defaults to whoever the audit context says
    is acting. Raises ``PermissionDenied`` for anyone else, nobody included, and
    ``ValueError`` for a year without a format.
    """
    actor = actor if actor is not None else current().actor
    if not (is_system(actor) or is_operator(actor)):
        raise PermissionDenied("只有平台运营方可以汇总全区年度报告。")
    summed = summed_year(district=district, year=year, today=today)
    agencies, reports, stored = summed.agencies, summed.composed.reports, summed.composed.stored
    report = {
        **summed.report,
        "sources": {"tables": f"由本级政府及所属{len(agencies)}个机构的年度报告逐项相加"},
    }
    report["findings"] = check_report(report, previous=summed.previous)
    statuses = []
    for agency in agencies:
        findings = reports[agency.pk].get("findings", [])
        own = stored.get(agency.pk)
        published = own.published_on if is_published(own) else None
        statuses.append(
            AgencyStatus(
                code=agency.code,
                name=agency.name,
                active=agency.is_active,
                status=_status(own),
                published_on=published,
                late=agency.is_active and is_late(year=year, today=today, finalised_on=published),
                errors=sum(1 for f in findings if f["severity"] == "error"),
                warnings=sum(1 for f in findings if f["severity"] == "warning"),
                findings=findings,
            )
        )
    return DistrictRollup(
        report=report,
        agencies=statuses,
        agency_due=agency_report_due(year),
        district_due=district_report_due(year),
    )


def default_district() -> Agency:
    """The platform's district: its one top-level agency; Chinese error otherwise."""
    roots = list(Agency.objects.roots().order_by("pk")[:2])
    if not roots:
        raise LookupError("平台上没有顶级机构，无法汇总。")
    if len(roots) > 1:
        raise LookupError("平台上有多个顶级机构，请指定要汇总的区（--district 机构代码）。")
    return roots[0]
