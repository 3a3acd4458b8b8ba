"""Agencies created before leaders' photos get the image rights new ones get.

``disclosure.permissions.grant_branch_permissions`` now grants the agency's page roles
add/change/choose on images in the agency's own collection; this does the same for the
agencies that already exist. A fresh database has no agencies yet, and no image
permissions before Django's post-migrate step: then there is nothing to do.
"""

from django.db import migrations

from gongkai.agencies.models.staff import Role
from gongkai.disclosure.permissions import IMAGE_PERMISSIONS, PAGE_ROLES


def grant_image_rights(apps, schema_editor):
    Agency = apps.get_model("agencies", "Agency")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    permissions = list(
        Permission.objects.filter(
            content_type__app_label="wagtailimages", codename__in=IMAGE_PERMISSIONS
        )
    )
    if not permissions:
        return
    for agency in Agency.objects.all():
        collection = Collection.objects.filter(depth=2, name=agency.name).first()
        if collection is None:
            continue
        for role in PAGE_ROLES:
            group = Group.objects.filter(name=f"{agency.code}：{Role(role).label}").first()
            if group is None:
                continue
            for permission in permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )


class Migration(migrations.Migration):

    dependencies = [
        ("disclosure", "0004_organisation_rows"),
        ("agencies", "0006_office_postcode"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant_image_rights, migrations.RunPython.noop)]
