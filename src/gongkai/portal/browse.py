"""The public catalogue browse: filters read from the query string, and what they select.

The query-string names (agency, subject, type, year, validity) are the public,
shareable form of a filter and are the same on /catalogue/, /search/ and the JSON
API, so a link copied from one works on the others. Only published entries are ever
selected: a draft has no index number and is not live.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.db.models import Q
from django.http import QueryDict

from gongkai.disclosure.models import CatalogueEntryPage, ColumnPage
from gongkai.disclosure.models.entry import CatalogueEntryQuerySet
from gongkai.rules.catalogue import INFO_TYPE_LABELS, SUBJECT_CATEGORIES, InfoType, Validity
from gongkai.search.query import Filters
from gongkai.typed_numbers import whole_number

FIRST_YEAR = 1990  # no catalogue entry of this platform predates the 2008 Regulations


@dataclass(frozen=True)
class CatalogueFilters:
    agency: str = ""  # the agency's code (统一社会信用代码)
    subject: str = ""  # top-level 主题分类
    info_type: str = ""  # InfoType value
    year: int | None = None  # year of publication
    validity: str = ""  # Validity value

    @classmethod
    def from_query(cls, query: QueryDict) -> tuple[CatalogueFilters, list[str]]:
        """The filters a query string asks for, and a Chinese message per value ignored."""
        errors: list[str] = []
        agency = query.get("agency", "").strip().upper()
        subject = query.get("subject", "").strip()
        if subject and subject not in SUBJECT_CATEGORIES:
            errors.append(f"主题分类“{subject}”不存在，已忽略。")
            subject = ""
        info_type = query.get("type", "").strip()
        if info_type and info_type not in InfoType.__members__.values():
            errors.append(f"信息类别“{info_type}”不存在，已忽略。")
            info_type = ""
        validity = query.get("validity", "").strip()
        if validity and validity not in Validity.__members__.values():
            errors.append(f"有效性“{validity}”不存在，已忽略。")
            validity = ""
        year: int | None = None
        raw_year = query.get("year", "").strip()
        if raw_year:
            number = whole_number(raw_year, max_digits=4)
            if number is not None and number >= FIRST_YEAR:
                year = number
            else:
                errors.append(f"年份“{raw_year}”应为四位数字，已忽略。")
        return cls(agency, subject, info_type, year, validity), errors

    def params(self) -> dict[str, str]:
        """The non-empty filters as query parameters, in a fixed order (stable URLs)."""
        pairs = (
            ("agency", self.agency),
            ("subject", self.subject),
            ("type", self.info_type),
            ("year", str(self.year) if self.year else ""),
            ("validity", self.validity),
        )
        return {key: value for key, value in pairs if value}

    def query_string(self, **changes: object) -> str:
        """This filter with ``changes`` applied (a value of "" or None clears it)."""
        return urlencode(replace(self, **changes).params())  # type: ignore[arg-type]

    @property
    def is_empty(self) -> bool:
        return not self.params()

    def for_search(self) -> Filters:
        """The same filter in the search engine's facet values (labels, not codes)."""
        return Filters(
            agency=(self.agency,) if self.agency else (),
            subject=(self.subject,) if self.subject else (),
            info_type=(INFO_TYPE_LABELS[InfoType(self.info_type)],) if self.info_type else (),
            validity=(Validity(self.validity).label,) if self.validity else (),
            year=(self.year,) if self.year else (),
        )


def published_entries() -> CatalogueEntryQuerySet:
    """Every public entry, newest first: live, numbered (drafts are neither), not private."""
    return (
        CatalogueEntryPage.objects.live()
        .public()
        .filter(index_number__isnull=False)
        .select_related("agency")
        .order_by("-published_on", "-pk")
    )


def filtered_entries(filters: CatalogueFilters) -> CatalogueEntryQuerySet:
    entries = published_entries()
    if filters.agency:
        entries = entries.filter(agency__code=filters.agency)
    if filters.subject:
        entries = entries.filter(subject__startswith=filters.subject)
    if filters.info_type:
        entries = entries.filter(info_type=filters.info_type)
    if filters.year:
        entries = entries.filter(published_on__year=filters.year)
    if filters.validity:
        entries = entries.filter(validity=filters.validity)
    return entries


def column_entries(key: str) -> CatalogueEntryQuerySet | None:
    """Published entries in every agency's column with ``key`` (法定栏目代码), newest first;
    None when no agency keeps such a column."""
    paths = list(ColumnPage.objects.live().filter(key=key).values_list("path", flat=True))
    if not paths:
        return None
    under = Q()
    for path in paths:
        under |= Q(path__startswith=path)
    return published_entries().filter(under)


def publication_years() -> list[int]:
    dates = published_entries().order_by().dates("published_on", "year", order="DESC")
    return [d.year for d in dates]
