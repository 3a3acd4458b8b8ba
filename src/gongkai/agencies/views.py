"""Admin screens for staff accounts: creating one with its roles, and lifting lockouts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from gongkai.agencies.forms import StaffAccountForm
from gongkai.agencies.lockout import do_unlock_account, locked_accounts
from gongkai.agencies.selectors import administered_agency_ids, looks_after_accounts
from gongkai.agencies.services import do_create_staff_user


class CreateStaffView(WagtailAdminTemplateMixin, FormView):
    template_name = "wagtailadmin/generic/form.html"
    form_class = StaffAccountForm
    page_title = "新增人员账号"
    header_icon = "user"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not administered_agency_ids(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "for_user": self.request.user}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["action_url"] = reverse("agencies_create_staff")
        context["submit_button_label"] = "创建账号"
        return context

    def form_valid(self, form: StaffAccountForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            do_create_staff_user(
                username=data["username"],
                password=data["password"],
                full_name=data["full_name"],
                email=data["email"],
                agency=data["agency"],
                roles=list(data["roles"]),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error("password", error.messages)
            return self.form_invalid(form)
        except PermissionDenied as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, f"已为“{data['agency'].name}”创建账号“{data['username']}”。")
        return redirect("memberships:index")

    def form_invalid(self, form: StaffAccountForm) -> HttpResponse:
        for error in form.non_field_errors():
            messages.error(self.request, error)
        return super().form_invalid(form)


@require_http_methods(["GET", "POST"])
def lockouts_view(request: HttpRequest) -> HttpResponse:
    """Accounts locked by failed logins, and a button to unlock each (audited)."""
    if not looks_after_accounts(request.user):
        raise PermissionDenied
    if request.method == "POST":
        username = request.POST.get("username", "")[:150]
        try:
            do_unlock_account(username=username)
        except PermissionDenied as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"已解除账号“{username}”的登录锁定。")
        return redirect("agencies_lockouts")
    context = {
        "page_title": "登录锁定",
        "header_icon": "lock",
        "accounts": locked_accounts(viewer=request.user),
        "per_address_limit": settings.AXES_FAILURE_LIMIT,
        "account_limit": settings.GONGKAI_LOGIN_ACCOUNT_FAILURE_LIMIT,
    }
    return TemplateResponse(request, "agencies/lockouts.html", context)
