"""File storage that never leaves half a file under a real name.

Django's FileSystemStorage writes straight to the final path, so a full disk (or a
killed process) mid-write leaves a truncated file that a record may later point to, or
that a backup copies as if it were whole. Here a file is written under a temporary
name beside its destination and hard-linked into place only once every byte is on
disk; a failed write removes the temporary file and raises, so the caller's
transaction rolls back with nothing on disk to show for it.
"""

from __future__ import annotations

import errno
import os
import secrets
from contextlib import suppress
from pathlib import PurePosixPath
from typing import Any

from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


class WholeFileMixin:
    """Write to ``<name>.<random>.part``, then link to the final name."""

    def _save(self, name: str, content: Any) -> str:
        path = PurePosixPath(name)
        partial = str(path.parent / f".{path.name}.{secrets.token_hex(8)}.part")
        try:
            written = super()._save(partial, content)  # type: ignore[misc]
        except BaseException:
            with suppress(FileNotFoundError):
                os.unlink(self.path(partial))  # type: ignore[attr-defined]
            raise
        try:
            while True:
                try:
                    _link_new(self.path(written), self.path(name))  # type: ignore[attr-defined]
                    break
                except FileExistsError:
                    name = self.get_available_name(name)  # type: ignore[attr-defined]
        finally:
            with suppress(FileNotFoundError):  # gone already if it was renamed into place
                os.unlink(self.path(written))  # type: ignore[attr-defined]
        return name.replace("\\", "/")


def _link_new(source: str, target: str) -> None:
    """Give ``source`` the name ``target``, failing if ``target`` exists.

    A hard link is atomic and refuses an existing name; a shared volume without hard
    links gets a rename after a check, and names there are random or fresh anyway.
    """
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in {errno.EPERM, errno.ENOTSUP, errno.EXDEV}:
            raise
        if os.path.lexists(target):
            raise FileExistsError(target) from error
        os.rename(source, target)


@deconstructible
class MediaStorage(WholeFileMixin, FileSystemStorage):
    """The public media storage (published documents, images, report files)."""
