"""The leaks the isolation matrix found, each pinned by its own case (issue 17.1).

Each screen named another agency's draft titles or applicants' requests; the fix sits
where the screen decides what it shows (gongkai.disclosure.staff.scoped_admin, the page
chooser hook, the junk screen). Agency a's staff still get their own.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.isolation.world import CONTENT, PERSONAL, World

pytestmark = pytest.mark.django_db


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_page_chooser_offers_no_foreign_draft_title(world: World) -> None:
    editor = _as(world.district.user("a", "editor"))
    foreign = editor.get(f"/admin/choose-page/{world.b['column'].pk}/").content.decode()
    assert "QXBDRAFT" not in foreign and "QXBLIVEDRAFT" not in foreign
    search = editor.get("/admin/choose-page/search/?q=QXBDRAFT").content.decode()
    assert "QXBDRAFT" not in search
    own = editor.get(f"/admin/choose-page/{world.a['column'].pk}/").content.decode()
    assert "\\u7532\\u5c40\\u81ea\\u5df1\\u7684\\u8349\\u7a3f" in own  # 甲局自己的草稿


def test_a_draft_above_ones_branch_does_not_block_the_way_down(world: World) -> None:
    """The district's pages above every branch stay browsable with a draft pending."""
    from wagtail.models import Page

    branch = world.a["column"].get_parent()
    above = branch.get_parent()
    Page.objects.filter(pk=above.pk).update(has_unpublished_changes=True)
    editor = _as(world.district.user("a", "editor"))
    parent = above.get_parent()
    html = editor.get(f"/admin/choose-page/{parent.pk}/").content.decode()
    assert f"/admin/choose-page/{above.pk}/" in html
    assert (
        f"/admin/choose-page/{branch.pk}/"
        in editor.get(f"/admin/choose-page/{above.pk}/").content.decode()
    )


def test_choosing_a_foreign_draft_by_id_answers_404(world: World) -> None:
    editor = _as(world.district.user("a", "editor"))
    url = "/admin/choose-page/chosen-multiple/?id={}"
    assert editor.get(url.format(world.b["page"].pk)).status_code == 404
    assert editor.get(url.format(world.a["page"].pk)).status_code == 200


def test_the_move_confirmation_of_a_foreign_page_answers_404(world: World) -> None:
    editor = _as(world.district.user("a", "editor"))
    foreign = editor.get(f"/admin/pages/{world.b['page'].pk}/move/{world.a['column'].pk}/confirm/")
    assert foreign.status_code == 404 and CONTENT["draft"] not in foreign.content.decode()
    into = editor.get(f"/admin/pages/{world.a['page'].pk}/move/{world.b['column'].pk}/confirm/")
    assert into.status_code == 404
    operator = _as(world.district.operator)
    url = f"/admin/pages/{world.b['page'].pk}/move/{world.b['column'].pk}/confirm/"
    assert operator.get(url).status_code == 200


def test_the_page_types_report_names_only_ones_own_last_edit(world: World) -> None:
    for url in ("/admin/reports/page-types-usage/", "/admin/reports/page-types-usage/results/"):
        html = _as(world.district.user("a", "editor")).get(url).content.decode()
        assert "QXB" not in html, url
        assert "甲局自己的草稿" in html, url
    html = _as(world.district.user("b", "editor")).get("/admin/reports/page-types-usage/")
    assert CONTENT["live_draft"] in html.content.decode()


def test_the_junk_screen_shows_the_operator_no_applicants_requests(world: World) -> None:
    operator = _as(world.district.operator).get("/admin/applications/junk/")
    assert operator.status_code in (302, 403)  # Wagtail turns the refusal into a message
    assert PERSONAL["description"] not in operator.content.decode()
    a_officer = _as(world.district.user("a", "disclosure_officer"))
    assert (
        PERSONAL["description"] not in a_officer.get("/admin/applications/junk/").content.decode()
    )
    b_officer = _as(world.district.user("b", "disclosure_officer"))
    assert PERSONAL["description"] in b_officer.get("/admin/applications/junk/").content.decode()


def test_an_incomplete_screening_term_is_a_form_error_not_a_crash(world: World) -> None:
    response = _as(world.district.operator).post("/admin/screening_terms/new/", {"term": "x"})
    assert response.status_code == 200
    assert "这个字段是必填项" in response.content.decode() or "必填" in response.content.decode()
