"""Writes for the website report: prefill, enter figures, final, reopen, publish.

The operator runs the site and writes its report; nobody else may change it (the system
actor — the server's shell, scheduled jobs — passes as everywhere). Each service checks
that first, changes the report in one transaction and records one audit row.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gongkai.agencies.services import require_operator
from gongkai.audit.services import record
from gongkai.documents.fonts import FontUnavailableError, MissingGlyphError, default_fonts
from gongkai.portal.caching import touch_catalogue_version
from gongkai.rules import website_report as form
from gongkai.website_report.counted import platform_figures
from gongkai.website_report.models import WebsiteReport, WebsiteReportStatus

PLATFORM, HAND = "platform", "hand"
FIRST_YEAR = 2017  # 国办函〔2018〕12号 asked for the first reports on 2017


def _locked(report: WebsiteReport) -> WebsiteReport:
    return WebsiteReport.objects.select_for_update().get(pk=report.pk)


def _require_status(report: WebsiteReport, status: str, doing: str) -> None:
    if report.status != status:
        raise ValidationError(f"{report}当前状态为“{report.get_status_display()}”，不能{doing}。")


def do_prefill_website_report(*, year: int, today: date) -> WebsiteReport:
    """Start ``year``'s report, or refresh a draft, with the figures the platform counts.

    A figure the operator entered by hand is kept: refreshing replaces only the
    platform's own counts (a late publication or a closed finding shows up).
    """
    require_operator()
    if not FIRST_YEAR <= year <= today.year:
        raise ValidationError({"year": f"报表年度应在{FIRST_YEAR}年至{today.year}年之间。"})
    counted = {
        key: {**figure, "by": PLATFORM}
        for key, figure in platform_figures(year=year, today=today).items()
    }
    with transaction.atomic():
        report = WebsiteReport.objects.select_for_update().filter(year=year).first()
        created = report is None
        if report is None:
            try:
                with transaction.atomic():
                    report = WebsiteReport.objects.create(year=year)
            except IntegrityError:
                raise ValidationError({"year": f"{year}年度报表正由他人创建，请刷新。"}) from None
        _require_status(report, WebsiteReportStatus.DRAFT, "更新平台数据")
        kept = {k: f for k, f in report.figures.items() if f.get("by") == HAND}
        before = report.figures
        report.figures = {**counted, **kept}
        report.save(update_fields=["figures", "updated_at"])
        changed = sorted(k for k in report.figures if before.get(k) != report.figures[k])
        record(
            action="website_report.create" if created else "website_report.refresh",
            summary=(f"新建{report}" if created else f"更新{report}的平台数据")
            + f"：平台统计{len(counted)}项，保留手工填报{len(kept)}项",
            obj=report,
            changes={"figures": changed},
        )
    return report


def do_enter_website_figures(
    *, website_report: WebsiteReport, entries: Mapping[str, tuple[object, object]]
) -> WebsiteReport:
    """Enter figures by hand, ``{item key: (value, source)}``, all or none.

    Every figure needs its source note; errors are keyed by item. A figure entered here
    is the operator's and a later refresh of the platform's counts keeps it.
    """
    require_operator()
    cleaned: dict[str, dict[str, Any]] = {}
    errors: dict[str, str] = {}
    for key, (value, source) in entries.items():
        item = form.ITEMS_BY_KEY.get(key)
        if item is None:
            errors[key] = f"报表没有“{key[:40]}”这一项。"
            continue
        try:
            cleaned[key] = {
                "value": form.clean_value(item, value),
                "source": form.clean_source(item, source),
            }
        except ValueError as error:
            errors[key] = str(error)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        report = _locked(website_report)
        _require_status(report, WebsiteReportStatus.DRAFT, "修改")
        changes = {}
        figures = dict(report.figures)
        for key, figure in cleaned.items():
            old = figures.get(key) or {}
            if (old.get("value"), old.get("source")) == (figure["value"], figure["source"]):
                continue
            figures[key] = {**figure, "by": HAND}
            label = form.full_label(form.ITEMS_BY_KEY[key])
            changes[label] = [
                [old.get("value"), old.get("source")] if old else None,
                [figure["value"], figure["source"]],
            ]
        if not changes:
            return report
        report.figures = figures
        report.save(update_fields=["figures", "updated_at"])
        record(
            action="website_report.figures",
            summary=f"填报{report}：{'、'.join(changes)}"[:500],
            obj=report,
            changes=changes,
        )
    return report


def _require_printable(report: WebsiteReport) -> None:
    """A final report must print as PDF: refuse characters no embedded font has."""
    try:
        default_fonts().check_coverage(str(f.get("value", "")) for f in report.figures.values())
    except MissingGlyphError as error:
        raise ValidationError(f"报表内容无法印成 PDF：{error}") from None
    except FontUnavailableError:
        pass  # no face at all: the server cannot print any PDF; the web page still works


def do_mark_website_report_final(*, website_report: WebsiteReport) -> WebsiteReport:
    """Freeze the figures: refused while any item lacks its value or its source note, or a
    total is smaller than its parts."""
    require_operator()
    with transaction.atomic():
        report = _locked(website_report)
        _require_status(report, WebsiteReportStatus.DRAFT, "定稿")
        missing = form.missing_items(report.figures)
        if missing:
            names = "、".join(form.full_label(item) for item in missing)
            raise ValidationError(
                f"尚有{len(missing)}项未填写数值或未注明数据来源，不能定稿：{names}。"
            )
        problems = form.parts_exceeding_totals(report.figures)
        if problems:
            raise ValidationError(f"报表数据不一致，不能定稿：{''.join(problems)}")
        _require_printable(report)
        report.status = WebsiteReportStatus.FINAL
        report.save(update_fields=["status", "updated_at"])
        record(
            action="website_report.final",
            summary=f"{report}定稿",
            obj=report,
            changes={"status": [WebsiteReportStatus.DRAFT, WebsiteReportStatus.FINAL]},
        )
    return report


def do_reopen_website_report(*, website_report: WebsiteReport) -> WebsiteReport:
    """Send a final, unpublished report back to draft to correct it."""
    require_operator()
    with transaction.atomic():
        report = _locked(website_report)
        _require_status(report, WebsiteReportStatus.FINAL, "退回修改")
        report.status = WebsiteReportStatus.DRAFT
        report.save(update_fields=["status", "updated_at"])
        record(
            action="website_report.reopen",
            summary=f"{report}退回修改",
            obj=report,
            changes={"status": [WebsiteReportStatus.FINAL, WebsiteReportStatus.DRAFT]},
        )
    return report


def do_publish_website_report(*, website_report: WebsiteReport, today: date) -> WebsiteReport:
    """Publish a final report on ``today``: its page goes public and the home page links it."""
    require_operator()
    with transaction.atomic():
        report = _locked(website_report)
        _require_status(report, WebsiteReportStatus.FINAL, "发布")
        report.status = WebsiteReportStatus.PUBLISHED
        report.published_on = today
        report.save(update_fields=["status", "published_on", "updated_at"])
        due = form.report_due(report.year)
        record(
            action="website_report.publish",
            summary=f"发布{report}"
            + (f"（晚于{due.year}年{due.month}月{due.day}日的期限）" if today > due else ""),
            obj=report,
            changes={"status": [WebsiteReportStatus.FINAL, WebsiteReportStatus.PUBLISHED]},
        )
        # The home page and every cached public page must show the link at once.
        transaction.on_commit(touch_catalogue_version)
    return report
