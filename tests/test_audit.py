"""The audit log records every change, who made it and from where, and cannot be altered."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from gongkai.agencies.services import do_update_agency
from gongkai.audit.context import acting
from gongkai.audit.models import AuditEntry, AuditLogImmutableError
from gongkai.audit.services import record


def test_service_change_records_actor_diff_and_origin(district):
    with acting(actor=district.operator, channel="web", ip="10.1.2.3", user_agent="Firefox"):
        do_update_agency(agency=district.a, short_name="区教育局")
    entry = AuditEntry.objects.filter(action="agency.update").get()
    assert entry.actor == district.operator
    assert entry.actor_name == "operator"
    assert entry.agency == district.a
    assert entry.changes == {"short_name": ["教育局", "区教育局"]}
    assert (entry.channel, entry.ip, entry.user_agent) == ("web", "10.1.2.3", "Firefox")
    assert entry.object_type == "agencies.agency"
    assert entry.object_id == str(district.a.pk)


def test_unchanged_update_writes_nothing(district):
    before = AuditEntry.objects.count()
    do_update_agency(agency=district.a, short_name="教育局")
    assert AuditEntry.objects.count() == before


def test_admin_edit_is_audited_with_request_origin(client, district):
    client.force_login(district.operator)
    response = client.post(
        reverse("agencies:edit", args=[district.a.pk]),
        {
            "code": district.a.code,
            "name": "测试区教育局",
            "short_name": "教育",
            "kind": "department",
            "parent": district.a.parent_id,
            "is_active": "on",
        },
        REMOTE_ADDR="192.0.2.7",
        HTTP_USER_AGENT="TestBrowser/1.0",
    )
    assert response.status_code == 302, response.content[:2000]
    entry = AuditEntry.objects.filter(action="agency.update").get()
    assert entry.actor == district.operator
    assert entry.ip == "192.0.2.7"
    assert entry.user_agent == "TestBrowser/1.0"
    assert entry.changes["short_name"] == ["教育局", "教育"]


def test_login_and_failed_login_are_audited(client, district):
    client.post(
        reverse("wagtailadmin_login"),
        {"username": "a_editor", "password": "wrong"},
        REMOTE_ADDR="198.51.100.9",
    )
    failed = AuditEntry.objects.get(action="auth.login_failed")
    assert failed.ip == "198.51.100.9"
    assert failed.agency == district.a
    assert "a_editor" in failed.summary
    client.post(
        reverse("wagtailadmin_login"), {"username": "a_editor", "password": "Test-Passw0rd!"}
    )
    login = AuditEntry.objects.get(action="auth.login")
    assert login.actor == district.user("a", "editor")


def test_user_account_changes_are_audited_without_secrets(district):
    user = district.user("a", "editor")
    user.email = "new@example.org"
    user.set_password("An0ther-Passw0rd!")
    user.save()
    entry = AuditEntry.objects.get(action="user.update")
    assert entry.changes["email"] == ["", "new@example.org"]
    assert "An0ther" not in str(entry.changes)
    assert entry.changes["password"] == ["（已隐去）", "（已更改）"]


def test_entries_cannot_be_edited_or_deleted_through_the_orm(district):
    entry = record(action="test", summary="原始记录")
    entry.summary = "被篡改"
    with pytest.raises(AuditLogImmutableError):
        entry.save()
    with pytest.raises(AuditLogImmutableError):
        entry.delete()
    with pytest.raises(AuditLogImmutableError):
        AuditEntry.objects.filter(pk=entry.pk).update(summary="被篡改")
    with pytest.raises(AuditLogImmutableError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).summary == "原始记录"


def test_database_refuses_raw_update(district):
    entry = record(action="test", summary="原始记录")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditentry SET summary = %s WHERE id = %s", ["被篡改", entry.pk]
        )
    assert AuditEntry.objects.get(pk=entry.pk).summary == "原始记录"


def test_database_refuses_raw_delete_on_postgresql(district):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps DELETE open for the test runner's flush; see migration 0002")
    entry = record(action="test", summary="原始记录")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_admin_offers_no_way_to_change_entries(client, district):
    client.force_login(district.audit_admin)
    entry = AuditEntry.objects.first()
    inspect = client.get(reverse("audit:inspect", args=[entry.pk]))
    assert inspect.status_code == 200
    for view in ("edit", "delete"):
        response = client.post(reverse(f"audit:{view}", args=[entry.pk]), {"summary": "x"})
        assert response.status_code in {302, 403, 404}
    assert AuditEntry.objects.get(pk=entry.pk).summary == entry.summary


def test_visibility_follows_roles(district):
    admin_a = district.user("a", "agency_admin")
    agencies = set(AuditEntry.objects.visible_to(admin_a).values_list("agency", flat=True))
    assert agencies == {district.a.pk}
    assert not AuditEntry.objects.visible_to(district.user("a", "editor")).exists()
    every = AuditEntry.objects.visible_to(district.audit_admin).values_list("agency", flat=True)
    assert {district.a.pk, district.b.pk} <= set(every)
    # 三员分立: the operator (system administrator) does not read the log it is recorded in.
    assert not AuditEntry.objects.visible_to(district.operator).exists()


def test_wagtail_page_actions_are_mirrored(district):
    from wagtail.models import Page

    from gongkai.portal.setup import ensure_site

    with acting(actor=district.operator, channel="web", ip="203.0.113.5"):
        home = ensure_site()
        home.title = "新标题"
        revision = home.save_revision(user=district.operator)
        revision.publish(user=district.operator, skip_permission_checks=True)
    mirrored = AuditEntry.objects.filter(action__startswith="wagtail:")
    assert mirrored.filter(action="wagtail:wagtail.publish", object_id=str(home.pk)).exists()
    entry = mirrored.filter(action="wagtail:wagtail.publish").first()
    assert entry.actor == district.operator
    assert entry.ip == "203.0.113.5"
    assert Page.objects.get(pk=home.pk).title == "新标题"


def test_the_review_chain_is_in_the_agency_admins_log(catalogue):
    """Wagtail's own entries (create, submit, approve, publish) carry the page's agency."""
    from tests.disclosure.test_catalogue import new_entry, run_chain

    entry = run_chain(new_entry(catalogue), catalogue)
    assert entry.live
    mirrored = AuditEntry.objects.filter(action__startswith="wagtail:", object_id=str(entry.pk))
    actions = set(mirrored.values_list("action", flat=True))
    assert {
        "wagtail:wagtail.create",
        "wagtail:wagtail.workflow.start",
        "wagtail:wagtail.workflow.approve",
        "wagtail:wagtail.publish",
    } <= actions
    assert set(mirrored.values_list("agency", flat=True)) == {catalogue.a.pk}
    seen_by_admin = AuditEntry.objects.visible_to(catalogue.user("a", "agency_admin"))
    approvers = set(
        seen_by_admin.filter(
            action="wagtail:wagtail.workflow.approve", object_id=str(entry.pk)
        ).values_list("actor_name", flat=True)
    )
    assert approvers == {"a_first_reviewer", "a_second_reviewer", "a_final_approver"}
    assert not AuditEntry.objects.visible_to(catalogue.user("b", "agency_admin")).filter(
        object_id=str(entry.pk), action__startswith="wagtail:"
    )


def test_the_detail_shows_local_time_and_a_table_of_labelled_changes(client, district):
    import datetime as dt

    from django.utils import timezone

    from gongkai.agencies.services import do_update_agency

    do_update_agency(agency=district.a, short_name="测教育局", is_active=False)
    entry = AuditEntry.objects.filter(action="agency.update").get()
    client.force_login(district.audit_admin)
    page = client.get(reverse("audit:inspect", args=[entry.pk])).content.decode()
    shanghai = timezone.localtime(entry.created_at, dt.timezone(dt.timedelta(hours=8)))
    assert f"{shanghai:%Y-%m-%d %H:%M:%S}" in page
    utc = entry.created_at.astimezone(dt.UTC)
    assert f"{utc:%H:%M}" not in page or utc.hour == shanghai.hour
    assert "简称" in page and "测教育局" in page and "→" in page
    assert "启用" in page and "是" in page and "否" in page
    assert "{&#x27;" not in page and "[&#x27;" not in page  # no raw Python dict or list
    listing = client.get(reverse("audit:index")).content.decode()
    assert f"{shanghai:%Y-%m-%d %H:%M:%S}" in listing


def test_a_documents_log_entries_carry_its_collections_agency(catalogue):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.log_actions import log

    from gongkai.disclosure.permissions import agency_collection

    editor = catalogue.user("a", "editor")
    document = get_document_model().objects.create(
        title="附件",
        file=ContentFile(b"%PDF-1.4", name="a.pdf"),
        collection=agency_collection(catalogue.a),
    )
    with acting(actor=editor):
        log(document, "wagtail.create", user=editor)
    entry = AuditEntry.objects.get(action="wagtail:wagtail.create", object_id=str(document.pk))
    assert entry.agency == catalogue.a
    assert AuditEntry.objects.visible_to(catalogue.user("a", "agency_admin")).filter(pk=entry.pk)
