"""Template helpers for the back office."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.agencies.models import Membership, Role

register = template.Library()


@register.simple_tag
def staff_roles(user: Any) -> list[tuple[str, list[str]]]:
    """The user's agencies with their role labels, for the dashboard greeting."""
    grouped: dict[str, list[str]] = {}
    rows = Membership.objects.filter(user=user).select_related("agency").order_by("created_at")
    for membership in rows:
        grouped.setdefault(membership.agency.name, []).append(Role(membership.role).label)
    return list(grouped.items())
