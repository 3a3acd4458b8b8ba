"""Django permission groups behind each role.

Roles are the source of truth (Membership rows); a group per role carries the
model permissions Wagtail's admin checks. Which *rows* a user sees is decided
separately, by the selectors.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from gongkai.agencies.models import Role

ADMIN_ACCESS = "wagtailadmin.access_admin"
LETTER_TEMPLATES = [
    "applications.view_lettertemplate",
    "applications.add_lettertemplate",
    "applications.change_lettertemplate",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.EDITOR: [ADMIN_ACCESS],
    Role.FIRST_REVIEWER: [ADMIN_ACCESS],
    Role.SECOND_REVIEWER: [ADMIN_ACCESS],
    Role.FINAL_APPROVER: [ADMIN_ACCESS],
    Role.DISCLOSURE_OFFICER: [ADMIN_ACCESS, "applications.view_application", *LETTER_TEMPLATES],
    Role.AGENCY_ADMIN: [
        ADMIN_ACCESS,
        "agencies.view_agency",
        "agencies.view_membership",
        "agencies.add_membership",
        "agencies.delete_membership",
        "audit.view_auditentry",
        "applications.view_application",
        *LETTER_TEMPLATES,
    ],
    # The operator runs the platform: no applications (their data is the agencies').
    Role.OPERATOR: [
        *LETTER_TEMPLATES,
        ADMIN_ACCESS,
        "agencies.view_agency",
        "agencies.add_agency",
        "agencies.change_agency",
        "agencies.view_membership",
        "agencies.add_membership",
        "agencies.delete_membership",
        "audit.view_auditentry",
        "workcalendar.view_holidayschedule",
        "workcalendar.add_holidayschedule",
        "jobs.view_jobrun",
        "disclosure.view_screeningterm",
        "disclosure.add_screeningterm",
        "disclosure.change_screeningterm",
        "disclosure.delete_screeningterm",
        "auth.add_user",
        "auth.change_user",
        "auth.view_user",
        "site_identity.change_siteidentity",
    ],
    # 三员分立 (gongkai.agencies.duties): the security administrator's screens (lockouts,
    # account security) check the role itself; it reads who holds which role.
    Role.SECURITY_ADMIN: [ADMIN_ACCESS, "agencies.view_agency", "agencies.view_membership"],
    # Reads the platform and the whole audit log; changes nothing.
    Role.AUDIT_ADMIN: [
        ADMIN_ACCESS,
        "agencies.view_agency",
        "agencies.view_membership",
        "audit.view_auditentry",
        "jobs.view_jobrun",
    ],
}


def group_name(role: str) -> str:
    return f"角色：{Role(role).label}"


def agency_group(agency: Any, role: str) -> Group:
    """The group of one role in one agency: what Wagtail's page and collection
    permissions are granted to, so a branch of the page tree opens only to its agency."""
    group, _ = Group.objects.get_or_create(name=f"{agency.code}：{Role(role).label}")
    return group


def ensure_role_groups() -> None:
    """Create or refresh the role groups; safe to run after every migrate."""
    with transaction.atomic():
        for role, perms in ROLE_PERMISSIONS.items():
            group, _ = Group.objects.get_or_create(name=group_name(role))
            wanted = []
            for dotted in perms:
                app_label, codename = dotted.split(".")
                perm = Permission.objects.filter(
                    content_type__app_label=app_label, codename=codename
                ).first()
                if perm is not None:
                    wanted.append(perm)
            group.permissions.set(wanted)
