"""The back office's login form, labelled and worded in Chinese.

Wagtail's form leaves the password field's label to Django's default (the English field
name) and builds the username placeholder from two translations with a space between.
"""

from __future__ import annotations

from typing import Any

from django import forms
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    error_messages = {
        **WagtailLoginForm.error_messages,
        "invalid_login": "用户名或密码不正确，请重新输入。",
        "inactive": "该账号已停用，请联系本机构的机构管理员。",
    }

    def __init__(self, request: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["username"].widget.attrs["placeholder"] = "请输入用户名"
        self.fields["username"].error_messages["required"] = "请输入用户名。"
        self.fields["password"].label = "密码"
        self.fields["password"].widget.attrs["placeholder"] = "请输入密码"
        self.fields["password"].error_messages["required"] = "请输入密码。"
        self.fields["remember"].label = "保持登录"

    def get_invalid_login_error(self) -> forms.ValidationError:
        return forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")
