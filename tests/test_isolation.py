"""Tenant isolation: staff of one agency cannot list, read, change or export another's data.

Checked through every admin view of the agency-owned models, their CSV export,
and the CLI, for every role; the operator is the one who sees everything.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from django.urls import NoReverseMatch, reverse

from gongkai.agencies import models as agency_models
from gongkai.agencies.models import Agency, Membership, Role
from gongkai.audit.models import AuditEntry
from gongkai.cli import main

AGENCY_ROLES = [r.value for r in agency_models.AGENCY_ROLES]
DENIED = {302, 403, 404}


def _object_urls(viewset: str, pk: int) -> list[str]:
    urls = []
    for view in ("inspect", "edit", "delete", "history", "usage"):
        try:
            urls.append(reverse(f"{viewset}:{view}", args=[pk]))
        except NoReverseMatch:
            continue
    return urls


def _b_objects(district) -> list[tuple[str, int]]:
    membership = Membership.objects.filter(agency=district.b).first()
    entry = AuditEntry.objects.filter(agency=district.b).first()
    return [("agencies", district.b.pk), ("memberships", membership.pk), ("audit", entry.pk)]


@pytest.mark.parametrize("role", AGENCY_ROLES)
def test_other_agency_objects_unreachable_through_admin(client, district, role):
    client.force_login(district.user("a", role))
    for viewset, pk in _b_objects(district):
        for url in _object_urls(viewset, pk):
            get = client.get(url)
            assert get.status_code in DENIED, (url, get.status_code)
            assert district.b.name.encode() not in get.content, url
            post = client.post(url, {"name": "被篡改", "code": district.b.code, "kind": "other"})
            assert post.status_code in DENIED, (url, post.status_code)
    district.b.refresh_from_db()
    assert district.b.name == "测试区民政局"
    assert Membership.objects.filter(agency=district.b).count() == len(AGENCY_ROLES)


@pytest.mark.parametrize("role", AGENCY_ROLES)
def test_other_agency_rows_absent_from_lists_and_exports(client, district, role):
    client.force_login(district.user("a", role))
    for viewset in ("agencies", "memberships", "audit", "jobs"):
        index = reverse(f"{viewset}:index")
        for url in (index, index + "?export=csv", index + "?export=xlsx", index + "?q=民政"):
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert district.b.name.encode() not in body, (url, role)
            assert b"b_editor" not in body, (url, role)


def test_agency_admin_sees_own_agency_staff_and_audit(client, district):
    client.force_login(district.user("a", "agency_admin"))
    staff = client.get(reverse("memberships:index"))
    assert staff.status_code == 200
    # Listed by name (a信息员), not login name.
    assert district.user("a", "editor").get_full_name() in staff.content.decode()
    audit = client.get(reverse("audit:index") + "?export=csv")
    body = b"".join(audit.streaming_content) if audit.streaming else audit.content
    assert "测试区教育局".encode() in body


@pytest.mark.parametrize(
    ("platform", "viewsets"),
    [
        ("operator", ("agencies", "memberships")),
        ("audit_admin", ("agencies", "memberships", "audit")),
    ],
)
def test_the_platforms_administrators_see_every_agency(client, district, platform, viewsets):
    client.force_login(getattr(district, platform))
    for viewset in viewsets:
        response = client.get(reverse(f"{viewset}:index") + "?export=csv")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert "测试区民政局".encode() in body, viewset
        assert "测试区教育局".encode() in body, viewset


def test_agency_admin_cannot_grant_roles_in_another_agency(client, district):
    client.force_login(district.user("a", "agency_admin"))
    target = district.user("b", "editor")
    response = client.post(
        reverse("memberships:add"),
        {"user": target.pk, "agency": district.b.pk, "role": Role.DISCLOSURE_OFFICER},
    )
    assert response.status_code == 200  # form redisplayed with an error
    assert not Membership.objects.filter(
        user=target, agency=district.b, role=Role.DISCLOSURE_OFFICER
    ).exists()


def test_agency_admin_cannot_make_anyone_operator(client, district):
    client.force_login(district.user("a", "agency_admin"))
    client.post(
        reverse("memberships:add"),
        {"user": district.user("a", "editor").pk, "agency": district.a.pk, "role": Role.OPERATOR},
    )
    assert (
        not Membership.objects.filter(role=Role.OPERATOR).exclude(user=district.operator).exists()
    )


# --- the same through the command line --------------------------------------


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("role", AGENCY_ROLES)
def test_cli_lists_and_exports_only_own_agency(district, role):
    listed = _run("agency", "list", "--as", f"a_{role}", "--format", "json")
    codes = {row["code"] for row in json.loads(listed.output)}
    assert codes == {district.a.code}

    exported = _run("audit", "export", "--as", f"a_{role}", "--format", "json")
    rows = json.loads(exported.output)
    assert all(row["agency"] == district.a.name for row in rows)
    if role != Role.AGENCY_ADMIN:
        assert rows == []  # the audit log is for administrators


def test_cli_refuses_changes_outside_own_agency(district):
    result = CliRunner().invoke(
        main,
        [
            "staff",
            "create",
            "--username",
            "intruder",
            "--name",
            "某人",
            "--agency",
            district.b.code,
            "--role",
            "editor",
            "--as",
            "a_agency_admin",
        ],
        env={"GONGKAI_NEW_PASSWORD": "Str0ng-Passw0rd!"},
    )
    assert result.exit_code == 1
    assert "无权管理" in result.output
    assert not Membership.objects.filter(user__username="intruder").exists()

    result = _run(
        "agency",
        "create",
        "--code",
        "11420104MB1234567X",
        "--name",
        "假机构",
        "--as",
        "a_agency_admin",
    )
    assert result.exit_code == 1
    assert not Agency.objects.filter(name="假机构").exists()
