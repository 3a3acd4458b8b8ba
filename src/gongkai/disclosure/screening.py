"""Screening a catalogue entry: every piece of text the public would see, located.

The detectors (:mod:`gongkai.rules.screening`) work on plain text; an entry is several
texts — title, summary, document number, body, and each attachment's extracted text — so
each finding is labelled with where it was found, which is what an editor needs to fix it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max
from django.utils.html import strip_tags

from gongkai.rules.screening import (
    Finding,
    ScreeningDictionary,
    default_dictionary,
    screen_text,
)


@dataclass(frozen=True)
class LocatedFinding:
    source: str
    finding: Finding

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, **self.finding.as_dict()}

    @property
    def summary(self) -> str:
        f = self.finding
        return f"{self.source}第{f.line}行第{f.column}列：{f.type.label}“{f.masked}”"


def attachment_texts(entry: Any) -> list[tuple[str, str]]:
    """(label, text) of each attachment whose text can be read; search indexes the same."""
    attachments = list(entry.attachments.all())
    if not attachments:
        return []
    from gongkai.extraction import ExtractionError, extract_text

    texts = []
    for attachment in attachments:
        document = attachment.document
        try:
            with document.file.open("rb") as handle:
                data = handle.read()
            texts.append(
                (f"附件“{attachment.display_title}”", extract_text(data, document.filename))
            )
        except (ExtractionError, OSError):
            # Images and unreadable files cannot be screened by text; the confidentiality
            # review's checklist is where a person looks at them.
            continue
    return texts


def entry_texts(entry: Any) -> list[tuple[str, str]]:
    """(source label, text) pairs of an entry as it stands in memory (a revision's object)."""
    return [
        ("标题", entry.title or ""),
        ("内容概述", entry.summary or ""),
        ("文号", entry.document_number or ""),
        ("正文", body_text(entry.body)),
        *attachment_texts(entry),
    ]


def body_text(html: str | None) -> str:
    return strip_tags((html or "").replace("</p>", "</p>\n"))


_merged: dict[tuple[int, Any], ScreeningDictionary] = {}
_merged_lock = threading.Lock()


def platform_dictionary() -> ScreeningDictionary:
    """The shipped lists with the operator's terms laid over them.

    Building the merged automaton costs far more than screening one entry, so it is
    kept until the operator's list changes: any edit moves the newest ``updated_at``,
    any deletion the count (one aggregate query per screening decides).
    """
    from gongkai.disclosure.models import ScreeningTerm

    state = ScreeningTerm.objects.aggregate(count=Count("pk"), newest=Max("updated_at"))
    if not state["count"]:
        return default_dictionary()
    key = (state["count"], state["newest"])
    with _merged_lock:
        if key not in _merged:
            own = ScreeningDictionary(term.as_entry() for term in ScreeningTerm.objects.all())
            _merged.clear()
            _merged[key] = default_dictionary().merged(own)
        return _merged[key]


def screen_entry(entry: Any) -> list[LocatedFinding]:
    dictionary = platform_dictionary()
    found: list[LocatedFinding] = []
    for source, text in entry_texts(entry):
        found.extend(
            LocatedFinding(source, finding) for finding in screen_text(text, dictionary=dictionary)
        )
    return found
