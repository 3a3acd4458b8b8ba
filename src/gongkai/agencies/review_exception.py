"""The operator's screen for the one exception to 三级审核 meaning three people.

See :func:`gongkai.agencies.services.do_set_combined_review_roles`: the screen only
collects the decision and its reason; the service checks the operator and audits it.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import is_operator
from gongkai.agencies.services import do_set_combined_review_roles
from gongkai.form_errors import add_service_errors


class CombinedReviewForm(forms.Form):
    allowed = forms.BooleanField(
        label="允许本机构一人兼任多级审核",
        required=False,
        help_text="开启后，同时担任两个审核角色的人员可先后完成同一条目的两级审核，每级仍须单独操作。",
    )
    reason = forms.CharField(
        label="理由",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="例如：本单位仅两名领导，经区政府办批准兼任。记入审计日志。",
    )


def combined_review(request: HttpRequest, pk: int) -> HttpResponse:
    if not is_operator(request.user):
        raise PermissionDenied("只有平台运营方可以设置审核兼任例外。")
    agency = get_object_or_404(Agency, pk=pk)
    form = CombinedReviewForm(
        request.POST or None, initial={"allowed": agency.combined_review_roles}
    )
    if request.method == "POST" and form.is_valid():
        try:
            do_set_combined_review_roles(agency=agency, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已保存“{agency.name}”的审核兼任设置。")
            return redirect("agencies:edit", agency.pk)
    return TemplateResponse(
        request, "agencies/combined_review.html", {"agency": agency, "form": form}
    )
