"""The inspection finds every planted problem at its URL and nothing on the clean pages."""

from __future__ import annotations

from gongkai.inspection.columns import parse_columns
from gongkai.inspection.crawler import CrawlOptions
from gongkai.inspection.inspect import inspect_sites
from tests.inspection.conftest import CLEAN_PAGES, COLUMNS_CSV, TODAY
from tests.inspection.site import Site

FAST = CrawlOptions(delay=0, timeout=5, concurrency=4, check_external=True, probes=20)


def _run(site: Site, **options: object):
    columns = parse_columns(COLUMNS_CSV.format(base=site.base))
    crawl = CrawlOptions(**{**FAST.__dict__, **options})
    return inspect_sites([site.base + "/"], today=TODAY, columns=columns, options=crawl)


def _found(inspection) -> set[tuple[str, str, str]]:
    return {(f.type.value, f.url, f.target) for f in inspection.findings}


def test_every_planted_problem_is_found_at_its_url(planted) -> None:
    site, outside = planted
    inspection = _run(site)
    found = _found(inspection)
    home = site.base + "/"
    assert ("broken_link", home, site.base + "/missing.html") in found
    assert any(t == "broken_link" and u == home and "/gone" in g for t, u, g in found)
    assert ("hidden_link", home, outside.base + "/casino") in found
    assert ("redirected_link", home, outside.base + "/moved") in found
    assert ("stale_column", site.base + "/news/", "") in found
    assert ("stale_column", site.base + "/notices/", "") in found
    assert {u for t, u, _ in found if t == "empty_column"} == {
        f"{site.base}/empty{i}/" for i in range(1, 6)
    }
    assert ("id_card", site.base + "/notices/2025/list.pdf", "") in found
    assert ("bank_card", site.base + "/policy/2026/card.docx", "") in found
    assert ("mobile", site.base + "/news/2026/phone.html", "") in found
    assert ("secret_mark", site.base + "/news/2026/secret.html", "") in found
    assert ("wording_error", site.base + "/news/2026/leader.html", "") in found


def test_clean_pages_have_no_findings(planted) -> None:
    site, _ = planted
    inspection = _run(site)
    urls = {f.url for f in inspection.findings}
    assert not urls & {site.base + path for path in CLEAN_PAGES}
    assert ("stale_column", site.base + "/policy/", "") not in _found(inspection)


def test_evidence_is_masked(planted) -> None:
    site, _ = planted
    evidence = " ".join(f.evidence for f in _run(site).findings)
    assert "13812345678" not in evidence and "138****5678" in evidence
    assert "11010519491231002X" not in evidence


def test_veto_items_fail_with_their_evidence(planted) -> None:
    site, _ = planted
    verdicts = {v.indicator.value: v for v in _run(site).veto[site.base + "/"]}
    assert verdicts["站点无法访问"].passed is True
    assert verdicts["首页不更新"].passed is True
    assert verdicts["栏目不更新"].passed is False
    assert "空白栏目5个" in verdicts["栏目不更新"].evidence
    assert verdicts["安全、泄密事故等严重问题"].passed is False


def test_outside_links_are_not_checked_unless_allowed(planted) -> None:
    site, outside = planted
    inspection = _run(site, check_external=False)
    assert not [f for f in inspection.findings if f.type.value == "redirected_link"]
    assert outside.base + "/moved" in inspection.crawl.not_checked
    assert not [r for r in outside.requests if r[1] == "/moved"]


def test_robots_txt_is_respected(planted) -> None:
    site, _ = planted
    site.html("/robots.txt", "")
    site.pages["/robots.txt"] = (200, "text/plain", b"User-agent: *\nDisallow: /news/\n")
    inspection = _run(site)
    assert not [r for r in site.requests if r[1].startswith("/news/")]
    assert any(url.startswith(site.base + "/news/") for url in inspection.crawl.robots_refused)


def test_page_budget_is_kept(planted) -> None:
    site, _ = planted
    inspection = _run(site, max_pages=3)
    assert len(inspection.crawl.pages) <= 3
    assert inspection.crawl.over_budget


def test_unchanged_pages_are_not_read_again(planted) -> None:
    site, _ = planted
    cache: dict = {}
    columns = parse_columns(COLUMNS_CSV.format(base=site.base))
    first = inspect_sites(
        [site.base + "/"], today=TODAY, columns=columns, options=FAST, cache=cache
    )
    site.requests.clear()
    second = inspect_sites(
        [site.base + "/"], today=TODAY, columns=columns, options=FAST, cache=cache
    )
    assert ("GET", "/news/2026/phone.html", "304") in site.requests
    assert _found(first) == _found(second)
