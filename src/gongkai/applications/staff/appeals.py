"""The screen that records how a reconsideration or lawsuit ended (复议诉讼审结).

Appeals are registered as a step on the application's page; their outcome often comes
months later and counts in the annual report's section 四, so a pending appeal gets
its own small screen, for those who handle the agency's applications, through
:func:`~gongkai.applications.services.handling.do_decide_appeal`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from gongkai.applications.models import Appeal
from gongkai.applications.selectors import applications_for
from gongkai.applications.services.handling import do_decide_appeal
from gongkai.date_input import DATE_INPUT
from gongkai.form_errors import add_service_errors

DATE = {"widget": DATE_INPUT}


class DecideAppealForm(forms.Form):
    result = forms.ChoiceField(
        label="审结结果",
        choices=[c for c in Appeal.Result.choices if c[0] != Appeal.Result.PENDING],
    )
    decided_on = forms.DateField(label="审结日期", **DATE)

    def __init__(self, *args: Any, appeal: Appeal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.appeal = appeal

    def clean_decided_on(self) -> Any:
        decided_on = self.cleaned_data["decided_on"]
        if decided_on < self.appeal.filed_on:
            raise ValidationError("审结日期不能早于申请复议或起诉的日期。")
        return decided_on


def decide_appeal(request: HttpRequest, pk: int) -> HttpResponse:
    """Another agency's appeal (and the operator's view of any) is not found."""
    appeal = get_object_or_404(
        Appeal.objects.select_related("application").filter(
            application__in=applications_for(request.user)
        ),
        pk=pk,
    )
    application = appeal.application
    form = DecideAppealForm(request.POST or None, appeal=appeal)
    if appeal.result != Appeal.Result.PENDING:
        messages.info(request, "该复议诉讼已登记审结结果。")
        return redirect("applications_process", pk=application.pk)
    if request.method == "POST" and form.is_valid():
        try:
            do_decide_appeal(appeal=appeal, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已登记{appeal.get_kind_display()}审结结果。")
            return redirect("applications_process", pk=application.pk)
    return TemplateResponse(
        request,
        "applications/staff/decide_appeal.html",
        {"appeal": appeal, "application": application, "form": form},
    )
