"""Building search documents and reading hit ids, for the search tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from gongkai.search.document import SearchDocument
from gongkai.search.engine import SearchIndex, SearchRequest

BLANK = SearchDocument(
    id="",
    index_number="",
    document_number="",
    title="",
    body="",
    attachment_text="",
    agency_code="AGENCY-A",
    agency_name="",
    subject="综合政务",
    info_type="通知公告",
    validity="有效",
    published=date(2024, 3, 1),
    url="",
)


def make_doc(doc_id: str | int, title: str, body: str = "", **fields: Any) -> SearchDocument:
    return replace(BLANK, id=str(doc_id), title=title, body=body, url=f"/e/{doc_id}/", **fields)


def found(index: SearchIndex, text: str = "", **request: Any) -> list[str]:
    """Ids of the first page of hits, in order."""
    results = index.search(SearchRequest(text=text, **request))
    return [hit.document.id for hit in results.hits]
