"""Writes for annual reports: create, write, review, publish. One audit row each.

The review chain is 「科室负责人初审，分管领导审核，主要负责人把关」: a submitted draft
passes the first reviewer, the second reviewer and the final approver of its own agency,
any of whom can send it back with a comment. An approved report is marked final only
while no reconciliation error stands; marking it final snapshots its JSON so the
published numbers never shift when a record is corrected later.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.services import require_member_of, require_role
from gongkai.audit.context import current_user
from gongkai.audit.services import record
from gongkai.documents.fonts import FontUnavailableError, MissingGlyphError, default_fonts
from gongkai.reports.compose import compose_report, error_findings
from gongkai.reports.models import (
    AnnualReport,
    ProactiveFigure,
    ReportKind,
    ReportStatus,
    ReviewStep,
)
from gongkai.reports.models.annual_report import REVIEW_CHAIN
from gongkai.reports.narrative import TEXT_FIELDS, normalize_narrative, prefilled_narrative
from gongkai.reports.proactive import cell_for, clean_figure
from gongkai.reports.selectors import previous_report
from gongkai.rules.report_format import format_for_year

# Who writes the report: the information officer, the disclosure office, the administrator.
WRITERS = {Role.EDITOR, Role.DISCLOSURE_OFFICER, Role.AGENCY_ADMIN}
# Who publishes an approved report.
PUBLISHERS = {Role.FINAL_APPROVER, Role.DISCLOSURE_OFFICER, Role.AGENCY_ADMIN}


def _locked(report: AnnualReport) -> AnnualReport:
    return (
        AnnualReport.objects.select_for_update(of=("self",))
        .select_related("agency")
        .get(pk=report.pk)
    )


def _require_own_tables(report: AnnualReport) -> None:
    if report.is_district:
        raise ValidationError(
            "本级政府年度报告的表格由各机构年度报告逐项相加生成，不能手工填报；"
            "请在相应机构的报告中修改。"
        )


def _require_draft(report: AnnualReport) -> None:
    if not report.is_editable:
        raise ValidationError(
            f"年度报告当前状态为“{report.get_status_display()}”，只有起草中的报告可以修改；"
            "如需修改，请由审核人退回。"
        )


def do_create_report(*, agency: Agency, year: int) -> AnnualReport:
    """Start ``agency``'s report for ``year``, its text pre-filled.

    The narrative starts as last year's text with this year's generated sentences put
    first in each part (see :func:`~gongkai.reports.narrative.prefilled_narrative`).
    """
    require_role(agency, WRITERS)
    try:
        format_for_year(year)
    except ValueError as error:
        raise ValidationError({"year": str(error)}) from None
    today = timezone.localdate()
    if year > today.year:
        raise ValidationError({"year": f"{year}年度尚未开始，不能编写其年度报告。"})
    with transaction.atomic():
        if AnnualReport.objects.filter(agency=agency, year=year, kind=ReportKind.AGENCY).exists():
            raise ValidationError({"year": f"“{agency.name}”的{year}年度报告已存在。"})
        report = AnnualReport(agency=agency, year=year)
        last = previous_report(agency, year)
        last_text = last.narrative if last is not None else None
        try:
            report.save()
        except IntegrityError:
            raise ValidationError({"year": f"“{agency.name}”的{year}年度报告已存在。"}) from None
        last_data = compose_report(last, today=today) if last is not None else None
        report.narrative = prefilled_narrative(
            compose_report(report, today=today), last_text, last_data
        )
        report.save(update_fields=["narrative"])
        record(
            action="report.create",
            summary=f"新建{year}年度政府信息公开工作年度报告"
            + ("（沿用上年文字）" if last is not None else ""),
            obj=report,
            agency=agency,
        )
    return report


def do_save_narrative(*, report: AnnualReport, narrative: Mapping[str, Any]) -> AnnualReport:
    """Replace the report's text; refused unless the report is a draft."""
    require_role(report.agency, WRITERS)
    try:
        cleaned = normalize_narrative(narrative)
    except ValueError as error:
        raise ValidationError(str(error)) from None
    with transaction.atomic():
        locked = _locked(report)
        _require_draft(locked)
        before = normalize_narrative(locked.narrative)
        if before == cleaned:
            return locked
        locked.narrative = cleaned
        locked.save(update_fields=["narrative", "updated_at"])
        changed = _changed_parts(before, cleaned)
        record(
            action="report.narrative",
            summary=f"修改{locked.year}年度报告文字：{'、'.join(changed)}",
            obj=locked,
            agency=locked.agency,
            changes={"parts": changed},
        )
    return locked


