"""Wagtail page, document and image permissions of an agency's branch.

Wagtail decides page access by group permissions on a subtree, so each agency's role
groups (:func:`gongkai.agencies.roles.agency_group`) get rights on that agency's branch
and on its own collection of documents and images, and on nothing else. Nobody is given
``publish``: the only way to publication is the review workflow (or the operator's
import), so the chain cannot be skipped with a "publish" button.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.roles import agency_group

# Roles that write or review entries (reviewers may correct a draft in the editor).
PAGE_ROLES: dict[str, tuple[str, ...]] = {
    Role.EDITOR: ("add_page", "change_page"),
    Role.FIRST_REVIEWER: ("change_page",),
    Role.SECOND_REVIEWER: ("change_page",),
    Role.FINAL_APPROVER: ("change_page",),
    Role.AGENCY_ADMIN: ("add_page", "change_page"),
}
DOCUMENT_PERMISSIONS = ("add_document", "change_document", "choose_document")
# Leaders' photos on the agency's 机构信息 (Wagtail images, in the same collection).
IMAGE_PERMISSIONS = ("add_image", "change_image", "choose_image")


def agency_collection(agency: Agency) -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=agency.name).first()
    return existing or root.add_child(name=agency.name)


def agency_of_collection(collection: Collection) -> Agency | None:
    """The agency whose documents a collection holds (the inverse of :func:`agency_collection`)."""
    if collection.depth != 2:  # agencies' collections sit right under the root
        return None
    return Agency.objects.filter(name=collection.name).first()


def grant_branch_permissions(*, agency: Agency, branch: object) -> None:
    collection = agency_collection(agency)
    file_perms = list(
        Permission.objects.filter(
            content_type__app_label="wagtaildocs", codename__in=DOCUMENT_PERMISSIONS
        )
    ) + list(
        Permission.objects.filter(
            content_type__app_label="wagtailimages", codename__in=IMAGE_PERMISSIONS
        )
    )
    for role, codenames in PAGE_ROLES.items():
        group = agency_group(agency, role)
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page=branch, permission=permission
            )
        for permission in file_perms:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )


def grant_operator_home_permissions(*, home: object) -> None:
    """The operator adds topic columns (专题专栏) under the home page.

    ``add_page`` on the home page only; publishing is granted on each topic column as it
    is created (:func:`grant_topic_column_permissions`), never on the agencies' branches.
    """
    from gongkai.agencies.roles import group_name

    group = Group.objects.get_or_create(name=group_name(Role.OPERATOR))[0]
    add = Permission.objects.get(content_type__app_label="wagtailcore", codename="add_page")
    GroupPagePermission.objects.get_or_create(group=group, page=home, permission=add)


def grant_topic_column_permissions(*, column: object) -> None:
    from gongkai.agencies.roles import group_name

    group = Group.objects.get_or_create(name=group_name(Role.OPERATOR))[0]
    for codename in ("change_page", "publish_page"):
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(group=group, page=column, permission=permission)
