"""Who may see what: the one place tenant isolation is decided.

Every agency-owned queryset's ``visible_to(user)`` asks these functions, so a
view, an export and a command all get the same answer.
"""

from __future__ import annotations

from typing import Any

from gongkai.agencies.models import PLATFORM_ROLES, Agency, Membership, Role

# Their memberships name an agency only because every membership must: they do none of
# its work and see none of its records through it.
_NOT_OF_THE_AGENCY = frozenset({Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})


def _roles(user: Any) -> list[tuple[int, str]]:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_gongkai_roles", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).values_list("agency_id", "role"))
        user._gongkai_roles = cached
    return cached


def is_operator(user: Any) -> bool:
    """The platform operator (district big-data centre) manages every agency."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser) or any(role == Role.OPERATOR for _, role in _roles(user))


def agency_ids_for(user: Any) -> set[int]:
    """The agencies whose data this member of staff may see."""
    return {agency_id for agency_id, role in _roles(user) if role not in _NOT_OF_THE_AGENCY}


def administered_agency_ids(user: Any) -> set[int]:
    if is_operator(user):
        return set(Agency.objects.values_list("pk", flat=True))
    return admin_role_agency_ids(user)


def admin_role_agency_ids(user: Any) -> set[int]:
    """The agencies where the user holds the agency administrator role itself."""
    return {agency_id for agency_id, role in _roles(user) if role == Role.AGENCY_ADMIN}


def accounts_managed_by(viewer: Any) -> set[str] | None:
    """Login names whose account security ``viewer`` looks after: lockouts, second factor.

    ``None`` means every account (the security administrator; the operator in
    single-operator mode, ``agencies.duties``). An agency administrator looks after their
    agencies' staff, never a superuser or one of the platform's administrators.
    """
    from django.contrib.auth import get_user_model

    from gongkai.agencies.duties import looks_after_every_account

    if looks_after_every_account(viewer):
        return None
    agencies = admin_role_agency_ids(viewer)
    if not agencies:
        return set()
    staff = Membership.objects.filter(agency_id__in=agencies).values_list("user_id", flat=True)
    platform = Membership.objects.filter(role__in=PLATFORM_ROLES).values_list("user_id", flat=True)
    users = get_user_model().objects.filter(pk__in=staff, is_superuser=False)
    return set(users.exclude(pk__in=platform).values_list("username", flat=True))


def accounts_the_actor_manages(actor: Any) -> set[str] | None:
    """:func:`accounts_managed_by` for whoever acts: nobody manages none, and the system
    (the server's shell, ``gongkai staff …``) every account: the way back in for the last
    administrator."""
    from gongkai.audit.context import is_system

    if actor is None:
        return set()
    if is_system(actor):
        return None
    return accounts_managed_by(actor)


def looks_after_accounts(viewer: Any) -> bool:
    """Whether the lockout and account-security screens are open to ``viewer``."""
    managed = accounts_managed_by(viewer)
    return managed is None or bool(managed)


def roles_of_user(user: Any) -> set[str]:
    """Every role the user holds, in any agency."""
    return {role for _, role in _roles(user)}


def roles_of(user: Any, agency: Agency) -> set[str]:
    return {role for agency_id, role in _roles(user) if agency_id == agency.pk}


def agency_ids_with_role(user: Any, role: str) -> set[int]:
    """The agencies where a user holds a role: the review tasks' moderation queues."""
    return {agency_id for agency_id, held in _roles(user) if held == role}


def primary_agency(user: Any) -> Agency | None:
    """The agency shown beside a user's name; the first one they were given."""
    membership = (
        Membership.objects.filter(user=user).select_related("agency").order_by("created_at").first()
    )
    return membership.agency if membership else None


def agency_by_code(code: str) -> Agency:
    """Look an agency up by code, with a Chinese error naming the code."""
    try:
        return Agency.objects.get(code=code.strip().upper())
    except Agency.DoesNotExist:
        raise LookupError(f"找不到统一社会信用代码为“{code}”的机构。") from None


def descendants(agency: Agency) -> list[Agency]:
    """All agencies below ``agency`` in the district tree (breadth first)."""
    by_parent: dict[int | None, list[Agency]] = {}
    for node in Agency.objects.all():
        by_parent.setdefault(node.parent_id, []).append(node)
    found: list[Agency] = []
    queue = list(by_parent.get(agency.pk, []))
    while queue:
        node = queue.pop(0)
        found.append(node)
        queue.extend(by_parent.get(node.pk, []))
    return found
