"""Template tags of the public portal."""

from __future__ import annotations

from django import template

from gongkai.disclosure.models import CatalogueEntryPage
from gongkai.portal.related import RelatedEntries, related_entries
from gongkai.portal.richtext import public_html

register = template.Library()


@register.simple_tag
def related_for(entry: CatalogueEntryPage) -> RelatedEntries:
    """信息关联 for an entry page (the page model stays free of portal queries)."""
    return related_entries(entry)


@register.filter
def public_richtext(value: str | None) -> str:
    """``|richtext`` for public pages: the same expansion, sanitised (portal/richtext.py)."""
    return public_html(value)
