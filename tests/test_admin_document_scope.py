"""Another agency's documents, drafts and staff stay out of the admin (issue 12.3).

Tried as agency b's editor (``jyj_editor`` of the demo) against the screens that read by
id or list everything: the admin documents API, the document listing and chooser, the
bulk-action confirmation pages, the workflow report's filters and the workflow pages of
a page. Agency a's own editor still reaches its own objects.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model

from gongkai.disclosure.permissions import agency_collection
from tests.disclosure.test_catalogue import new_entry

SECRET_TITLE = "低保名单（含未脱敏身份证号）"
SECRET_DRAFT = "关于某某同志任职的通知（草稿）"


@pytest.fixture
def foreign(catalogue: Any) -> Any:
    """Agency a's document and a draft in review; agency b's own document and draft."""
    catalogue.document = get_document_model().objects.create(
        title=SECRET_TITLE,
        file=ContentFile(b"%PDF-1.4 secret", name="dibao.pdf"),
        collection=agency_collection(catalogue.a),
    )
    catalogue.own_document = get_document_model().objects.create(
        title="民政局自己的附件",
        file=ContentFile(b"%PDF-1.4 own", name="own.pdf"),
        collection=agency_collection(catalogue.b),
    )
    catalogue.draft = new_entry(catalogue, title=SECRET_DRAFT)
    catalogue.draft.get_workflow().start(catalogue.draft, catalogue.user("a", "editor"))
    own = new_entry(catalogue, slug="b", title="民政局自己的草稿")
    own.get_workflow().start(own, catalogue.user("b", "editor"))
    catalogue.own_draft = own
    return catalogue


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _text(response: Any) -> str:
    return response.content.decode()


def test_the_documents_api_lists_only_the_agencys_own(foreign: Any) -> None:
    b = _as(foreign.user("b", "editor"))
    listing = b.get("/admin/api/main/documents/")
    assert listing.status_code == 200
    assert SECRET_TITLE not in _text(listing) and "民政局自己的附件" in _text(listing)
    assert b.get(f"/admin/api/main/documents/{foreign.document.pk}/").status_code == 404
    own = b.get(f"/admin/api/main/documents/{foreign.own_document.pk}/")
    assert own.status_code == 200
    a = _as(foreign.user("a", "editor"))
    assert SECRET_TITLE in _text(a.get(f"/admin/api/main/documents/{foreign.document.pk}/"))


def test_the_document_listing_and_chooser_show_no_foreign_title(foreign: Any) -> None:
    b = _as(foreign.user("b", "editor"))
    for url in ("/admin/documents/", "/admin/documents/chooser/", "/admin/documents/?q=低保"):
        response = b.get(url)
        assert response.status_code == 200, url
        assert SECRET_TITLE not in _text(response), url
    assert b.get(f"/admin/documents/edit/{foreign.document.pk}/").status_code in (302, 403, 404)


@pytest.mark.parametrize("action", ["delete", "add_to_collection", "add_tags"])
def test_bulk_actions_on_a_foreign_document_answer_404(foreign: Any, action: str) -> None:
    url = f"/admin/bulk/wagtaildocs/document/{action}/?id={foreign.document.pk}"
    b = _as(foreign.user("b", "editor"))
    response = b.get(url)
    assert response.status_code == 404 and SECRET_TITLE not in _text(response)
    mixed = b.get(f"{url}&id={foreign.own_document.pk}")
    assert mixed.status_code == 404 and SECRET_TITLE not in _text(mixed)
    assert _as(foreign.user("a", "editor")).get(url).status_code == 200


@pytest.mark.parametrize("action", ["delete", "move", "publish", "unpublish"])
def test_bulk_actions_on_a_foreign_draft_answer_404(foreign: Any, action: str) -> None:
    url = f"/admin/bulk/wagtailcore/page/{action}/?id={foreign.draft.pk}"
    response = _as(foreign.user("b", "editor")).get(url)
    assert response.status_code == 404 and SECRET_DRAFT not in _text(response)
    own = f"/admin/bulk/wagtailcore/page/{action}/?id={foreign.own_draft.pk}"
    assert _as(foreign.user("b", "editor")).get(own).status_code == 200


def test_bulk_all_under_a_foreign_parent_answers_404(foreign: Any) -> None:
    parent = foreign.draft.get_parent()
    url = f"/admin/bulk/wagtailcore/page/delete/?id=all&childOf={parent.pk}"
    response = _as(foreign.user("b", "editor")).get(url)
    assert response.status_code == 404 and SECRET_DRAFT not in _text(response)


def test_the_workflow_report_names_no_foreign_requester(foreign: Any) -> None:
    b = _as(foreign.user("b", "editor"))
    for url in ("/admin/reports/workflow/", "/admin/reports/workflow/results/"):
        html = _text(b.get(url))
        assert "a_editor" not in html and SECRET_DRAFT not in html, url
        assert "b_editor" in html or "b编辑" in html or url.endswith("results/"), url
    tasks = _text(b.get("/admin/reports/workflow_tasks/"))
    assert SECRET_DRAFT not in tasks and "a_editor" not in tasks


def test_a_foreign_drafts_workflow_pages_answer_404(foreign: Any) -> None:
    b = _as(foreign.user("b", "editor"))
    cancel = f"/admin/pages/workflow/confirm_cancellation/{foreign.draft.pk}/"
    response = b.get(cancel)
    assert response.status_code == 404 and SECRET_DRAFT not in _text(response)
    for reviewer in ("first_reviewer", "final_approver", "agency_admin", "disclosure_officer"):
        assert _as(foreign.user("b", reviewer)).get(cancel).status_code == 404, reviewer
    task = foreign.draft.current_workflow_task
    preview = f"/admin/pages/workflow/preview/{foreign.draft.pk}/{task.pk}/"
    assert b.get(preview).status_code == 404
    assert _as(foreign.user("a", "editor")).get(cancel).status_code == 200
