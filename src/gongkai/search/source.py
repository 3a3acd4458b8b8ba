"""Where search documents come from: the one function that reads the catalogue.

Every live, public Wagtail page is searchable. A page type that knows more about
itself (the catalogue entry: 索引号, 文号, agency, attachments) defines
``search_document()`` returning a SearchDocument; any other page is described by
its title and search description, if it is reachable under a site. The document's
id is the page's primary key, which refresh_documents() is called with.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from django.utils import timezone
from wagtail.models import Page

from gongkai.search.document import SearchDocument

BATCH = 500


def _describe(page: Page) -> SearchDocument | None:
    specific = page.specific
    own = getattr(specific, "search_document", None)
    if callable(own):
        return own()
    if page.url is None:  # outside every site: nobody could open the hit
        return None
    published = page.last_published_at or page.first_published_at or timezone.now()
    return SearchDocument(
        id=str(page.pk),
        index_number="",
        document_number="",
        title=page.title,
        body=page.search_description or "",
        attachment_text="",
        agency_code="",
        agency_name="",
        subject="",
        info_type="",
        validity="",
        published=timezone.localdate(published),
        url=page.url,
    )


def catalogue_documents(ids: Collection[str] | None = None) -> Iterator[SearchDocument]:
    """The searchable pages (all, or those among ``ids``), as search documents."""
    pages = Page.objects.live().public().filter(depth__gt=1).order_by("pk")
    if ids is not None:
        pages = pages.filter(pk__in=[int(i) for i in ids if str(i).isdigit()])
    for page in pages.iterator(chunk_size=BATCH):
        if (doc := _describe(page)) is not None:
            yield doc


def count_catalogue_documents() -> int:
    return Page.objects.live().public().filter(depth__gt=1).count()
