"""Writes for agencies and staff: one atomic function per change, one audit row each.

Authorization lives here too, read from the audit context, so the admin, the
CLI and any later API cannot disagree on who may change an agency's staff.
It fails closed: a context without an actor is nobody and is refused; only the
explicit :data:`~gongkai.audit.context.SYSTEM` actor (the ``gongkai`` command
without ``--as``, background jobs) passes every check.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from gongkai.agencies.models import Agency, AgencyKind, Membership, Role
from gongkai.agencies.roles import agency_group, group_name
from gongkai.agencies.selectors import administered_agency_ids, is_operator
from gongkai.agencies.signals import agency_created
from gongkai.audit.context import current, is_system
from gongkai.audit.services import diff, record, snapshot

AGENCY_FIELDS = (
    "code",
    "name",
    "short_name",
    "kind",
    "parent",
    "is_active",
    "office_name",
    "office_address",
    "office_hours",
    "office_phone",
    "office_fax",
    "office_email",
    "reconsideration_body",
    "court",
)


NOBODY = "请先登录：未登录的访问者不能执行此操作。"


def require_actor() -> Any:
    """The acting user or the system; nobody (no context, an anonymous visitor) is refused."""
    actor = current().actor
    if actor is None:
        raise PermissionDenied(NOBODY)
    return actor


def require_operator() -> None:
    """The platform operator, or the system itself."""
    actor = require_actor()
    if not (is_system(actor) or is_operator(actor)):
        raise PermissionDenied("只有平台运营方可以执行此操作。")


def _require_admin_of(agency: Agency) -> None:
    actor = require_actor()
    if not is_system(actor) and agency.pk not in administered_agency_ids(actor):
        raise PermissionDenied(f"您无权管理“{agency.name}”的人员。")


def require_role(agency: Agency, roles: set[str]) -> None:
    """The acting user must hold one of ``roles`` in ``agency``.

    The operator runs the platform, not the agencies' work: it passes only where it
    holds one of the roles itself. The system passes; nobody is refused.
    """
    from gongkai.agencies.selectors import roles_of

    actor = require_actor()
    if is_system(actor):
        return
    if not roles_of(actor, agency) & {Role(r).value for r in roles}:
        labels = "、".join(Role(r).label for r in roles)
        raise PermissionDenied(f"此操作需要“{agency.name}”的{labels}角色。")


def require_signed_in(user: Any) -> None:
    """For services handed their user explicitly: an anonymous or missing user is nobody."""
    if user is None or not (is_system(user) or getattr(user, "is_authenticated", False)):
        raise PermissionDenied(NOBODY)


def require_member_of(agency: Agency) -> None:
    require_role(agency, set(Role) - {Role.OPERATOR})


def _check_parent(agency: Agency | None, parent: Agency | None) -> None:
    node = parent
    while node is not None:
        if agency is not None and node.pk == agency.pk:
            raise ValidationError({"parent": "上级机构不能是本机构或其下级机构。"})
        node = node.parent


def do_create_agency(
    *,
    code: str,
    name: str,
    kind: str = AgencyKind.DEPARTMENT,
    short_name: str = "",
    parent: Agency | None = None,
) -> Agency:
    require_operator()
    agency = Agency(
        code=code.strip().upper(),
        name=name.strip(),
        short_name=short_name.strip(),
        kind=kind,
        parent=parent,
    )
    agency.full_clean()
    with transaction.atomic():
        agency.save()
        record(
            action="agency.create",
            summary=f"新建机构“{agency.name}”",
            obj=agency,
            agency=agency,
            changes=snapshot(agency, AGENCY_FIELDS),
        )
        agency_created.send(sender=Agency, agency=agency)
    return agency


def do_update_agency(*, agency: Agency, **fields: Any) -> Agency:
    require_operator()
    unknown = set(fields) - set(AGENCY_FIELDS)
    if unknown:
        raise ValueError(f"unknown agency fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = Agency.objects.select_for_update().get(pk=agency.pk)
        before = snapshot(locked, AGENCY_FIELDS)
        for name, value in fields.items():
            setattr(locked, name, value)
        _check_parent(locked, locked.parent)
        locked.full_clean()
        changes = diff(before, snapshot(locked, AGENCY_FIELDS))
        if not changes:
            return locked
        locked.save()
        record(
            action="agency.update",
            summary=f"修改机构“{locked.name}”：{'、'.join(changes)}",
            obj=locked,
            agency=locked,
            changes=changes,
        )
    return locked


def do_create_staff_user(
    *,
    username: str,
    password: str,
    full_name: str,
    agency: Agency,
    roles: list[str],
    email: str = "",
) -> Any:
    """Create a staff account with its roles in one step, so no account exists without an agency."""
    _require_admin_of(agency)
    if Role.OPERATOR in roles:
        require_operator()
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": f"账号“{username}”已存在。"})
    if not roles:
        raise ValidationError({"roles": "至少指定一个角色。"})
    user = User(username=username, email=email, first_name=full_name)
    validate_password(password, user)
    user.set_password(password)
    with transaction.atomic():
        user.save()
        record(
            action="user.create",
            summary=f"为“{agency.name}”新建人员账号“{username}”（{full_name}）",
            obj=user,
            agency=agency,
            changes={"username": username, "full_name": full_name, "email": email},
        )
        for role in roles:
            do_grant_role(user=user, agency=agency, role=role)
    return user


def do_grant_role(*, user: Any, agency: Agency, role: str) -> Membership:
    _require_admin_of(agency)
    role = Role(role)
    if role == Role.OPERATOR:
        require_operator()
    from django.contrib.auth.models import Group

    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, agency=agency, role=role)
            user.groups.add(Group.objects.get(name=group_name(role)), agency_group(agency, role))
            record(
                action="membership.grant",
                summary=f"授予“{user.get_username()}”在“{agency.name}”的角色：{role.label}",
                obj=membership,
                agency=agency,
                changes={"user": user.get_username(), "role": role.value},
            )
    except IntegrityError:
        raise ValidationError(f"“{user.get_username()}”在该机构已有角色“{role.label}”。") from None
    user.__dict__.pop("_gongkai_roles", None)
    return membership


def do_revoke_role(*, membership: Membership) -> None:
    _require_admin_of(membership.agency)
    if membership.role == Role.OPERATOR:
        require_operator()
    from django.contrib.auth.models import Group

    user, agency, role = membership.user, membership.agency, Role(membership.role)
    with transaction.atomic():
        record(
            action="membership.revoke",
            summary=f"撤销“{user.get_username()}”在“{agency.name}”的角色：{role.label}",
            obj=membership,
            agency=agency,
            changes={"user": user.get_username(), "role": role.value},
        )
        membership.delete()
        user.groups.remove(agency_group(agency, role))
        if not Membership.objects.filter(user=user, role=role).exists():
            user.groups.remove(Group.objects.get(name=group_name(role)))
    user.__dict__.pop("_gongkai_roles", None)


__all__ = [
    "do_create_agency",
    "do_create_staff_user",
    "do_grant_role",
    "do_revoke_role",
    "do_update_agency",
]
