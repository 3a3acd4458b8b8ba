"""Who may see what: the one place tenant isolation is decided.

Every agency-owned queryset's ``visible_to(user)`` asks these functions, so a
view, an export and a command all get the same answer.
"""

from __future__ import annotations

from typing import Any

from gongkai.agencies.models import Agency, Membership, Role


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
    return {agency_id for agency_id, _ in _roles(user)}


def administered_agency_ids(user: Any) -> set[int]:
    if is_operator(user):
        return set(Agency.objects.values_list("pk", flat=True))
    return {agency_id for agency_id, role in _roles(user) if role == Role.AGENCY_ADMIN}


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
