"""Personal data, secret markings and wording on every page and attachment: the same
detectors and dictionaries as pre-publication screening (``rules.screening``), so the
review and the inspection cannot disagree about what counts. Evidence is masked."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from gongkai.inspection.crawler import CrawlResult
from gongkai.inspection.findings import FindingKind, Observation, Severity
from gongkai.rules.screening import FindingType, ScreeningDictionary, screen_text

SEVERITY = {
    FindingType.ID_CARD: Severity.HIGH,
    FindingType.MOBILE: Severity.HIGH,
    FindingType.BANK_CARD: Severity.HIGH,
    FindingType.SECRET_MARK: Severity.HIGH,
    FindingType.WORDING_ERROR: Severity.HIGH,
    FindingType.SENSITIVE_WORD: Severity.MEDIUM,
    FindingType.TYPO: Severity.LOW,
}


def check_screening(
    result: CrawlResult, *, dictionary: ScreeningDictionary | None, today: date
) -> Iterator[Observation]:
    for page in result.pages.values():
        if not page.text:
            continue
        where = "附件" if page.is_attachment else "页面"
        for finding in screen_text(page.text, dictionary=dictionary, today=today):
            shown = finding.masked + (f" → {finding.correct}" if finding.correct else "")
            yield Observation(
                FindingKind(str(finding.type)),
                page.url,
                f"{where}第{finding.line}行：{finding.type.label}“{shown}”",
                SEVERITY[finding.type],
            )
