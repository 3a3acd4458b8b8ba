"""Feeds, sitemap and the read-only JSON API: published data only, schema complete."""

from __future__ import annotations

import json
import re
from typing import Any
from xml.etree import ElementTree

from django.test import Client

from gongkai.portal import urls as portal_urls
from gongkai.portal.openapi import schema


def test_column_and_agency_feeds_list_published_entries(portal: Any, client: Client) -> None:
    entry = portal.entries["dibao"]
    column = entry.get_parent()
    for url in (
        f"/feeds/column/{column.pk}/rss.xml",
        f"/feeds/column/{column.pk}/atom.xml",
        f"/feeds/agency/{portal.district.b.code}/rss.xml",
        f"/feeds/agency/{portal.district.b.code.lower()}/atom.xml",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        ElementTree.fromstring(response.content)
        assert entry.title in response.content.decode()
    assert client.get("/feeds/column/999999/rss.xml").status_code == 404
    assert client.get("/feeds/agency/NOPE/rss.xml").status_code == 404


def test_sitemap_lists_entry_pages(
    portal: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-entries.xml" in index and "/sitemap-pages.xml" in index
    entries = client.get("/sitemap-entries.xml").content.decode()
    assert portal.entries["budget"].url in entries
    pages = client.get("/sitemap-pages.xml").content.decode()
    assert portal.entries["budget"].get_parent().url in pages and "/sitemap-" not in pages
    with django_capture_on_commit_callbacks(execute=True):
        portal.entries["budget"].unpublish()
    assert portal.entries["budget"].url not in client.get("/sitemap-entries.xml").content.decode()


def test_api_catalogue_list_detail_and_errors(portal: Any, client: Client) -> None:
    data = client.get(f"/api/catalogue/?agency={portal.district.b.code}").json()
    assert data["count"] == 2 and {r["index_number"] for r in data["results"]} == {
        portal.entries["dibao"].index_number,
        portal.entries["dibao_old"].index_number,
    }
    old = portal.entries["dibao_old"]
    detail = client.get(f"/api/catalogue/{old.pk}/").json()
    assert detail["validity"] == "abolished"
    assert detail["superseded_by"] == portal.entries["dibao"].pk
    bad = client.get("/api/catalogue/?per_page=5000")
    assert bad.status_code == 400 and "per_page" in bad.json()["error"]
    assert client.get("/api/catalogue/?page=99").status_code == 404
    assert client.get("/api/catalogue/?type=nope").status_code == 400


def test_api_search_matches_the_search_page(portal: Any, client: Client) -> None:
    data = client.get("/api/search/?q=低保").json()
    assert data["total"] == 2
    assert all("<mark>低保</mark>" in hit["title_html"] for hit in data["hits"])
    assert client.get("/api/search/?q=低保&after=bad").status_code == 400


def test_api_reports_only_final_ones(portal: Any, client: Client) -> None:
    assert client.get("/api/reports/").json() == {"results": []}
    response = client.get(f"/api/reports/{portal.district.a.code}/2025/")
    assert response.status_code == 404 and "年度报告" in response.json()["error"]


def test_openapi_describes_every_api_route(portal: Any, client: Client) -> None:
    served = client.get("/api/openapi.json")
    assert served.status_code == 200 and json.loads(served.content) == schema()
    described = {re.sub(r"\{[^}]+\}", "{}", p) for p in schema()["paths"]}
    routes = {
        "/" + re.sub(r"<[^>]+>", "{}", str(p.pattern))
        for p in portal_urls.urlpatterns
        if str(p.pattern).startswith("api/") and str(p.pattern) != "api/openapi.json"
    }
    assert routes and routes == described
