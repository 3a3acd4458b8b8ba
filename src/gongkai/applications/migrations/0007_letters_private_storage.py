"""Letters move from MEDIA_ROOT (served to anyone at /media/letters/…) to private storage.

Each existing file is copied under a random name into GONGKAI_PRIVATE_ROOT and the old
public copy is deleted; a file already moved (a re-run) or missing is left alone.
"""

from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import migrations, models

import gongkai.applications.letters.storage

FIELDS = ("docx", "pdf")


def move_letters_to_private_storage(apps, schema_editor):  # type: ignore[no-untyped-def]
    from gongkai.applications.letters.storage import PrivateStorage

    Letter = apps.get_model("applications", "Letter")
    private = PrivateStorage()
    public_root = Path(settings.MEDIA_ROOT)
    for letter in Letter.objects.iterator():
        changed = []
        for field in FIELDS:
            name = getattr(letter, field).name
            old = public_root / name if name else None
            if old is None or not old.is_file():
                continue
            with old.open("rb") as handle:
                new_name = private.save(name, File(handle))
            setattr(letter, field, new_name)
            changed.append((field, old))
        if changed:
            letter.save(update_fields=[field for field, _ in changed])
            for _, old in changed:
                old.unlink()


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0006_application_marked_junk"),
    ]

    operations = [
        migrations.AlterField(
            model_name="letter",
            name="docx",
            field=models.FileField(
                storage=gongkai.applications.letters.storage.private_storage,
                upload_to="letters/%Y/",
                verbose_name="DOCX",
            ),
        ),
        migrations.AlterField(
            model_name="letter",
            name="pdf",
            field=models.FileField(
                storage=gongkai.applications.letters.storage.private_storage,
                upload_to="letters/%Y/",
                verbose_name="PDF",
            ),
        ),
        migrations.RunPython(move_letters_to_private_storage, migrations.RunPython.noop),
    ]
