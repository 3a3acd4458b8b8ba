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
from django.contrib.auth.hashers import identify_hasher
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from gongkai.agencies.models import (
    AGENCY_ROLES,
    PLATFORM_ROLES,
    Agency,
    AgencyKind,
    Membership,
    Role,
)
from gongkai.agencies.roles import agency_group, group_name
from gongkai.agencies.selectors import administered_agency_ids, is_operator
from gongkai.agencies.signals import agency_created
from gongkai.audit.context import current, is_system
from gongkai.audit.services import diff, record, snapshot

# What the operator sets up: the tenant itself.
AGENCY_FIELDS = (
    "code",
    "name",
    "short_name",
    "kind",
    "parent",
    "is_active",
)

# The agency's own content, not the platform's: its 政府信息公开工作机构 and the remedy bodies,
# shown in its disclosure guide (Art. 12, Art. 51) and named in its answer letters. Kept by
# the agency's administrator and its disclosure office (do_update_guide_details).
GUIDE_FIELDS = (
    "office_name",
    "office_address",
    "office_postcode",
    "office_hours",
    "office_phone",
    "office_contact",
    "office_fax",
    "office_email",
    "reconsideration_body",
    "court",
)
GUIDE_EDITORS = frozenset({Role.AGENCY_ADMIN, Role.DISCLOSURE_OFFICER})


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


def _require_may_grant(agency: Agency, role: Role) -> None:
    """An agency's roles: its administrator or the operator. The platform's three: the
    server's shell, or the operator in single-operator mode (``agencies.duties``)."""
    from gongkai.agencies.duties import separated

    if role not in PLATFORM_ROLES:
        _require_admin_of(agency)
        return
    if is_system(require_actor()):
        return
    if separated():
        raise PermissionDenied(
            "三员分立：系统管理员、安全管理员、审计管理员角色只能在服务器命令行授予或撤销。"
        )
    require_operator()


def _check_separation(user: Any, roles: list[Role]) -> None:
    from gongkai.agencies.duties import conflict
    from gongkai.agencies.selectors import roles_of_user

    held = roles_of_user(user) if user.pk else set()
    for role in roles:
        reason = conflict(held, role)
        if reason:
            raise ValidationError({"roles": reason})
        held = held | {role.value}


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
    require_role(agency, set(AGENCY_ROLES))


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
    """The operator changes what the platform set up: name, kind, place in the tree, status."""
    require_operator()
    return _update_fields(
        agency, fields, allowed=AGENCY_FIELDS, action="agency.update", what="修改机构“{}”"
    )


def do_update_guide_details(*, agency: Agency, **fields: Any) -> Agency:
    """The agency's own disclosure office and remedy bodies, for its guide and letters.

    Its administrator or its 政府信息公开工作机构 changes them; another agency's staff and
    the operator (who runs the platform, not the agency's content) are refused.
    """
    require_role(agency, set(GUIDE_EDITORS))
    return _update_fields(
        agency,
        fields,
        allowed=GUIDE_FIELDS,
        action="agency.guide_details",
        what="修改“{}”的政府信息公开工作机构和救济渠道",
    )


def _update_fields(
    agency: Agency, fields: dict[str, Any], *, allowed: tuple[str, ...], action: str, what: str
) -> Agency:
    """One audited change of ``allowed`` fields; ``what`` words the summary (``{}``: name)."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"unknown agency fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = Agency.objects.select_for_update().get(pk=agency.pk)
        before = snapshot(locked, allowed)
        for name, value in fields.items():
            setattr(locked, name, value.strip() if isinstance(value, str) else value)
        _check_parent(locked, locked.parent)
        locked.full_clean()
        changes = diff(before, snapshot(locked, allowed))
        if not changes:
            return locked
        locked.save()
        record(
            action=action,
            summary=f"{what.format(locked.name)}：{'、'.join(changes)}",
            obj=locked,
            agency=locked,
            changes=changes,
        )
    return locked


def do_create_staff_user(
    *,
    username: str,
    password: str = "",
    full_name: str,
    agency: Agency,
    roles: list[str],
    email: str = "",
    password_hash: str = "",
) -> Any:
    """Create a staff account with its roles in one step, so no account exists without an agency.

    ``password_hash`` (from ``make_password``) instead of ``password`` serves whoever
    creates many accounts with one password — the demo district's hundred: hashing with
    Argon2 takes a good part of a second each time.
    """
    wanted = [Role(role) for role in roles]
    if not wanted:
        _require_admin_of(agency)
    for role in wanted:
        _require_may_grant(agency, role)
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": f"账号“{username}”已存在。"})
    if not roles:
        raise ValidationError({"roles": "至少指定一个角色。"})
    user = User(username=username, email=email, first_name=full_name)
    _check_separation(user, wanted)
    if password_hash:
        identify_hasher(password_hash)  # a hash this site can check, or ValueError
        user.password = password_hash
    else:
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
    role = Role(role)
    _require_may_grant(agency, role)
    _check_separation(user, [role])
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
    _require_may_grant(membership.agency, Role(membership.role))
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


def do_set_combined_review_roles(*, agency: Agency, allowed: bool, reason: str) -> Agency:
    """The operator's explicit exception to 三级审核 meaning three people.

    A small agency may have one person holding two review roles; by default that person
    still completes only one level of an entry's review (``claim_step``). Lifting that
    is the operator's decision, with a written reason on record; each level still needs
    its own explicit action.
    """
    require_operator()
    reason = reason.strip()
    if allowed and len(reason) < 10:
        raise ValidationError("开启一人兼任多级审核须说明理由（至少10个字）。")
    with transaction.atomic():
        locked = Agency.objects.select_for_update().get(pk=agency.pk)
        if locked.combined_review_roles == allowed:
            return locked
        locked.combined_review_roles = allowed
        locked.save(update_fields=["combined_review_roles", "updated_at"])
        record(
            action="agency.combined_review_roles",
            summary=(
                f"{'允许' if allowed else '取消'}“{locked.name}”一人兼任多级审核"
                + (f"：{reason}" if reason else "")
            ),
            obj=locked,
            agency=locked,
            changes={"combined_review_roles": [not allowed, allowed], "reason": reason},
        )
    return locked


__all__ = [
    "do_create_agency",
    "do_create_staff_user",
    "do_grant_role",
    "do_revoke_role",
    "do_set_combined_review_roles",
    "do_update_agency",
    "do_update_guide_details",
]
