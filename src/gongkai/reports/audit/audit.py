"""Audit one published report file, then a batch of them across years.

One report: read it, recover its tables, check them with the shared rules, say what
could not be read, and hold the tables against the figures the report's own text states
(which also settle a cell the layout leaves open, quoting the sentence). A batch adds
what only two years of one agency show: the carry-over (this year's 二 = last year's 四)
and a narrative copied from last year (内容雷同).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.extraction.errors import out_of_memory
from gongkai.reports.audit.readers import (
    MAX_FILE_BYTES,
    Document,
    UnreadableFile,
    read_document,
    read_pdf_pdfminer,
)
from gongkai.rules.report_checks import CARRY_OVER, check_narrative_copy, check_report
from gongkai.rules.report_format import format_by_version
from gongkai.rules.report_parse import OLD_FORMAT, ParsedReport, parse_items
from gongkai.rules.report_parse.findings import (
    FILE_UNREADABLE,
    NOT_A_REPORT,
    OLD_REPORT,
    TABLE_NAMES,
    finding,
    format_findings,
    section_findings,
    table_findings,
)
from gongkai.rules.report_parse.layout import normalise
from gongkai.rules.report_parse.narrative import cell_value, settled_note


@dataclass
class AuditResult:
    """One file's audit: the DESIGN.md report fields plus sections and findings."""

    file: str
    agency: str = ""
    year: int | None = None
    format: str | None = None
    tables: dict = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)
    unreadable_tables: list[str] = field(default_factory=list)
    sections_found: list[str] = field(default_factory=list)
    sections_missing: list[str] = field(default_factory=list)
    sections_empty: list[str] = field(default_factory=list)
    processing_fee_yuan: float | None = None
    # The figures the text states, and the cells only the text settled (with its sentences).
    narrative_figures: list[dict] = field(default_factory=list)
    from_narrative: dict[str, dict] = field(default_factory=dict)
    pdf_reader: str = ""  # "pdfium" or "pdfminer" for a PDF
    findings: list[dict] = field(default_factory=list)
    narrative: str = field(default="", repr=False)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f["severity"] == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f["severity"] == "warning")

    @property
    def standard(self) -> bool:
        """Whether the report has the standard tables (2019 or 2021 format)."""
        return self.format not in (None, OLD_FORMAT)

    def report(self) -> dict:
        """The report dict the shared rules read (DESIGN.md shape)."""
        out: dict = {
            "agency": self.agency,
            "year": self.year,
            "format": self.format,
            "tables": self.tables,
            "unreadable": self.unreadable,
        }
        if self.processing_fee_yuan is not None:
            out["processing_fees"] = {"amount_yuan": self.processing_fee_yuan}
        return out

    def as_dict(self) -> dict:
        """JSON output: the report dict with sections, unread cells and findings."""
        return {
            "file": self.file,
            **self.report(),
            "sections": {
                "found": self.sections_found,
                "missing": self.sections_missing,
                "empty": self.sections_empty,
            },
            "unreadable_tables": self.unreadable_tables,
            "narrative_figures": self.narrative_figures,
            "pdf_reader": self.pdf_reader,
            "from_narrative": self.from_narrative,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": self.findings,
        }


