"""Views of the disclosure office: the application page, its steps, letters, registration."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from gongkai.agencies.models import Agency
from gongkai.applications.identity import masked_identity
from gongkai.applications.letters.storage import private_file_response
from gongkai.applications.models import ApplicantFile, Application, Letter
from gongkai.applications.selectors import may_handle, may_read_applicant_file, may_read_letter
from gongkai.applications.services.clock import clock_state
from gongkai.applications.services.intake import do_register_application
from gongkai.applications.services.reads import (
    do_record_applicant_file_read,
    do_record_application_read,
    do_record_letter_read,
)
from gongkai.applications.staff.forms import RegisterForm
from gongkai.applications.staff.steps import BY_NAME, steps_for
from gongkai.form_errors import add_service_errors
from gongkai.rules.clock_events import EventData
from gongkai.rules.fees import FeeBasis
from gongkai.rules.outcomes import AnswerType, outcome


def _application(request: HttpRequest, pk: int) -> Application:
    return get_object_or_404(Application.objects.visible_to(request.user), pk=pk)


def _error_text(error: ValidationError) -> str:
    return "；".join(error.messages)


EVENT_FIELDS = {
    "due": "期限",
    "items": "补正事项",
    "party": "征求对象",
    "co_agency": "共同制作机关",
    "opinion": "意见",
    "days": "延长工作日",
    "approved_by": "批准人",
    "reason": "理由",
    "amount": "金额（元）",
    "basis": "收费方式",
    "pages": "页数",
    "outcome": "办理结果",
    "answer_type": "答复类型",
    "repeat_of": "前次申请",
}


def _event_details(data: EventData) -> str:
    """The event's data in words (a template cannot iterate a dict with an "items" key)."""
    parts = []
    for field in dataclasses.fields(data):
        value = getattr(data, field.name)
        if value is None:
            continue
        if field.name == "outcome":
            value = outcome(value).ledger_text
        elif isinstance(value, bool):
            value = "是" if value else "否"
        elif isinstance(value, date):
            value = f"{value:%Y-%m-%d}"
        elif isinstance(value, FeeBasis | AnswerType):
            value = value.label
        parts.append(f"{EVENT_FIELDS[field.name]}：{value}")
    return "；".join(parts)


def process(request: HttpRequest, pk: int, forms_: dict[str, Any] | None = None) -> HttpResponse:
    application = _application(request, pk)
    do_record_application_read(application=application)
    state = clock_state(application, today=timezone.localdate())
    steps = [
        (step, (forms_ or {}).get(step.name) or step.make_form(application))
        for step in steps_for(application)
    ]
    return TemplateResponse(
        request,
        "applications/staff/process.html",
        {
            "application": application,
            "identity": masked_identity(application.identity_kind, application.identity_number),
            "state": state,
            "events": [
                (event, _event_details(event.typed_data))
                for event in application.events.select_related("recorded_by")
            ],
            "letters": application.letters.all(),
            "applicant_files": application.applicant_files.all(),
            "appeals": application.appeals.all(),
            "steps": steps,
            "page_title": f"申请 {application.receipt_number}",
            "header_icon": "doc-full",
        },
    )


@require_POST
def step(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    application = _application(request, pk)
    chosen = BY_NAME.get(name)
    if chosen is None or application.phase not in chosen.phases:
        messages.error(request, "该申请当前不能办理此事项。")
        return redirect("applications_process", pk=pk)
    form = chosen.make_form(application, request.POST)
    if form.is_valid():
        try:
            chosen.run(application, dict(form.cleaned_data), timezone.localdate())
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error) or "无权办理此事项。")
        else:
            messages.success(request, f"已办理：{chosen.label}")
            return redirect("applications_process", pk=pk)
    messages.error(request, f"{chosen.label}未办理：请检查下方标出的错误。")
    for error in form.non_field_errors():
        messages.error(request, error)
    return process(request, pk, forms_={name: form})


def letter_file(request: HttpRequest, pk: int, fmt: str) -> FileResponse:
    letter = get_object_or_404(Letter, pk=pk)
    if not may_read_letter(request.user, letter):
        raise Http404
    field = {"docx": letter.docx, "pdf": letter.pdf}.get(fmt)
    if field is None or not field:
        raise Http404
    do_record_letter_read(letter=letter, fmt=fmt)
    return private_file_response(field, filename=f"{letter.number}.{fmt}")


def applicant_file(request: HttpRequest, pk: int) -> FileResponse:
    """A file the applicant sent: the agency's disclosure staff only, each read audited."""
    upload = get_object_or_404(ApplicantFile.objects.select_related("application__agency"), pk=pk)
    if not may_read_applicant_file(request.user, upload):
        raise Http404
    do_record_applicant_file_read(upload=upload)
    return private_file_response(upload.file, filename=upload.download_name)


class RegisterView(WagtailAdminTemplateMixin, FormView):
    template_name = "wagtailadmin/generic/form.html"
    form_class = RegisterForm
    page_title = "登记政府信息公开申请"
    header_icon = "doc-full"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.agency = get_object_or_404(Agency, code=kwargs["agency_code"])
        if not may_handle(request.user, self.agency):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["action_url"] = reverse("applications_register", args=[self.agency.code])
        context["submit_button_label"] = "登记"
        context["page_subtitle"] = f"登记政府信息公开申请 · {self.agency.name}"
        return context

    def form_valid(self, form: RegisterForm) -> HttpResponse:
        data = dict(form.cleaned_data)
        channel = data.pop("channel")
        received_on = data.pop("received_on")
        try:
            receipt = do_register_application(
                agency=self.agency,
                channel=channel,
                received_on=received_on,
                today=timezone.localdate(),
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"已登记申请 {receipt.application.receipt_number}，查询码 {receipt.query_code}"
            "（请告知申请人，查询码只显示这一次）。",
        )
        return redirect("applications_process", pk=receipt.application.pk)

    def form_invalid(self, form: RegisterForm) -> HttpResponse:
        for error in form.non_field_errors():
            messages.error(self.request, error)
        return super().form_invalid(form)
