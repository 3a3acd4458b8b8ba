"""Screening a catalogue entry (or another page of a branch): every piece of text the
public would see, located.

The detectors (:mod:`gongkai.rules.screening`) work on plain text; an entry is several
texts — title, summary, document number, body, and each attachment's extracted text — so
each finding is labelled with where it was found, which is what an editor needs to fix it.
An attachment whose text cannot be read is itself a finding (``unreadable``), which
blocks publication: screening fails closed. Attachments are read in a child process with
a memory and time limit (:func:`gongkai.extraction.extract_text_isolated`); this runs
in a background job, never inside the publishing transaction (see ``verdicts.py``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max
from django.utils.html import strip_tags

from gongkai.rules.screening import (
    Finding,
    FindingType,
    ScreeningDictionary,
    default_dictionary,
    screen_text,
    unreadable_finding,
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
        if f.type == FindingType.UNREADABLE:
            return f"{self.source}：{f.type.label}（{f.masked}）"
        return f"{self.source}第{f.line}行第{f.column}列：{f.type.label}“{f.masked}”"

    def stored(self) -> dict[str, Any]:
        """What a stored verdict keeps: where and what, never the matched text itself."""
        data = self.as_dict()
        data.pop("text")
        data["label"] = self.finding.type.label
        data["summary"] = self.summary
        return data


@dataclass(frozen=True)
class AttachmentText:
    """One attachment's text, or why it has none."""

    label: str
    text: str | None
    error: Any = None  # the ExtractionError when ``text`` is None


def read_attachments(entry: Any) -> list[AttachmentText]:
    """Each attachment's text, read in a limited child process; the size is checked
    before the file is opened, so an oversized upload is refused without reading it."""
    attachments = list(entry.attachments.all())
    if not attachments:
        return []
    from gongkai.extraction import ExtractionError, Reason, extract_text_isolated
    from gongkai.extraction.extract import check_size
    from gongkai.extraction.limits import DEFAULT_LIMITS

    results = []
    for attachment in attachments:
        document = attachment.document
        label = f"附件“{attachment.display_title}”"
        try:
            try:
                check_size(document.file.size, document.filename, DEFAULT_LIMITS)
                with document.file.open("rb") as handle:
                    data = handle.read(DEFAULT_LIMITS.max_file_bytes + 1)
            except OSError as error:
                raise ExtractionError(
                    f"无法读取“{document.filename}”：{error.strerror or error}。",
                    reason=Reason.UNREADABLE,
                ) from None
            results.append(AttachmentText(label, extract_text_isolated(data, document.filename)))
        except ExtractionError as error:
            results.append(AttachmentText(label, None, error))
    return results


def attachment_texts(entry: Any) -> list[tuple[str, str]]:
    """(label, text) of each attachment whose text can be read; search indexes these."""
    return [(a.label, a.text) for a in read_attachments(entry) if a.text is not None]


def own_texts(entry: Any) -> list[tuple[str, str]]:
    """(source label, text) of an entry's own fields as it stands in memory."""
    return [
        ("标题", entry.title or ""),
        ("内容概述", entry.summary or ""),
        ("文号", entry.document_number or ""),
        ("正文", body_text(entry.body)),
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
    """Every finding of an entry (a revision's object): its fields, its attachments' text,
    and one ``unreadable`` finding per attachment that could not be read. Slow for big
    attachments: call it outside transactions (``verdicts.screen_revision`` does)."""
    dictionary = platform_dictionary()
    texts = own_texts(entry)
    found: list[LocatedFinding] = []
    for attachment in read_attachments(entry):
        if attachment.text is None:
            error = attachment.error
            finding = unreadable_finding(str(error), reason=str(error.reason))
            found.append(LocatedFinding(attachment.label, finding))
        else:
            texts.append((attachment.label, attachment.text))
    return found + _screen_texts(texts, dictionary)


def screen_page(page: Any) -> list[LocatedFinding]:
    """Every finding of a branch page that is not an entry (机构信息, the guide, a column):
    the texts it publishes (its ``screened_texts()``, else its title). No attachments, so
    this is quick and runs when the 保密审查 needs it; nothing is stored."""
    texts = page.screened_texts() if hasattr(page, "screened_texts") else [("标题", page.title)]
    return _screen_texts(texts, platform_dictionary())


def _screen_texts(
    texts: list[tuple[str, str]], dictionary: ScreeningDictionary
) -> list[LocatedFinding]:
    return [
        LocatedFinding(source, finding)
        for source, text in texts
        for finding in screen_text(text, dictionary=dictionary)
    ]
