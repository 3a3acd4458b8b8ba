"""The upload forms of catalogue attachments (Wagtail documents) and of images (leaders'
photos on 机构信息): a size limit that names the file.

Wagtail checks ``WAGTAILDOCS_MAX_UPLOAD_SIZE`` / ``WAGTAILIMAGES_MAX_UPLOAD_SIZE`` when the
form field turns the upload into a file, from the size the upload handler counted: before
anything opens the file to hash, store, decode or screen it. Images are further held to
``WAGTAILIMAGES_EXTENSIONS`` (JPEG and PNG: no SVG, which can carry script), to a format
that matches the extension, and to ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` (a decompression
bomb), all by Wagtail's image field. These forms only word the size refusal so the
editor learns which file was refused and what the limit is.
"""

from __future__ import annotations

from typing import Any

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm


class _NamedSizeLimit:
    """Words the ``file`` field's size refusal with the file's name and the limit."""

    what = "文件"

    def name_size_limit(self) -> None:
        form: Any = self  # a Django form: fields, files, add_prefix
        field = form.fields.get("file")
        if field is None or field.max_upload_size is None:
            return
        limit = f"{field.max_upload_size // 2**20}MB"
        upload = form.files.get(form.add_prefix("file"))
        name = (upload.name if upload is not None else "该文件").replace("%", "%%")
        field.help_text = f"单个{self.what}不能超过{limit}。"
        field.error_messages["file_too_large"] = (
            f"“{name}”大小为%(file_size)s，超过了{self.what}大小上限{limit}，未上传。"
            "请压缩或拆分后再上传。"
        )
        field.error_messages["file_too_large_unknown_size"] = (
            f"文件超过了{self.what}大小上限{limit}，未上传。请压缩或拆分后再上传。"
        )


class DocumentForm(_NamedSizeLimit, BaseDocumentForm):
    what = "附件"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.name_size_limit()


class ImageForm(_NamedSizeLimit, BaseImageForm):
    what = "图片"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.name_size_limit()
        field = self.fields.get("file")
        if field is not None:
            field.help_text = f"仅限JPG或PNG格式。{field.help_text}"
