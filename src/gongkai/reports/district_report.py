"""The district government's own annual report (条例 Art. 49 ¶2), built from the roll-up.

It is an :class:`~gongkai.reports.models.AnnualReport` of the district's top agency of
kind 「本级政府」: its tables are the roll-up's cell-by-cell sums of every agency's report
(never typed in), its text is the district's own — pre-filled from the summed figures and
the agencies' texts, then edited — and it goes through the same review chain, checks,
snapshot and files (HTML, DOCX, PDF, 图解) as any report, because
:func:`gongkai.reports.compose.compose_report` composes it here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gongkai.agencies.models import Agency
from gongkai.agencies.services import require_operator
from gongkai.audit.services import record
from gongkai.reports.compose import findings_of, is_published, sources
from gongkai.reports.models import AnnualReport, ReportKind
from gongkai.reports.narrative import (
    OVERVIEW_KEYS,
    generated_sentences,
    normalize_narrative,
    paragraphs,
    prefilled_narrative,
)
from gongkai.reports.rollup import SummedYear, summed_year
from gongkai.rules.report_format import format_for_year

# The parts of the text every agency writes that the district's draft quotes from them.
QUOTED_PARTS = (*OVERVIEW_KEYS, "problems", "other")


def compose_district(report: AnnualReport, *, today: date) -> dict[str, Any]:
    """The district report as it stands on ``today``: the roll-up's sums and its own text.

    Checked like any agency's report (tables against last year's sums, the text's
    completeness), so the same error findings keep it from going final.
    """
    summed = summed_year(district=report.agency, year=report.year, today=today)
    return _composed(report, summed, today=today)


def _composed(report: AnnualReport, summed: SummedYear, *, today: date) -> dict[str, Any]:
    data = dict(summed.report)
    basis = f"由本级政府及所属{len(summed.agencies)}个机构的年度报告逐项相加"
    data["sources"] = dict.fromkeys(sources(format_for_year(report.year).proactive.json_key), basis)
    data["narrative"] = normalize_narrative(report.narrative)
    data["status"] = str(report.status)
    data["as_of"] = today.isoformat()
    data["findings"] = findings_of(data, summed.previous)
    return data


def district_narrative(
    data: dict[str, Any],
    agency_reports: Sequence[tuple[Agency, dict[str, Any]]],
    *,
    published: int,
    last_year: AnnualReport | None = None,
) -> dict[str, Any]:
    """The draft text: the sentences the summed figures state, then each agency's own words.

    Each agency's first paragraph of a part (its own generated sentences left out: the
    district's sums replace them) is quoted under its name, for the writer to condense.
    """
    narrative = prefilled_narrative(data, last_year.narrative if last_year else None)
    total = len(agency_reports)
    by_key = {p["key"]: p for p in narrative["overview"]}
    by_key["oversight"]["text"] = "\n".join(
        filter(
            None,
            [
                f"全区{total}个机构（含本级政府）编制{data['year']}年度政府信息公开工作年度报告，"
                f"已发布{published}个。",
                by_key["oversight"]["text"],
            ],
        )
    )
    for key in QUOTED_PARTS:
        quoted = []
        for agency, report in agency_reports:
            own = report["narrative"]
            text = (
                next(p["text"] for p in own["overview"] if p["key"] == key)
                if key in OVERVIEW_KEYS
                else own[key]
            )
            generated = "".join(generated_sentences(report).get(key, []))
            lines = [line for line in paragraphs(text) if line != generated]
            if lines:
                quoted.append(f"{agency.short_name or agency.name}：{lines[0]}")
        if key in OVERVIEW_KEYS:
            by_key[key]["text"] = "\n".join(filter(None, [by_key[key]["text"], *quoted]))
        else:
            narrative[key] = "\n".join(filter(None, [narrative[key], *quoted]))
    return narrative


def do_create_district_report(*, district: Agency, year: int, today: date) -> AnnualReport:
    """Start the district government's ``year`` report from the roll-up (operator only).

    ``district`` is a top agency (the one whose agencies report to it); its text is
    pre-filled by :func:`district_narrative`.
    """
    require_operator()
    if district.parent_id is not None:
        raise ValidationError(f"“{district.name}”不是区级政府，不能编制全区汇总的年度报告。")
    try:
        format_for_year(year)
    except ValueError as error:
        raise ValidationError(str(error)) from None
    if year >= today.year:
        raise ValidationError(f"{year}年度尚未结束，不能编制其年度报告。")
    exists = f"“{district.name}”{year}年度本级政府年度报告已存在。"
    with transaction.atomic():
        if AnnualReport.objects.filter(
            agency=district, year=year, kind=ReportKind.DISTRICT
        ).exists():
            raise ValidationError(exists)
        try:
            report = AnnualReport.objects.create(
                agency=district, year=year, kind=ReportKind.DISTRICT
            )
        except IntegrityError:
            raise ValidationError(exists) from None
        summed = summed_year(district=district, year=year, today=today)
        last = AnnualReport.objects.filter(
            agency=district, year=year - 1, kind=ReportKind.DISTRICT
        ).first()
        stored = summed.composed.stored
        report.narrative = district_narrative(
            _composed(report, summed, today=today),
            [(a, summed.composed.reports[a.pk]) for a in summed.agencies],
            published=sum(1 for a in summed.agencies if is_published(stored.get(a.pk))),
            last_year=last,
        )
        report.save(update_fields=["narrative"])
        record(
            action="report.create",
            summary=f"新建{year}年度本级政府年度报告（全区汇总，{len(summed.agencies)}个机构）",
            obj=report,
            agency=district,
        )
    return report
