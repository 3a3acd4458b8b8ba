"""三员分立: the system administrator (the operator), the security administrator and the
audit administrator each do their own part, and nobody alters the audit log."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Agency, Membership, Role
from gongkai.agencies.services import do_create_staff_user, do_grant_role, require_member_of
from gongkai.applications.models import Application
from gongkai.audit.context import acting
from gongkai.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
PASSWORD = "Test-Passw0rd!"


def _get(client: Client, url: str) -> Any:
    response = client.get(url)
    return response.status_code, response.content.decode()


def test_the_three_are_roles_beside_the_agencies_own() -> None:
    assert Role.SECURITY_ADMIN.label == "安全管理员"
    assert Role.AUDIT_ADMIN.label == "审计管理员"


def test_the_audit_administrator_reads_the_whole_log_and_changes_nothing(
    client: Client, district: Any
) -> None:
    client.force_login(district.audit_admin)
    status, html = _get(client, reverse("audit:index"))
    assert status == 200
    assert "测试区教育局" in html and "测试区民政局" in html
    assert "校验哈希链" in html
    export = client.get(reverse("audit:index") + "?export=csv")
    assert "测试区民政局".encode() in b"".join(export.streaming_content)

    # Reads the platform's configuration ...
    for url in (reverse("agencies:index"), reverse("memberships:index")):
        assert _get(client, url)[0] == 200, url
    # ... and changes none of it.
    name = district.a.name
    for url in (
        reverse("agencies:add"),
        reverse("agencies:edit", args=[district.a.pk]),
        reverse("memberships:add"),
        reverse("agencies_create_staff"),
        reverse("agencies_lockouts"),
        reverse("accounts_security"),
    ):
        assert client.get(url).status_code in {302, 403}, url
    client.post(reverse("agencies:edit", args=[district.a.pk]), {"name": "改名"})
    assert Agency.objects.get(pk=district.a.pk).name == name
    with acting(actor=district.audit_admin), pytest.raises(PermissionDenied):
        do_grant_role(user=district.user("a", "editor"), agency=district.a, role="first_reviewer")
    # Its membership names an agency, but it does none of that agency's work.
    root = district.a.parent
    with acting(actor=district.audit_admin), pytest.raises(PermissionDenied):
        require_member_of(root)
    assert not Application.objects.visible_to(district.audit_admin).exists()


@pytest.mark.parametrize("platform", ["operator", "security_admin", "audit_admin", "superuser"])
def test_nobody_alters_or_deletes_an_audit_entry_through_the_admin(
    client: Client, district: Any, platform: str
) -> None:
    if platform == "superuser":
        user = get_user_model().objects.create_superuser("root", password=PASSWORD)
    else:
        user = getattr(district, platform)
    client.force_login(user)
    entry = AuditEntry.objects.filter(agency=district.a).first()
    before = (entry.summary, entry.changes)
    count = AuditEntry.objects.count()

    for view in ("edit", "delete"):
        response = client.post(reverse(f"audit:{view}", args=[entry.pk]), {"summary": "改过"})
        assert response.status_code in {302, 403, 404}, view
    bulk = client.post(
        "/admin/bulk/audit/auditentry/delete/?id=" + str(entry.pk), {"id": [entry.pk]}
    )
    assert bulk.status_code in {302, 403, 404}
    entry.refresh_from_db()
    assert (entry.summary, entry.changes) == before
    # Nothing was removed (entries may be added: a login, an access record).
    assert AuditEntry.objects.count() >= count
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_operator_no_longer_reads_the_log_nor_guards_accounts(
    client: Client, district: Any
) -> None:
    client.force_login(district.operator)
    assert "测试区民政局" not in _get(client, reverse("audit:index"))[1]
    for url in (reverse("agencies_lockouts"), reverse("accounts_security")):
        assert client.get(url).status_code in {302, 403}, url
    # It still runs the platform.
    assert _get(client, reverse("agencies:add"))[0] == 200


def test_the_security_administrator_guards_every_account(client: Client, district: Any) -> None:
    client.force_login(district.security_admin)
    status, html = _get(client, reverse("accounts_security"))
    assert status == 200
    assert "a_editor" in html and "b_editor" in html and "operator" in html
    assert _get(client, reverse("agencies_lockouts"))[0] == 200
    assert client.get(reverse("audit:index")).status_code in {302, 403}
    assert client.get(reverse("agencies:add")).status_code in {302, 403}


def test_single_operator_mode_gives_the_operator_all_three(
    client: Client, district: Any, settings: Any
) -> None:
    settings.GONGKAI_SEPARATION_OF_DUTIES = False
    client.force_login(district.operator)
    assert "测试区民政局" in _get(client, reverse("audit:index"))[1]
    assert _get(client, reverse("accounts_security"))[0] == 200
    assert _get(client, reverse("agencies_lockouts"))[0] == 200
    with acting(actor=district.operator):
        do_grant_role(user=district.user("a", "editor"), agency=district.a, role="audit_admin")


def test_the_three_are_granted_only_from_the_shell_and_never_combined(district: Any) -> None:
    editor = district.user("a", "editor")
    with acting(actor=district.operator), pytest.raises(PermissionDenied, match="命令行"):
        do_grant_role(user=editor, agency=district.a, role="security_admin")
    with acting(actor=district.security_admin), pytest.raises(PermissionDenied):
        do_grant_role(user=district.security_admin, agency=district.a, role="audit_admin")
    # The server's shell (the fixtures' actor) grants them, one to a person.
    with pytest.raises(ValidationError, match="三员分立"):
        do_grant_role(user=district.operator, agency=district.a, role="audit_admin")
    with pytest.raises(ValidationError, match="不兼任其他任何角色"):
        do_grant_role(user=district.audit_admin, agency=district.a, role="editor")
    with pytest.raises(ValidationError, match="不兼任其他任何角色"):
        do_grant_role(user=editor, agency=district.a, role="security_admin")
    with pytest.raises(ValidationError):
        do_create_staff_user(
            username="two_hats",
            password=PASSWORD,
            full_name="两顶帽子",
            agency=district.a,
            roles=["operator", "audit_admin"],
        )
    assert not get_user_model().objects.filter(username="two_hats").exists()
    # The operator may still hold an agency's role (it has always could).
    do_grant_role(user=district.operator, agency=district.a, role="disclosure_officer")
    assert Membership.objects.filter(user=district.operator).count() == 2


def test_the_admin_offers_agency_administrators_no_platform_role(
    client: Client, district: Any
) -> None:
    client.force_login(district.user("a", "agency_admin"))
    for url in (reverse("agencies_create_staff"), reverse("memberships:add")):
        html = _get(client, url)[1]
        assert "信息员" in html
        for label in ("安全管理员", "审计管理员", "平台运营方"):
            assert label not in html, (url, label)


def test_the_audit_administrator_verifies_the_chain_from_the_admin(
    client: Client, district: Any
) -> None:
    client.force_login(district.audit_admin)
    assert _get(client, reverse("audit_verify_chain"))[0] == 200
    done = client.post(reverse("audit_verify_chain"))
    html = done.content.decode()
    assert done.status_code == 200
    assert "审计日志完整" in html and "gk-chain-head" in html
    entry = AuditEntry.objects.get(action="audit.verify")
    assert entry.actor == district.audit_admin and entry.changes["problems"] == []

    client.force_login(district.operator)
    assert client.post(reverse("audit_verify_chain")).status_code in {302, 403}
    assert AuditEntry.objects.filter(action="audit.verify").count() == 1


def test_the_audit_administrator_exports_the_whole_log_from_the_command(
    district: Any, tmp_path: Any
) -> None:
    from click.testing import CliRunner

    from gongkai.cli import main

    out = tmp_path / "audit.csv"
    result = CliRunner().invoke(
        main, ["audit", "export", "--as", "audit_admin", "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8-sig")
    assert "测试区教育局" in text and "测试区民政局" in text
