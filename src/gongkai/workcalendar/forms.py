"""The admin form for loading a year's schedule: paste the text or upload the file."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.workcalendar.file_format import (
    CalendarFileError,
    ParsedSchedule,
    parse_calendar_file,
)

MAX_FILE_BYTES = 64 * 1024  # a year's schedule is a few hundred bytes


class LoadScheduleForm(forms.Form):
    upload = forms.FileField(label="安排文件", required=False, help_text="UTF-8 文本文件")
    text = forms.CharField(
        label="或直接粘贴内容",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "placeholder": "年度 = 2027\n2027-01-01 休 元旦"}),
    )
    replace = forms.BooleanField(label="替换已有年度", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        upload = data.get("upload")
        text = data.get("text") or ""
        if upload is not None:
            if upload.size > MAX_FILE_BYTES:
                raise forms.ValidationError("文件过大：年度安排文件不应超过64KB。")
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError("文件不是UTF-8编码的文本。") from None
        if not text.strip():
            raise forms.ValidationError("请上传文件或粘贴安排内容。")
        try:
            data["parsed"] = parse_calendar_file(text)
        except CalendarFileError as error:
            raise forms.ValidationError(str(error)) from None
        return data

    @property
    def parsed(self) -> ParsedSchedule:
        return self.cleaned_data["parsed"]