def audit_file(name: str, data: bytes) -> AuditResult:
    """Audit one file given by name (its suffix picks the reader) and content."""
    result = AuditResult(file=name)
    try:
        document = read_document(name, data)
    except Exception as error:
        if out_of_memory(error):
            # The isolated child's limit (report_audit.isolated), not a damaged file.
            raise MemoryError(f"out of memory reading {name}") from error
        # A malformed file can make a library fail in ways it does not declare; the batch
        # must go on and say which file could not be read.
        message = (
            str(error)
            if isinstance(error, UnreadableFile)
            else f"文件无法读取（格式损坏：{type(error).__name__}）。"
        )
        result.findings.append(finding(FILE_UNREADABLE, message))
        return result
    document, parsed = _parsed(document, data)
    result.pdf_reader = document.reader
    result.agency, result.year, result.format = parsed.agency, parsed.year, parsed.format
    result.sections_found, result.sections_missing = parsed.sections_found, parsed.sections_missing
    result.sections_empty = parsed.sections_empty
    result.narrative = parsed.narrative
    result.narrative_figures = [f.as_dict() for f in parsed.figures]
    if parsed.format is None:
        result.findings.append(
            finding(NOT_A_REPORT, "未找到年度报告的标题、六个部分或统一格式的表格，不是年度报告。")
        )
        return result
    result.findings.extend(section_findings(parsed.sections_missing, parsed.sections_empty))
    if parsed.format == OLD_FORMAT:
        result.findings.append(
            finding(
                OLD_REPORT,
                f"{parsed.year or ''}年度报告为2019年以前的旧格式（统计表），"
                "没有统一格式的三张表格，不核对表格。",
            )
        )
        return result
    result.tables, result.unreadable = parsed.tables, parsed.unreadable
    result.processing_fee_yuan = parsed.processing_fee_yuan
    result.unreadable_tables = [TABLE_NAMES[t] for t in parsed.problems]
    result.findings.extend(format_findings(parsed.format, parsed.year))
    result.findings.extend(table_findings(parsed.problems, parsed.unreadable))
    result.findings.extend(check_report(result.report()))
    result.findings.extend(parsed.narrative_findings)
    fmt = format_by_version(parsed.format)
    for cell, figures in parsed.from_narrative.items():
        value = cell_value(parsed.tables, cell)
        result.from_narrative[cell] = {
            "value": value,
            "figures": [f.stated() for f in figures],
            "sentences": list(dict.fromkeys(f.sentence for f in figures)),
            "note": settled_note(cell, value, figures, fmt),
        }
    return result


def _unsettled(parsed: ParsedReport) -> tuple[bool, int, int]:
    """What a reading leaves open, least first: no format, unread cells, table problems."""
    return (parsed.format is None, len(parsed.unreadable), len(parsed.problems))


def _parsed(document: Document, data: bytes) -> tuple[Document, ParsedReport]:
    """The file parsed; a PDF that PDFium's reading leaves anything open in is read by
    pdfminer too, and the reading that leaves less open is kept (a slow second look, only
    where the fast one may have missed what pdfminer sees)."""
    parsed = parse_items(document.items, document.text)
    if document.reader != "pdfium" or not any(_unsettled(parsed)):
        return document, parsed
    try:
        second = read_pdf_pdfminer(data)
    except Exception as error:  # pdfminer failing where PDFium read: keep PDFium's reading
        if out_of_memory(error):
            raise  # the isolated child's limit (report_audit.isolated), as in audit_file
        return document, parsed
    reparsed = parse_items(second.items, second.text)
    if _unsettled(reparsed) < _unsettled(parsed):
        return second, reparsed
    return document, parsed


def audit_path(path: Path, name: str) -> AuditResult:
    """Audit a file on disk; a file too big or unreadable by the OS is a finding too."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise UnreadableFile(f"文件超过{MAX_FILE_BYTES // (1024 * 1024)}MB，不是年度报告。")
        data = path.read_bytes()
    except (OSError, UnreadableFile) as error:
        message = str(error) if isinstance(error, UnreadableFile) else f"无法读取文件：{error}"
        result = AuditResult(file=name)
        result.findings.append(finding(FILE_UNREADABLE, message))
        return result
    return audit_file(name, data)


def _agency_key(result: AuditResult) -> str:
    return normalise(result.agency)


def cross_check(results: Iterable[AuditResult]) -> None:
    """Add carry-over and 内容雷同 findings where a batch holds consecutive years of one agency."""
    by_year: dict[tuple[str, int], AuditResult] = {}
    for result in results:
        if result.agency and result.year is not None:
            by_year.setdefault((_agency_key(result), result.year), result)
    for (agency, year), result in by_year.items():
        previous = by_year.get((agency, year - 1))
        if previous is None:
            continue
        if result.standard and previous.standard:
            result.findings.extend(
                f
                for f in check_report(result.report(), previous=previous.report())
                if f["rule"] == CARRY_OVER.id
            )
        result.findings.extend(
            check_narrative_copy(
                result.narrative, previous.narrative, year=year, previous_year=previous.year
            )
        )
