"""The one-field forms of the login's second step."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordChangeForm


class CodeForm(forms.Form):
    code = forms.CharField(
        label="验证码",
        max_length=40,
        error_messages={"required": "请输入验证码。"},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def __init__(self, *args: object, placeholder: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["code"].widget.attrs["placeholder"] = placeholder


class ExpiredPasswordForm(PasswordChangeForm):
    """Django's change form, in our words, refusing the old password as the new one."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "原密码不正确，请重新输入。",
        "password_mismatch": "两次输入的新密码不一致。",
        "password_unchanged": "新密码不能与原密码相同。",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "原密码"
        self.fields["new_password1"].label = "新密码"
        self.fields["new_password2"].label = "再次输入新密码"
        for field in self.fields.values():
            field.error_messages["required"] = f"请输入{field.label}。"

    def clean_new_password2(self) -> str:
        new = self.cleaned_data.get("new_password2", "")
        if new and self.user.check_password(new):
            raise forms.ValidationError(
                self.error_messages["password_unchanged"], code="password_unchanged"
            )
        return new
