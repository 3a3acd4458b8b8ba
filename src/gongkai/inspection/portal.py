"""What gongkai itself knows about its portal: the approved text of every live entry, the
mandatory columns each agency must keep, and which agency a portal URL belongs to.

Approved texts are read from each entry's live revision — what the review chain approved —
not from the page row or the page cache, which are what tampering would change.
"""

from __future__ import annotations

from typing import Any

from wagtail.rich_text import expand_db_html

from gongkai.extraction.html_text import html_to_text
from gongkai.inspection.checks.mandatory import AgencyColumns, ExpectedColumn
from gongkai.rules.catalogue import (
    LOCAL_GOVERNMENT_KINDS,
    ORGANISATION_COLUMN_KEY,
    mandatory_columns,
)


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


def agency_columns(base_url: str) -> list[AgencyColumns]:
    """Per agency with a catalogue branch: the Art. 20/21 columns it must keep, each with
    its portal URL, or none when the column is missing from the branch."""
    from gongkai.disclosure.models import AgencyCataloguePage, ColumnPage

    base = base_url.rstrip("/")
    result = []
    for branch in AgencyCataloguePage.objects.live().select_related("agency").order_by("path"):
        agency = branch.agency
        present = {
            column.key: column
            for column in ColumnPage.objects.live().child_of(branch).exclude(key="")
        }
        expected = []
        for rule in mandatory_columns(local_government=agency.kind in LOCAL_GOVERNMENT_KINDS):
            # 机构信息 (Art. 20 (二)) is the agency's catalogue page itself.
            if rule.key == ORGANISATION_COLUMN_KEY:
                continue
            page = present.get(rule.key)
            parts = page.get_url_parts() if page is not None else None
            expected.append(
                ExpectedColumn(
                    title=rule.title,
                    article=rule.article,
                    url=f"{base}{parts[2]}" if parts else "",
                    stale_after_days=page.stale_after_days if page else rule.stale_after_days,
                )
            )
        parts = branch.get_url_parts()
        result.append(
            AgencyColumns(
                agency=agency.name,
                url=f"{base}{parts[2]}" if parts else f"{base}/",
                columns=tuple(expected),
            )
        )
    return result


def owning_agency_id(url: str) -> int | None:
    """The agency whose catalogue branch serves the portal path of ``url``, if any."""
    from urllib.parse import urlsplit

    from gongkai.disclosure.models import AgencyCataloguePage

    path = urlsplit(url).path or "/"
    best: tuple[int, int] | None = None
    for branch in AgencyCataloguePage.objects.live().only("pk", "agency_id", "url_path"):
        parts = branch.get_url_parts()
        prefix = parts[2] if parts else ""
        if prefix and path.startswith(prefix) and (best is None or len(prefix) > best[0]):
            best = (len(prefix), branch.agency_id)
    return best[1] if best else None
