"""Screening a text before publication, and masking what it finds.

One call for the review workflow, the attachment pipeline and ``gongkai screen``, so
they cannot disagree about what counts (issue 6 (5) and (6)).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from gongkai.rules.screening.dictionary import ScreeningDictionary, default_dictionary
from gongkai.rules.screening.findings import PERSONAL_DATA_TYPES, Finding, to_findings
from gongkai.rules.screening.personal_data import find_personal_data, normalize_width
from gongkai.rules.screening.secret_marks import find_secret_marks


def screen_text(
    text: str, *, dictionary: ScreeningDictionary | None = None, today: date | None = None
) -> list[Finding]:
    """All findings in ``text``, in reading order.

    ``dictionary`` defaults to the shipped lists (pass ``ScreeningDictionary()`` for
    none, or ``default_dictionary().merged(operator_lists)``); ``today`` bounds ID birth
    dates (default: the system date).
    """
    normalised = normalize_width(text)
    words = default_dictionary() if dictionary is None else dictionary
    return to_findings(
        text,
        [
            *find_personal_data(normalised, today=today),
            *find_secret_marks(normalised),
            *words.find(text),
        ],
    )


class StaleFindingsError(ValueError):
    """The findings were made on a different text than the one to mask."""


def mask_findings(text: str, findings: Iterable[Finding]) -> str:
    """``text`` with every personal-data finding replaced by its masked form.

    Secret markings and dictionary hits are left alone: a marking cannot be "masked"
    (the document must not be published, or the marking goes after a confidentiality
    review), and wording is for the editor to fix.
    """
    personal = sorted((f for f in findings if f.type in PERSONAL_DATA_TYPES), key=lambda f: f.start)
    parts: list[str] = []
    position = 0
    for finding in personal:
        if text[finding.start : finding.end] != finding.text:
            raise StaleFindingsError("文本已修改，检查结果不再对应原文，请重新检查后再脱敏。")
        if finding.start < position:
            continue
        parts.append(text[position : finding.start])
        parts.append(finding.masked)
        position = finding.end
    parts.append(text[position:])
    return "".join(parts)
