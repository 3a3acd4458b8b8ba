"""Screens for the acts on a published entry: withdrawal (撤回) and validity (废止/失效).

Both are services with their own rights (主要负责人 and the agency administrator, see
``WITHDRAWERS``); the screens only collect the input and show the service's refusal.
Nobody is given Wagtail's publish/unpublish permission: it would put an 「取消发布」
beside the chain with no reason on record, so taking a leaked entry down is 撤回 here.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.admin.ui.menus.pages import PageMenuItem

from gongkai.agencies.selectors import agency_ids_for, is_operator, roles_of
from gongkai.date_input import DATE_INPUT
from gongkai.disclosure.models import CatalogueEntryPage
from gongkai.disclosure.services.catalogue import (
    WITHDRAWERS,
    do_change_validity,
    do_withdraw_entry,
)
from gongkai.form_errors import add_service_errors
from gongkai.rules.catalogue import Validity

DATE = {"widget": DATE_INPUT}


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="撤回理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="例如：发现未脱敏的个人信息、误发。理由记入审计日志。",
    )


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(label="有效性", choices=[(v.value, v.label) for v in Validity])
    changed_on = forms.DateField(label="失效/废止日期", required=False, **DATE)
    superseded_by = forms.ModelChoiceField(
        label="废止或修订依据（本机构已发布的文件）",
        queryset=CatalogueEntryPage.objects.none(),
        required=False,
        help_text="宣布废止或修订本文件的文件；自然失效可不填。",
    )

    def __init__(self, *args: Any, entry: CatalogueEntryPage, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["superseded_by"]
        field.queryset = (
            CatalogueEntryPage.objects.live()
            .filter(agency_id=entry.agency_id)
            .exclude(pk=entry.pk)
            .order_by("-published_on", "-pk")
        )
        field.label_from_instance = lambda e: f"{e.document_number or e.index_number} {e.title}"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("validity") != Validity.VALID and not cleaned.get("changed_on"):
            self.add_error("changed_on", "失效或废止须填写日期。")
        return cleaned


def may_act_on(user: Any, entry: CatalogueEntryPage) -> bool:
    """Whether the screens are offered; the services decide again."""
    return is_operator(user) or bool(roles_of(user, entry.agency) & WITHDRAWERS)


def _entry(request: HttpRequest, pk: int) -> CatalogueEntryPage:
    """Another agency's entry is not found: its existence is not the viewer's business."""
    entries = CatalogueEntryPage.objects.all()
    if not is_operator(request.user):
        entries = entries.filter(agency_id__in=agency_ids_for(request.user))
    entry = get_object_or_404(entries, pk=pk)
    if not may_act_on(request.user, entry):
        raise PermissionDenied("只有本机构主要负责人或机构管理员可以撤回或变更有效性。")
    return entry


def _render(request: HttpRequest, entry: CatalogueEntryPage, form: Any, **context: Any) -> Any:
    return TemplateResponse(
        request, "disclosure/staff/entry_act.html", {"entry": entry, "form": form, **context}
    )


def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            do_withdraw_entry(entry=entry, user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已撤回“{entry.title}”，公众不再能看到该条目。")
            return redirect("wagtailadmin_pages:edit", entry.pk)
    return _render(
        request,
        entry,
        form,
        title="撤回已发布的信息",
        submit="确认撤回",
        explain="撤回后条目从平台下线，索引号保留不再使用；如需重新公开，须重新走审核流程。",
    )


def change_validity(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    form = ValidityForm(
        request.POST or None,
        entry=entry,
        initial={
            "validity": entry.validity,
            "changed_on": entry.validity_changed_on or timezone.localdate(),
            "superseded_by": entry.superseded_by_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            do_change_validity(
                entry=entry,
                validity=data["validity"],
                changed_on=data["changed_on"] or timezone.localdate(),
                user=request.user,
                superseded_by=data["superseded_by"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"“{entry.title}”的有效性已变更为“{Validity(data['validity']).label}”。"
            )
            return redirect("wagtailadmin_pages:edit", entry.pk)
    return _render(
        request,
        entry,
        form,
        title="变更有效性（废止/失效）",
        submit="保存有效性",
        explain="废止、失效的文件仍保留在目录中并标明状态与日期；第二十条年度报告的统计随之更新。",
    )


class WithdrawButton(PageMenuItem):
    label = "撤回（下线）"
    icon_name = "download"
    url_name = "disclosure_withdraw"

    def is_shown(self, user: Any) -> bool:
        entry = self.page.specific
        return isinstance(entry, CatalogueEntryPage) and entry.live and may_act_on(user, entry)


class ValidityButton(PageMenuItem):
    label = "变更有效性"
    icon_name = "date"
    url_name = "disclosure_validity"

    def is_shown(self, user: Any) -> bool:
        entry = self.page.specific
        return isinstance(entry, CatalogueEntryPage) and entry.live and may_act_on(user, entry)


def entry_buttons(page: Any, user: Any, *args: Any, **kwargs: Any) -> list[PageMenuItem]:
    """For the page listing's 「更多」 and the editor's header menu."""
    return [WithdrawButton(page=page, priority=45), ValidityButton(page=page, priority=46)]
