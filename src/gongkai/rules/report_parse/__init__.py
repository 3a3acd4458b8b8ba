"""Reading a published annual report: layout → the DESIGN.md report dict, pure Python.

The file readers (PDF, DOCX, HTML, text) live in :mod:`gongkai.reports.audit`; they turn a
file into an item stream (:mod:`.layout`) and this package does the rest, reading every
label and key from :mod:`gongkai.rules.report_format` so that the audit and the
generator cannot disagree on what a table is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from gongkai.rules.report_format import (
    ReportFormat,
    empty_tables,
    format_by_version,
    format_for_year,
)
from gongkai.rules.report_parse.layout import Item, markdown_items, normalise, text_items
from gongkai.rules.report_parse.meta import (
    empty_sections,
    sections,
    stated_processing_fee,
    title,
)
from gongkai.rules.report_parse.narrative import Figure, mismatch_findings, stated_figures
from gongkai.rules.report_parse.tables import (
    TableReading,
    detect_format,
    find_label,
    read_appeals,
    read_applications,
    read_proactive,
)

OLD_FORMAT = "old"


@dataclass
class ParsedReport:
    """A report as read: DESIGN.md fields plus what the reading could not settle."""

    agency: str
    year: int | None
    format: str | None
    tables: dict
    unreadable: list[str]
    problems: dict[str, str]
    sections_found: list[str]
    sections_missing: list[str]
    processing_fee_yuan: float | None
    narrative: str = field(repr=False, default="")
    sections_empty: list[str] = field(default_factory=list)
    # What the text states, the cells only it settled, and where it disagrees with a table.
    figures: list[Figure] = field(default_factory=list)
    from_narrative: dict[str, list[Figure]] = field(default_factory=dict)
    narrative_findings: list[dict] = field(default_factory=list)


def _format(items: Sequence[Item], year: int | None) -> ReportFormat | None:
    version = detect_format(items)
    if version is not None:
        return format_by_version(version)
    if year is not None and year >= 2019 and find_label(items, 0, "本年新收") is not None:
        return format_for_year(year)
    if find_label(items, 0, "本年新收") is not None:
        return format_by_version("2021")
    return None


def _narrative(items: Sequence[Item], spans: list[tuple[int, int]]) -> str:
    """The report's own words: label text outside the three tables."""
    inside = {i for start, end in spans for i in range(start, end)}
    return "".join(
        normalise(item) for i, item in enumerate(items) if isinstance(item, str) and i not in inside
    )


def parse_items(items: Sequence[Item], text: str) -> ParsedReport:
    """Read a report from its item stream and its plain text (for title and sections)."""
    agency, year = title(text)
    found, missing = sections(text)
    empty = empty_sections(text, agency)
    fee = stated_processing_fee(text)
    figures = stated_figures(text)
    fmt = _format(items, year)
    if fmt is None:
        return ParsedReport(
            agency,
            year,
            OLD_FORMAT if found else None,
            {},
            [],
            {},
            found,
            missing,
            fee,
            narrative=_narrative(items, []),
            sections_empty=empty,
            figures=figures,
        )
    applications = read_applications(items, fmt)
    appeals_from = applications.span[1] - 1 if applications.span else 0
    appeals = read_appeals(items, fmt, appeals_from)
    proactive = read_proactive(
        items, fmt, applications.span[0] if applications.span else None, figures
    )
    readings: dict[str, TableReading] = {
        fmt.proactive.json_key: proactive,
        "applications": applications,
        "appeals": appeals,
    }
    blank = empty_tables(fmt)
    for key, reading in readings.items():
        if not reading.found:
            # A table that is not there has no cell to check; say so once, not per cell.
            reading.unreadable = [
                f"{key}.{row}.{col}" for row in blank[key] for col in blank[key][row]
            ]
    tables = {key: r.values for key, r in readings.items()}
    unreadable = [cell for r in readings.values() for cell in r.unreadable]
    problems = {key: r.problem for key, r in readings.items() if r.problem}
    spans = [r.span for r in readings.values() if r.span]
    contradicted = {k: run for r in readings.values() for k, run in r.contradicted.items()}
    return ParsedReport(
        agency,
        year,
        fmt.version,
        tables,
        unreadable,
        problems,
        found,
        missing,
        fee,
        narrative=_narrative(items, spans),
        sections_empty=empty,
        figures=figures,
        from_narrative={c: f for r in readings.values() for c, f in r.from_narrative.items()},
        narrative_findings=mismatch_findings(figures, tables, unreadable, contradicted, fmt),
    )


def parse_text(text: str) -> ParsedReport:
    """A report given as text (extracted from a PDF or a web page, or markdown)."""
    items = markdown_items(text) if "|" in text else text_items(text)
    return parse_items(items, text)


__all__ = ["OLD_FORMAT", "Figure", "ParsedReport", "parse_items", "parse_text"]
