"""Private storage: files that name an applicant never sit under a public URL.

Letters (and any other file of an application) are written under
``GONGKAI_PRIVATE_ROOT``, a directory outside ``MEDIA_ROOT`` that no web server maps
and that has no ``base_url``: the only way out is a view that checks the reader's
right to that one record (:mod:`gongkai.applications.staff.views` for the agency's
disclosure staff, :mod:`gongkai.applications.public.views` for the applicant after
the query code). File names are random, so even a path that leaked into a log or a
backup listing says nothing about the receipt number and cannot be guessed.
"""

from __future__ import annotations

import secrets
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils.deconstruct import deconstructible

from gongkai.file_storage import WholeFileMixin

# 128 bits: as hard to guess as the session keys that protect the staff pages.
NAME_BYTES = 16


@deconstructible
class PrivateStorage(WholeFileMixin, FileSystemStorage):
    """A file system storage with no URL and unguessable names."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("location", settings.GONGKAI_PRIVATE_ROOT)
        kwargs["base_url"] = None
        super().__init__(**kwargs)

    def url(self, name: str | None) -> str:
        raise ValueError("私有文件没有公开地址，只能通过核验权限的下载视图读取。")

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        """A random name in the same folder, keeping only the suffix of the one asked for."""
        path = PurePosixPath(name)
        random_name = f"{secrets.token_hex(NAME_BYTES)}{path.suffix.lower()}"
        return super().get_available_name(str(path.parent / random_name), max_length)


def private_storage() -> PrivateStorage:
    """The storage callable of private file fields (keeps the location out of migrations)."""
    return PrivateStorage()


def private_file_response(field: FieldFile, *, filename: str) -> FileResponse:
    """A private file as a download no browser or proxy keeps and none renders inline.

    Call only after the reader's right to the record was checked and the read recorded.
    """
    response = FileResponse(field.open("rb"), as_attachment=True, filename=filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
