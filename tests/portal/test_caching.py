"""The public page cache: hits for anonymous readers, invalidated by publication."""

from __future__ import annotations

from typing import Any

from django.test import Client

from gongkai.portal.caching import HEADER, catalogue_version


def test_second_view_is_a_hit_and_publication_invalidates(
    portal: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    assert client.get("/catalogue/")[HEADER] == "miss"
    assert client.get("/catalogue/")[HEADER] == "hit"
    before = catalogue_version()
    with django_capture_on_commit_callbacks(execute=True):
        portal.publish("news", title="关于开展防汛演练的通知", column="emergencies")
    assert catalogue_version() > before
    response = client.get("/catalogue/")
    assert response[HEADER] == "miss" and "关于开展防汛演练的通知" in response.content.decode()


def test_display_mode_has_its_own_cache_entry(portal: Any, client: Client) -> None:
    client.get("/catalogue/")
    client.cookies["gk_display"] = "large"
    response = client.get("/catalogue/")
    assert response[HEADER] == "miss" and 'class="display-large"' in response.content.decode()


def test_signed_in_users_forms_and_search_are_not_cached(portal: Any, client: Client) -> None:
    client.get("/search/?q=低保")
    assert HEADER not in client.get("/search/?q=低保")
    client.get("/track/")  # a form with a CSRF token
    assert client.get("/track/").get(HEADER) is None
    client.force_login(portal.district.operator)
    assert HEADER not in client.get("/catalogue/")


def test_etag_gives_not_modified(portal: Any, client: Client) -> None:
    first = client.get(portal.entries["dibao"].url)
    assert first.status_code == 200 and first.has_header("ETag")
    assert "max-age" in first["Cache-Control"]
    again = client.get(portal.entries["dibao"].url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_validity_change_invalidates(
    portal: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    from datetime import date

    from gongkai.disclosure.services.catalogue import do_change_validity

    entry = portal.entries["dibao"]
    assert "有效" in client.get(entry.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        do_change_validity(
            entry=entry,
            validity="expired",
            changed_on=date(2025, 6, 1),
            user=portal.district.operator,
        )
    response = client.get(entry.url)
    assert response[HEADER] == "miss" and "本文件已失效" in response.content.decode()


def test_a_new_query_string_on_the_home_page_reuses_its_lists_until_a_publication(
    portal: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    # A shared link gains ?from=… per reader: each is a page-cache miss, but the
    # latest entries are kept per catalogue version, and a publication still shows.
    first = client.get("/?from=singlemessage")
    assert first[HEADER] == "miss"
    with django_capture_on_commit_callbacks(execute=True):
        portal.publish("news", title="关于公布年度预算的说明", column="budget")
    response = client.get("/?from=timeline")
    assert response[HEADER] == "miss" and "关于公布年度预算的说明" in response.content.decode()
