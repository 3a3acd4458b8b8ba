"""Annual reports made through the services, for tests that need stored reports."""

from __future__ import annotations

from datetime import date

from gongkai.audit.context import acting
from gongkai.reports.narrative import OVERVIEW_PARTS
from gongkai.reports.proactive import figure_cells
from gongkai.reports.services import (
    do_approve_report,
    do_create_report,
    do_enter_figure,
    do_mark_final,
    do_save_narrative,
    do_submit_report,
)


def complete_narrative(**parts: str) -> dict:
    """A narrative with every required part written; ``parts`` replace some (by key)."""
    return {
        "overview": [
            {"key": p.key, "heading": p.heading, "text": parts.get(p.key, f"{p.heading}的文字。")}
            for p in OVERVIEW_PARTS
        ],
        "problems": parts.get("problems", "存在的问题及改进措施。"),
        "other": parts.get("other", "其他事项。"),
    }


def publish_report(district, slug: str, year: int, *, on: date, licensing: int = 0) -> None:
    """Write every part, enter table 二, take through the review chain and publish a report."""
    agency = getattr(district, slug)
    with acting(actor=district.user(slug, "editor")):
        report = do_create_report(agency=agency, year=year)
        for cell in figure_cells("2021"):
            value = licensing if cell.row.key == "licensing" else 0
            do_enter_figure(
                report=report, row=cell.row.key, column=cell.column.key, value=value, source="台账"
            )
        do_save_narrative(report=report, narrative=complete_narrative())
        report = do_submit_report(report=report)
    for role in ("first_reviewer", "second_reviewer", "final_approver"):
        with acting(actor=district.user(slug, role)):
            report = do_approve_report(report=report, comment="同意")
    with acting(actor=district.user(slug, "disclosure_officer")):
        do_mark_final(report=report, published_on=on)


def draft_report(district, slug: str, year: int, *, licensing: int) -> None:
    """A report still being written, with one table 二 figure entered."""
    with acting(actor=district.user(slug, "editor")):
        report = do_create_report(agency=getattr(district, slug), year=year)
        do_enter_figure(
            report=report, row="licensing", column="decisions", value=licensing, source="台账"
        )