def _changed_parts(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    parts = [
        new["heading"]
        for old, new in zip(before["overview"], after["overview"], strict=True)
        if old != new
    ]
    return parts + [
        TEXT_FIELDS.get(name, name)
        for name in after
        if name != "overview" and before[name] != after[name]
    ]


def do_enter_figure(
    *, report: AnnualReport, row: str, column: str, value: object, source: str
) -> ProactiveFigure:
    """Enter or correct one figure of table 二 with the note saying where it comes from."""
    require_role(report.agency, WRITERS)
    _require_own_tables(report)
    version = format_for_year(report.year).version
    try:
        cell = cell_for(version, row, column)
        figure = clean_figure(cell, value, source)
    except ValueError as error:
        raise ValidationError({"value": str(error)}) from None
    with transaction.atomic():
        locked = _locked(report)
        _require_draft(locked)
        entry, created = ProactiveFigure.objects.select_for_update().get_or_create(
            report=locked,
            row=row,
            column=column,
            defaults={"value": figure.value, "source": figure.source, "entered_by": current_user()},
        )
        before = None if created else [float(entry.value), entry.source]
        if not created:
            entry.value, entry.source = figure.value, figure.source
            entry.entered_by = current_user()
            entry.save()
        record(
            action="report.figure",
            summary=f"填报{locked.year}年度报告表二“{cell.label}”：{figure.value}"
            f"（来源：{figure.source}）",
            obj=locked,
            agency=locked.agency,
            changes={cell.label: [before, [figure.value, figure.source]]},
        )
    return entry


def do_enter_figures(
    *, report: AnnualReport, entries: Mapping[tuple[str, str], tuple[object, str]]
) -> int:
    """Enter several figures at once, all or none; errors are keyed "row.column".

    The staff form posts the whole of table 二; a wrong entry must not leave half of
    it saved. Unchanged figures are skipped so the audit log holds only real changes.
    """
    require_role(report.agency, WRITERS)
    _require_own_tables(report)
    version = format_for_year(report.year).version
    errors: dict[str, str] = {}
    for (row, column), (value, source) in entries.items():
        try:
            clean_figure(cell_for(version, row, column), value, source)
        except ValueError as error:
            errors[f"{row}.{column}"] = str(error)
    if errors:
        raise ValidationError(errors)
    current = {(f.row, f.column): (f.value, f.source) for f in report.proactive_figures.all()}
    changed = 0
    with transaction.atomic():
        for (row, column), (value, source) in entries.items():
            figure = clean_figure(cell_for(version, row, column), value, source)
            old = current.get((row, column))
            if old is not None and (float(old[0]), old[1]) == (float(figure.value), figure.source):
                continue
            do_enter_figure(report=report, row=row, column=column, value=value, source=source)
            changed += 1
    return changed


def _step(report: AnnualReport, action: str, stage: str, comment: str) -> None:
    ReviewStep.objects.create(
        report=report, action=action, stage=stage, comment=comment.strip(), actor=current_user()
    )


def do_submit_report(*, report: AnnualReport, comment: str = "") -> AnnualReport:
    """Send a draft to the first reviewer."""
    require_role(report.agency, WRITERS)
    with transaction.atomic():
        locked = _locked(report)
        _require_draft(locked)
        locked.status = ReportStatus.FIRST_REVIEW
        locked.save(update_fields=["status", "updated_at"])
        _step(locked, ReviewStep.Action.SUBMIT, ReportStatus.DRAFT, comment)
        record(
            action="report.submit",
            summary=f"提交{locked.year}年度报告审核",
            obj=locked,
            agency=locked.agency,
            changes={"status": [ReportStatus.DRAFT, locked.status]},
        )
    return locked


def _require_reviewer(report: AnnualReport) -> Role:
    require_member_of(report.agency)  # nobody and strangers learn nothing of the state
    role = report.reviewer_role
    if role is None:
        raise ValidationError(f"年度报告当前状态为“{report.get_status_display()}”，不在审核环节。")
    require_role(report.agency, {role})
    return role


def do_approve_report(*, report: AnnualReport, comment: str = "") -> AnnualReport:
    """The current link of the chain approves; the report moves to the next one."""
    with transaction.atomic():
        locked = _locked(report)
        role = _require_reviewer(locked)
        stage = locked.status
        locked.status = REVIEW_CHAIN[stage][1]
        locked.save(update_fields=["status", "updated_at"])
        _step(locked, ReviewStep.Action.APPROVE, stage, comment)
        record(
            action="report.approve",
            summary=f"{role.label}审核通过{locked.year}年度报告"
            + (f"：{comment.strip()}" if comment.strip() else ""),
            obj=locked,
            agency=locked.agency,
            changes={"status": [stage, locked.status]},
        )
    return locked


def do_reject_report(*, report: AnnualReport, comment: str) -> AnnualReport:
    """The current link sends the report back to draft; the reason is required."""
    if not comment.strip():
        raise ValidationError({"comment": "退回修改须写明意见。"})
    with transaction.atomic():
        locked = _locked(report)
        role = _require_reviewer(locked)
        stage = locked.status
        locked.status = ReportStatus.DRAFT
        locked.save(update_fields=["status", "updated_at"])
        _step(locked, ReviewStep.Action.REJECT, stage, comment)
        record(
            action="report.reject",
            summary=f"{role.label}退回{locked.year}年度报告：{comment.strip()}",
            obj=locked,
            agency=locked.agency,
            changes={"status": [stage, locked.status]},
        )
    return locked


def _require_printable(data: dict[str, Any]) -> None:
    """A published report must print as PDF: refuse characters no embedded font has."""
    narrative = data["narrative"]
    texts = [data["agency"], *(v for k, v in narrative.items() if k != "overview")]
    texts += [part[field] for part in narrative["overview"] for field in ("heading", "text")]
    try:
        default_fonts().check_coverage(texts)
    except MissingGlyphError as error:
        raise ValidationError(f"报告文字无法印成 PDF：{error}") from None
    except FontUnavailableError:
        pass  # no face at all: the server cannot print any PDF; the web page still works


def do_mark_final(
    *, report: AnnualReport, published_on: datetime.date | None = None
) -> AnnualReport:
    """Publish an approved report: refused while an error finding stands; snapshots the JSON.

    The snapshot is the composition of :func:`~gongkai.reports.compose.compose_report` on
    the publication day, checked as a whole, so its findings are what a fresh check of the
    published report gives. Unentered table 二 figures and empty parts of the text are
    error findings: a report is never published with a 「未填报」 or a missing part.
    """
    require_role(report.agency, PUBLISHERS)
    published_on = published_on or timezone.localdate()
    with transaction.atomic():
        locked = _locked(report)
        if locked.status != ReportStatus.APPROVED:
            raise ValidationError(
                f"年度报告当前状态为“{locked.get_status_display()}”，"
                "须经科室负责人初审、分管领导审核、主要负责人把关后才能定稿发布。"
            )
        data = compose_report(locked, today=published_on)
        errors = error_findings(data)
        if errors:
            listed = "；".join(f"{i}. {f['message']}" for i, f in enumerate(errors, 1))
            raise ValidationError(f"年度报告尚有{len(errors)}项错误，不能定稿：{listed}")
        _require_printable(data)
        locked.published_on = published_on
        locked.status = ReportStatus.FINAL
        data["status"] = ReportStatus.FINAL.value
        data["published_on"] = locked.published_on.isoformat()
        locked.snapshot = data
        locked.finalized_by = current_user()
        locked.save()
        _step(locked, ReviewStep.Action.FINALIZE, ReportStatus.APPROVED, "")
        record(
            action="report.final",
            summary=f"{locked.year}年度报告定稿发布",
            obj=locked,
            agency=locked.agency,
            changes={"status": [ReportStatus.APPROVED, ReportStatus.FINAL]},
        )
    return locked
