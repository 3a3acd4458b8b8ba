"""Agency tree and staff roles through the service functions."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.agencies.models import Membership, Role
from gongkai.agencies.roles import group_name
from gongkai.agencies.selectors import descendants, is_operator
from gongkai.agencies.services import (
    do_create_agency,
    do_grant_role,
    do_revoke_role,
    do_update_agency,
)
from gongkai.audit.context import acting
from gongkai.audit.models import AuditEntry
from tests.conftest import make_code


def test_tree_and_cycles(district):
    root = district.a.parent
    assert {a.pk for a in descendants(root)} == {district.a.pk, district.b.pk}
    with pytest.raises(ValidationError) as raised:
        do_update_agency(agency=root, parent=district.a)
    assert "上级机构" in str(raised.value)
    root.refresh_from_db()
    assert root.parent is None


def test_duplicate_names_and_codes_are_refused(district):
    with pytest.raises(ValidationError):
        do_create_agency(code=district.a.code, name="另一个机构")
    with pytest.raises(ValidationError):
        do_create_agency(code=make_code(99), name=district.a.name)


def test_only_the_operator_manages_agencies(district):
    with acting(actor=district.user("a", "agency_admin")), pytest.raises(PermissionDenied):
        do_create_agency(code=make_code(98), name="新机构")
    with acting(actor=district.operator):
        created = do_create_agency(code=make_code(98), name="新机构")
    assert AuditEntry.objects.get(action="agency.create", object_id=str(created.pk)).actor == (
        district.operator
    )


def test_grant_and_revoke_keep_groups_in_step(district):
    user = district.user("a", "editor")
    with acting(actor=district.user("a", "agency_admin")):
        membership = do_grant_role(user=user, agency=district.a, role=Role.DISCLOSURE_OFFICER)
        with pytest.raises(ValidationError):
            do_grant_role(user=user, agency=district.a, role=Role.DISCLOSURE_OFFICER)
    group = Group.objects.get(name=group_name(Role.DISCLOSURE_OFFICER))
    assert user.groups.filter(pk=group.pk).exists()
    with acting(actor=district.user("a", "agency_admin")):
        do_revoke_role(membership=membership)
    assert not user.groups.filter(pk=group.pk).exists()
    assert not Membership.objects.filter(pk=membership.pk).exists()
    actions = list(
        AuditEntry.objects.filter(object_type="agencies.membership")
        .filter(action__in=["membership.grant", "membership.revoke"])
        .filter(changes__user="a_editor")
        .values_list("action", flat=True)
    )
    assert sorted(actions) == ["membership.grant", "membership.grant", "membership.revoke"]


def test_agency_admin_cannot_grant_operator(district):
    with acting(actor=district.user("a", "agency_admin")), pytest.raises(PermissionDenied):
        do_grant_role(user=district.user("a", "editor"), agency=district.a, role=Role.OPERATOR)
    assert not is_operator(district.user("a", "editor"))


def test_every_role_can_enter_the_back_office(district):
    for (_, _role), user in district.staff.items():
        assert user.has_perm("wagtailadmin.access_admin"), user
    assert district.operator.has_perm("agencies.add_agency")
    assert not district.user("a", "agency_admin").has_perm("agencies.add_agency")


def _staff_form(agency, **overrides):
    data = {
        "agency": agency.pk,
        "username": "new_clerk",
        "full_name": "新同事",
        "email": "",
        "roles": ["editor", "disclosure_officer"],
        "password": "Fresh-Passw0rd!",
        "password_again": "Fresh-Passw0rd!",
    }
    return {**data, **overrides}


def test_agency_admin_creates_a_staff_account_in_the_admin(client, district):
    from django.urls import reverse

    client.force_login(district.user("a", "agency_admin"))
    assert "新增人员账号" in client.get(reverse("memberships:index")).content.decode()
    response = client.post(reverse("agencies_create_staff"), _staff_form(district.a))
    assert response.status_code == 302, response.content.decode()[:2000]
    roles = set(Membership.objects.filter(user__username="new_clerk").values_list("agency", "role"))
    assert roles == {(district.a.pk, "editor"), (district.a.pk, "disclosure_officer")}


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"password_again": "Other-Passw0rd!"}, "不一致"),
        ({"password": "short", "password_again": "short"}, "密码太短"),
        ({"username": "bad name!"}, "登录账号只能包含"),
        ({"username": "a_editor"}, "已存在"),
        ({"roles": ["operator"]}, "不在可用的选项中"),
    ],
)
def test_staff_form_errors_are_clear_and_write_nothing(client, district, overrides, fragment):
    from django.urls import reverse

    client.force_login(district.user("a", "agency_admin"))
    before = Membership.objects.count()
    response = client.post(reverse("agencies_create_staff"), _staff_form(district.a, **overrides))
    assert response.status_code == 200
    assert fragment in response.content.decode()
    assert Membership.objects.count() == before


def test_staff_form_cannot_target_another_agency(client, district):
    from django.urls import reverse

    client.force_login(district.user("a", "agency_admin"))
    response = client.post(reverse("agencies_create_staff"), _staff_form(district.b))
    assert response.status_code == 200
    assert not Membership.objects.filter(user__username="new_clerk").exists()
    client.force_login(district.user("a", "editor"))
    assert client.get(reverse("agencies_create_staff")).status_code in {302, 403}
