"""A portal page changed behind gongkai's back is tampered; an ordinary publication is not."""

from __future__ import annotations

from typing import Any

from django.test import Client

from gongkai.inspection.crawler import CrawlOptions
from gongkai.inspection.inspect import inspect_sites
from gongkai.inspection.portal import approved_documents
from tests.disclosure.test_catalogue import new_entry, run_chain
from tests.inspection.conftest import TODAY
from tests.inspection.site import Site, serving

FAST = CrawlOptions(delay=0, timeout=5, concurrency=2, probes=0)


def _tampered(entry: Any, html: str) -> list[Any]:
    """Serve ``html`` at the entry's path on loopback and inspect it against the approval."""
    path = entry.get_url_parts()[2]
    site = Site()
    with serving(site):
        site.html(path, html)
        approved = approved_documents(site.base)
        inspection = inspect_sites([site.base + path], today=TODAY, options=FAST, approved=approved)
    return [f for f in inspection.findings if f.type.value == "tampered_page"]


def _served(entry: Any) -> str:
    return Client().get(entry.get_url_parts()[2]).content.decode()


def test_altered_cached_html_is_tampered_and_publication_is_not(catalogue: Any) -> None:
    entry = run_chain(new_entry(catalogue), catalogue)
    html = _served(entry)
    assert "现将有关事项通知如下" in html
    assert _tampered(entry, html) == []

    altered = html.replace("现将有关事项通知如下。", "现将有关事项通知如下。<p>澳门博彩官网</p>")
    [finding] = _tampered(entry, altered)
    assert "澳门博彩官网" in finding.evidence
    assert finding.url.endswith(entry.get_url_parts()[2])

    entry.body = "<p>修订后的正文：开学时间调整为9月2日。</p>"
    entry.save_revision(user=catalogue.user("a", "editor"))
    entry = run_chain(entry, catalogue)
    assert _tampered(entry, _served(entry)) == []
    # The old page, served after the new approval, no longer matches it.
    assert _tampered(entry, html)


def test_a_changed_template_is_tampered(catalogue: Any) -> None:
    entry = run_chain(new_entry(catalogue), catalogue)
    html = _served(entry).replace(
        '<div class="panel document">',
        '<div class="panel document"><p>本站已迁移至新网址</p>',
    )
    assert _tampered(entry, html)
