"""信息关联: the entries an entry page points readers to.

Issue 7 names three links: the same 文号 series, the same subject, and the documents
that abolish or revise this one (and those it abolished). Only published entries
are shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.disclosure.models import CatalogueEntryPage
from gongkai.portal.browse import published_entries
from gongkai.rules.document_number import series_of

RELATED_LIMIT = 5


@dataclass(frozen=True)
class RelatedEntries:
    superseded_by: CatalogueEntryPage | None  # the document that abolished or revised this one
    supersedes: list[CatalogueEntryPage]  # documents this one abolished or revised
    same_series: list[CatalogueEntryPage]
    same_subject: list[CatalogueEntryPage]

    @property
    def any(self) -> bool:
        return bool(self.superseded_by or self.supersedes or self.same_series or self.same_subject)


def related_entries(entry: CatalogueEntryPage) -> RelatedEntries:
    others = published_entries().exclude(pk=entry.pk)
    series = series_of(entry.document_number)
    same_series = (
        list(
            others.filter(agency_id=entry.agency_id, document_number__startswith=series).order_by(
                "-published_on", "-pk"
            )[:RELATED_LIMIT]
        )
        if series
        else []
    )
    shown = {e.pk for e in same_series}
    top_subject = entry.subject.split("\\", 1)[0]
    same_subject = [
        e
        for e in others.filter(subject__startswith=top_subject)[: RELATED_LIMIT + len(shown)]
        if e.pk not in shown
    ][:RELATED_LIMIT]
    superseded_by = (
        others.filter(pk=entry.superseded_by_id).first() if entry.superseded_by_id else None
    )
    return RelatedEntries(
        superseded_by=superseded_by,
        supersedes=list(others.filter(superseded_by_id=entry.pk)[:RELATED_LIMIT]),
        same_series=same_series,
        same_subject=same_subject,
    )
