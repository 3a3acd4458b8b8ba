"""The upload form: several files or zips in one go, with a batch name."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.report_audit.uploads import MAX_BATCH_BYTES, ZIP_SUFFIX
from gongkai.reports.audit.readers import SUFFIXES


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that accepts several files (Django's documented recipe)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        accept = ",".join((*SUFFIXES, ZIP_SUFFIX))
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    name = forms.CharField(label="批次名称", max_length=200, required=False)
    files = MultipleFileField(
        label="年度报告文件",
        help_text="可多选：PDF、DOCX、HTML、文本文件，或包含它们的ZIP文件。",
    )

    def clean_files(self) -> list[tuple[str, bytes]]:
        uploaded = self.cleaned_data["files"]
        if sum(f.size for f in uploaded) > MAX_BATCH_BYTES:
            raise forms.ValidationError(
                f"上传内容合计超过{MAX_BATCH_BYTES // 2**20}MB，请分批上传。"
            )
        return [(f.name, f.read()) for f in uploaded]
