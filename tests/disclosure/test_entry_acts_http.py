"""Withdrawal (撤回) and validity (废止/失效) screens on a published entry (issue 13, 7)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.audit.models import AuditEntry
from gongkai.disclosure.models import CatalogueEntryPage
from gongkai.rules.catalogue import Validity
from tests.disclosure.test_catalogue import new_entry, run_chain


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def refused(response: Any) -> bool:
    """Wagtail's admin answers PermissionDenied by sending the user to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


@pytest.fixture
def published(catalogue: Any) -> CatalogueEntryPage:
    return run_chain(new_entry(catalogue), catalogue)


def test_the_final_approver_takes_a_leaked_entry_down(
    catalogue: Any, published: CatalogueEntryPage
) -> None:
    final = client_for(catalogue.user("a", "final_approver"))
    url = f"/admin/catalogue/{published.pk}/withdraw/"
    assert url in final.get(f"/admin/pages/{published.pk}/edit/").content.decode()
    listing = final.get(f"/admin/pages/{published.get_parent().pk}/").content.decode()
    assert url in listing

    empty = final.post(url, {"reason": "  "})
    assert empty.status_code == 200 and CatalogueEntryPage.objects.get(pk=published.pk).live
    done = final.post(url, {"reason": "正文含未脱敏的身份证号，先行撤回"})
    assert done.status_code == 302
    entry = CatalogueEntryPage.objects.get(pk=published.pk)
    assert not entry.live and entry.index_number == published.index_number
    audit = AuditEntry.objects.get(action="catalogue.entry.withdraw")
    assert audit.agency == catalogue.a and "身份证号" in audit.summary
    # Withdrawn: a replayed POST is refused with the reason, nothing more is recorded.
    again = final.post(url, {"reason": "正文含未脱敏的身份证号，先行撤回"})
    assert again.status_code == 200 and "未发布" in again.content.decode()
    assert AuditEntry.objects.filter(action="catalogue.entry.withdraw").count() == 1


def test_the_agency_administrator_may_withdraw_too(
    catalogue: Any, published: CatalogueEntryPage
) -> None:
    admin = client_for(catalogue.user("a", "agency_admin"))
    assert (
        admin.post(f"/admin/catalogue/{published.pk}/withdraw/", {"reason": "误发"}).status_code
        == 302
    )
    assert not CatalogueEntryPage.objects.get(pk=published.pk).live


@pytest.mark.parametrize("role", ["editor", "first_reviewer", "second_reviewer"])
def test_other_roles_of_the_agency_are_refused(
    catalogue: Any, published: CatalogueEntryPage, role: str
) -> None:
    client = client_for(catalogue.user("a", role))
    for act in ("withdraw", "validity"):
        url = f"/admin/catalogue/{published.pk}/{act}/"
        assert refused(client.get(url))
        assert refused(client.post(url, {"reason": "误发", "validity": "abolished"}))
    edit = client.get(f"/admin/pages/{published.pk}/edit/").content.decode()
    assert "/withdraw/" not in edit
    assert CatalogueEntryPage.objects.get(pk=published.pk).live


def test_another_agencys_ids_are_not_found(catalogue: Any, published: CatalogueEntryPage) -> None:
    for role in ("final_approver", "agency_admin"):
        client = client_for(catalogue.user("b", role))
        for act in ("withdraw", "validity"):
            url = f"/admin/catalogue/{published.pk}/{act}/"
            assert client.get(url).status_code == 404
            data = {"reason": "误发", "validity": "abolished", "changed_on": "2026-12-01"}
            assert client.post(url, data).status_code == 404
    entry = CatalogueEntryPage.objects.get(pk=published.pk)
    assert entry.live and entry.validity == Validity.VALID


def test_abolishing_records_the_date_and_the_abolishing_document(
    catalogue: Any, published: CatalogueEntryPage
) -> None:
    newer = run_chain(
        new_entry(
            catalogue, title="关于废止部分规范性文件的决定", document_number="测教发〔2026〕9号"
        ),
        catalogue,
    )
    foreign = run_chain(new_entry(catalogue, slug="b", title="民政局的文件"), catalogue, "b")
    final = client_for(catalogue.user("a", "final_approver"))
    url = f"/admin/catalogue/{published.pk}/validity/"
    screen = final.get(url).content.decode()
    assert "测教发〔2026〕9号" in screen and "民政局的文件" not in screen

    today = timezone.localdate()
    no_date = final.post(url, {"validity": "abolished", "changed_on": ""})
    assert no_date.status_code == 200 and "须填写日期" in no_date.content.decode()
    too_early = final.post(
        url, {"validity": "abolished", "changed_on": (today - timedelta(days=400)).isoformat()}
    )
    assert too_early.status_code == 200 and "不能早于发布日期" in too_early.content.decode()
    other = final.post(
        url, {"validity": "abolished", "changed_on": today.isoformat(), "superseded_by": foreign.pk}
    )
    assert other.status_code == 200
    assert CatalogueEntryPage.objects.get(pk=published.pk).validity == Validity.VALID

    done = final.post(
        url, {"validity": "abolished", "changed_on": today.isoformat(), "superseded_by": newer.pk}
    )
    assert done.status_code == 302
    entry = CatalogueEntryPage.objects.get(pk=published.pk)
    assert (entry.validity, entry.validity_changed_on, entry.superseded_by_id) == (
        Validity.ABOLISHED,
        today,
        newer.pk,
    )
    assert AuditEntry.objects.filter(action="catalogue.entry.validity", agency=catalogue.a).exists()
