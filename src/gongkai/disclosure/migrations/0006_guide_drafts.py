"""Guides nobody has edited get the new first draft.

The guide page now composes 依申请公开, the fees, the disclosure office and 监督和救济
from data (``disclosure.guide``); the old generated draft wrote them into the body, so
they would show twice. A guide without a revision is still the system's draft, never
edited by its agency: its body is replaced by the new draft. Edited guides are left
as their agency wrote them.
"""

from django.db import migrations

STEPLEN = 4  # Wagtail's page paths: four characters a level


def renew_unedited_drafts(apps, schema_editor):
    from gongkai.disclosure.services.catalogue import guide_text

    Guide = apps.get_model("disclosure", "DisclosureGuidePage")
    Branch = apps.get_model("disclosure", "AgencyCataloguePage")
    for guide in Guide.objects.filter(latest_revision__isnull=True):
        parent = guide.path[:-STEPLEN]
        branch = Branch.objects.filter(path=parent).select_related("agency").first()
        if branch is not None:
            Guide.objects.filter(pk=guide.pk).update(body=guide_text(branch.agency))


class Migration(migrations.Migration):

    dependencies = [("disclosure", "0005_agency_image_permissions")]

    operations = [migrations.RunPython(renew_unedited_drafts, migrations.RunPython.noop)]
