"""The search page's reading of the query string and of the engine's answer.

The engine (gongkai.search) ranks and highlights; this module turns its facets into
filter links with the portal's public parameter names and its cursor into a
"下一页" link. Snippets arrive as Snippet objects whose html() escapes the stored
text and the query before adding <mark>.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.http import QueryDict

from gongkai.agencies.models import Agency
from gongkai.portal.browse import CatalogueFilters
from gongkai.rules.catalogue import INFO_TYPE_LABELS, Validity
from gongkai.search.engine import SearchHit, SearchRequest
from gongkai.search.indexing import search, search_index
from gongkai.search.query import QueryError

PER_PAGE = 10
SORTS = (("relevance", "按相关度"), ("date", "按日期"))
FACET_LABELS = {
    "agency": "发布机构",
    "subject": "主题分类",
    "info_type": "信息类别",
    "year": "年份",
    "validity": "有效性",
}
_TYPE_BY_LABEL = {label: t.value for t, label in INFO_TYPE_LABELS.items()}
_VALIDITY_BY_LABEL = {v.label: v.value for v in Validity}


@dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    query: str  # the query string that applies (or, when active, clears) this value
    active: bool


@dataclass
class SearchOutcome:
    text: str = ""
    sort: str = "relevance"
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    next_query: str = ""  # query string of the next page, empty on the last
    facets: list[tuple[str, list[FacetLink]]] = field(default_factory=list)
    suggestion: str = ""
    suggestion_query: str = ""
    hot_terms: tuple[str, ...] = ()
    error: str = ""
    searched: bool = False


def _query(text: str, sort: str, filters: CatalogueFilters, **extra: str) -> str:
    params = {"q": text} if text else {}
    if sort != "relevance":
        params["sort"] = sort
    params.update(filters.params())
    params.update(extra)
    return urlencode(params)


def _facet_value(name: str, key: str | int, agencies: dict[str, str]) -> tuple[str, str]:
    """(filter value, label) of one facet bucket; the engine keeps labels, URLs keep codes."""
    if name == "agency":
        return str(key), agencies.get(str(key), str(key))
    if name == "info_type":
        return _TYPE_BY_LABEL.get(str(key), ""), str(key)
    if name == "validity":
        return _VALIDITY_BY_LABEL.get(str(key), ""), str(key)
    if name == "year":
        return str(key), f"{key}年"
    return str(key), str(key)


def _facet_links(
    facets: dict[str, list[tuple[str | int, int]]], text: str, sort: str, filters: CatalogueFilters
) -> list[tuple[str, list[FacetLink]]]:
    agencies = dict(Agency.objects.values_list("code", "name"))
    out = []
    for name, buckets in facets.items():
        links = []
        for key, count in buckets:
            value, label = _facet_value(name, key, agencies)
            if not value:
                continue
            active = str(getattr(filters, name) or "") == value
            cleared: object = None if name == "year" else ""
            chosen: object = int(value) if name == "year" else value
            toggled = replace(filters, **{name: cleared if active else chosen})
            links.append(FacetLink(label, count, _query(text, sort, toggled), active))
        if links:
            out.append((FACET_LABELS.get(name, name), links))
    return out


def run_search(query: QueryDict, filters: CatalogueFilters) -> SearchOutcome:
    text = query.get("q", "").strip()
    sort = query.get("sort", "relevance")
    outcome = SearchOutcome(text=text, hot_terms=search_index().vocabulary.hot_terms)
    if sort not in dict(SORTS):
        outcome.error = f"排序方式“{sort}”不存在，已按相关度排序。"
        sort = "relevance"
    outcome.sort = sort
    if not text and filters.is_empty:
        return outcome
    request = SearchRequest(
        text=text,
        filters=filters.for_search(),
        sort=sort,
        limit=PER_PAGE,
        after=query.get("after") or None,
    )
    try:
        results = search(request)
    except QueryError as error:
        outcome.error = str(error)
        return outcome
    outcome.searched = True
    outcome.hits = results.hits
    outcome.total = results.total
    if results.next_cursor:
        outcome.next_query = _query(text, sort, filters, after=results.next_cursor)
    outcome.facets = _facet_links(results.facets, text, sort, filters)
    if results.suggestion:
        outcome.suggestion = results.suggestion
        outcome.suggestion_query = _query(results.suggestion, sort, filters)
    return outcome
