"""Chinese names for what Wagtail's own migrations create in English.

The page tree's root ("Root"), the two default groups and the default workflow and its
task appear in the admin's breadcrumbs, user lists and 「提交给……」 buttons. Only names
still at Wagtail's English default are changed: an operator's own names stay.
"""

from django.db import migrations

ROOT = ("Root", "根目录")
GROUPS = [("Moderators", "审核人员（默认）"), ("Editors", "编辑人员（默认）")]
WORKFLOW = ("Moderators approval", "默认审核流程")
TASK = ("Moderators approval", "审核人员审核")


def rename(apps, schema_editor, *, back=False):
    def pair(names):
        return (names[1], names[0]) if back else names

    Page = apps.get_model("wagtailcore", "Page")
    old, new = pair(ROOT)
    Page.objects.filter(depth=1, title=old).update(title=new, draft_title=new)
    Group = apps.get_model("auth", "Group")
    for names in GROUPS:
        old, new = pair(names)
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)
    old, new = pair(WORKFLOW)
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=old).update(name=new)
    old, new = pair(TASK)
    apps.get_model("wagtailcore", "Task").objects.filter(name=old).update(name=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, back=True)


class Migration(migrations.Migration):
    dependencies = [
        ("site_identity", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
