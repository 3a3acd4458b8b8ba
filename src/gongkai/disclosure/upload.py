"""The upload form of catalogue attachments (Wagtail documents): a size limit that names the file.

Wagtail checks ``WAGTAILDOCS_MAX_UPLOAD_SIZE`` when the form field turns the upload into
a file, from the size the upload handler counted: before anything opens the file to
hash, store or screen it. This form only words the refusal so the editor learns which
file was refused and what the limit is (``GONGKAI_DOCUMENT_MAX_MB``).
"""

from __future__ import annotations

from typing import Any

from wagtail.documents.forms import BaseDocumentForm


class DocumentForm(BaseDocumentForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is None or field.max_upload_size is None:
            return
        limit = f"{field.max_upload_size // 2**20}MB"
        upload = self.files.get(self.add_prefix("file"))
        name = (upload.name if upload is not None else "该文件").replace("%", "%%")
        field.help_text = f"单个附件不能超过{limit}。"
        field.error_messages["file_too_large"] = (
            f"“{name}”大小为%(file_size)s，超过了附件大小上限{limit}，未上传。"
            "请压缩或拆分后再上传。"
        )
        field.error_messages["file_too_large_unknown_size"] = (
            f"文件超过了附件大小上限{limit}，未上传。请压缩或拆分后再上传。"
        )
