"""Rich text as the public sees it: Wagtail's expansion, then nh3's allow-list.

Wagtail's editor keeps what staff type to its own features, but a RichTextField holds
whatever HTML was saved into it: a page made in the shell or by a migration, an entry
imported from an old system, a revision restored from a backup. ``|richtext`` renders
that HTML as it is. Every public rendering of rich text (pages, the print view, the
open-data API) goes through :func:`public_html`, so a ``<script>``, an ``onerror=`` or a
``javascript:`` link never reaches a visitor, whichever way it got in.
"""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe
from wagtail.rich_text import expand_db_html

# nh3's defaults (formatting, lists, tables, links, images; http/https/mailto and relative
# URLs), plus ``class`` for Wagtail's image alignment (richtext-image left/right/full-width).
ATTRIBUTES = {**nh3.ALLOWED_ATTRIBUTES, "*": {"class"}}


def public_html(value: str | None) -> SafeString:
    """The stored rich text, links and images expanded, sanitised."""
    return mark_safe(nh3.clean(expand_db_html(value or ""), attributes=ATTRIBUTES))
