"""Editing letter wording in the back office; every save goes through the service."""

from __future__ import annotations

from typing import Any

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic

from gongkai.agencies.models import Agency
from gongkai.agencies.scoped_views import ScopedModelViewSet, ServiceSaveMixin
from gongkai.agencies.selectors import agency_ids_for, is_operator
from gongkai.applications.letters.defaults import DEFAULT_TEMPLATES
from gongkai.applications.letters.kinds import LetterKind
from gongkai.applications.letters.render import PLACEHOLDERS
from gongkai.applications.models import LetterTemplate
from gongkai.applications.services.templates import do_save_letter_template


class LetterTemplateForm(WagtailAdminModelForm):
    def __init__(self, *args: Any, for_user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, for_user=for_user, **kwargs)
        agencies = (
            Agency.objects.all()
            if is_operator(for_user)
            else Agency.objects.filter(pk__in=agency_ids_for(for_user))
        )
        self.fields["agency"].queryset = agencies
        self.fields["agency"].required = not is_operator(for_user)
        self.fields["agency"].empty_label = "平台默认（所有机构）"
        names = "、".join(f"{{{name}}}" for name in sorted(PLACEHOLDERS))
        self.fields["body"].help_text = f"每段一行。可用占位符：{names}"
        if not self.instance.pk and not self.initial.get("body"):
            self.initial["body"] = DEFAULT_TEMPLATES[LetterKind.ANSWER]

    class Meta:
        model = LetterTemplate
        fields = ["agency", "kind", "title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}


class _SaveThroughService(ServiceSaveMixin):
    def call_service(self) -> LetterTemplate:
        data = self.form.cleaned_data
        return do_save_letter_template(
            agency=data["agency"], kind=data["kind"], title=data["title"], body=data["body"]
        )


class LetterTemplateCreateView(_SaveThroughService, generic.CreateView):
    pass


class LetterTemplateEditView(_SaveThroughService, generic.EditView):
    pass


class LetterTemplateViewSet(ScopedModelViewSet):
    model = LetterTemplate
    icon = "doc-full-inverse"
    menu_label = "文书模板"
    menu_order = 210
    add_to_admin_menu = True
    form_fields = ["agency", "kind", "title", "body"]
    list_display = ["title", "kind", "agency", "updated_at"]
    add_view_class = LetterTemplateCreateView
    edit_view_class = LetterTemplateEditView

    def get_form_class(self, for_update: bool = False) -> type:
        return LetterTemplateForm
