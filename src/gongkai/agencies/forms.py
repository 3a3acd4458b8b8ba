"""The staff-account form an agency administrator fills in."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.agencies.duties import grantable_roles
from gongkai.agencies.models import Agency, Role
from gongkai.agencies.selectors import administered_agency_ids


class StaffAccountForm(forms.Form):
    agency = forms.ModelChoiceField(label="所属机构", queryset=Agency.objects.none())
    username = forms.RegexField(
        label="登录账号",
        max_length=150,
        regex=r"^[A-Za-z0-9_.@+-]+$",
        error_messages={"invalid": "登录账号只能包含字母、数字和 _ . @ + -。"},
    )
    full_name = forms.CharField(label="姓名", max_length=150)
    email = forms.EmailField(label="电子邮箱", required=False)
    roles = forms.MultipleChoiceField(
        label="角色", choices=Role.choices, widget=forms.CheckboxSelectMultiple
    )
    password = forms.CharField(label="初始密码", widget=forms.PasswordInput, strip=False)
    password_again = forms.CharField(label="再次输入密码", widget=forms.PasswordInput, strip=False)

    def __init__(self, *args: Any, for_user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(
            pk__in=administered_agency_ids(for_user)
        )
        self.fields["roles"].choices = [(r.value, r.label) for r in grantable_roles(for_user)]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("password") != data.get("password_again"):
            self.add_error("password_again", "两次输入的密码不一致。")
        return data
