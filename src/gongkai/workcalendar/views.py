"""Admin screens: the loaded years, and loading a new one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from gongkai.agencies.selectors import is_operator
from gongkai.workcalendar.forms import LoadScheduleForm
from gongkai.workcalendar.services import do_load_schedule


class LoadScheduleView(WagtailAdminTemplateMixin, FormView):
    template_name = "wagtailadmin/generic/form.html"
    form_class = LoadScheduleForm
    page_title = "导入年度节假日安排"
    header_icon = "date"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_operator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["action_url"] = reverse("workcalendar_load")
        context["submit_button_label"] = "导入"
        return context

    def form_invalid(self, form: LoadScheduleForm) -> HttpResponse:
        # Wagtail's generic form template shows field errors only; file errors
        # (which line is wrong) are form-wide, so they go out as messages.
        for error in form.non_field_errors():
            messages.error(self.request, error)
        return super().form_invalid(form)

    def form_valid(self, form: LoadScheduleForm) -> HttpResponse:
        parsed = form.parsed
        try:
            do_load_schedule(
                schedule=parsed.schedule,
                names=parsed.names,
                replace=form.cleaned_data["replace"],
                today=timezone.localdate(),
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        schedule = parsed.schedule
        messages.success(
            self.request,
            f"已导入{schedule.year}年节假日安排：放假{len(schedule.holidays)}天，"
            f"调休上班{len(schedule.workdays)}天。",
        )
        return redirect("holiday_schedules:index")
