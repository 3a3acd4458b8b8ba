"""What gongkai itself knows about its portal: the approved text of every live entry.

Read from each entry's live revision — what the review chain approved — not from the page
row or the page cache, which are what tampering would change.
"""

from __future__ import annotations

from typing import Any

from wagtail.rich_text import expand_db_html

from gongkai.extraction.html_text import html_to_text


def approved_documents(base_url: str) -> dict[str, str]:
    """Portal URL → the text the entry's ``<div class="document">`` should show."""
    from gongkai.disclosure.models import CatalogueEntryPage

    base = base_url.rstrip("/")
    approved: dict[str, str] = {}
    for page in CatalogueEntryPage.objects.live().select_related("live_revision"):
        parts = page.get_url_parts()
        if not parts or page.live_revision is None:
            continue
        entry = page.live_revision.as_object()
        approved[f"{base}{parts[2]}"] = document_text(
            entry, has_attachments=page.attachments.exists()
        )
    return approved


def document_text(entry: Any, *, has_attachments: bool) -> str:
    """The entry page template's document block, as text (title, 文号, validity, body)."""
    lines = [entry.title, entry.document_number]
    if entry.validity != "valid":
        changed = entry.validity_changed_on
        when = f"（{changed.year}年{changed.month}月{changed.day}日）" if changed else ""
        lines.append(f"本文件已{entry.validity_label}{when}，仅供查阅。")
    lines.append(html_to_text(expand_db_html(entry.body)))
    if has_attachments:
        lines.append("附件")
    return "\n".join(lines)
