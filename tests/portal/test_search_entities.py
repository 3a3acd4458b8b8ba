"""The search index holds the text a reader sees, not the HTML entities of the rich text."""

from __future__ import annotations

from typing import Any

from gongkai.search.engine import SearchRequest
from gongkai.search.indexing import refresh_documents, search

BODY = "<p>预算调整：收入 &lt; 支出 &amp; 赤字，详见&nbsp;附表&#65281;</p><script>x()</script>"


def _indexed(portal: Any, django_capture_on_commit_callbacks: Any) -> Any:
    entry = portal.publish("entities", title="关于预算执行情况的说明", body=BODY)
    with django_capture_on_commit_callbacks(execute=True):
        refresh_documents([str(entry.pk)])
    return entry


def test_the_document_body_is_text(portal: Any, django_capture_on_commit_callbacks: Any) -> None:
    entry = _indexed(portal, django_capture_on_commit_callbacks)
    body = entry.search_document().body
    assert "收入 < 支出 & 赤字" in body
    assert "详见 附表！" in body
    assert "&lt;" not in body and "&amp;" not in body and "&nbsp;" not in body
    assert "x()" not in body


def test_entity_names_are_not_searchable(
    portal: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _indexed(portal, django_capture_on_commit_callbacks)
    for word in ("lt", "amp", "nbsp"):
        assert search(SearchRequest(text=word)).total == 0, word


def test_snippets_escape_once(portal: Any, django_capture_on_commit_callbacks: Any) -> None:
    _indexed(portal, django_capture_on_commit_callbacks)
    hits = search(SearchRequest(text="赤字")).hits
    assert hits
    snippet = hits[0].snippet.html()
    assert "&lt;" in snippet and "&amp;lt;" not in snippet
