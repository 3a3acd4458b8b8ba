"""Staff screens for agencies and their staff (Wagtail admin)."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import HeaderButton

from gongkai.agencies import services
from gongkai.agencies.duties import grantable_roles
from gongkai.agencies.filters import AgencyScopedFilterSet
from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.names import staff_choice_label, staff_name
from gongkai.agencies.scoped_views import ScopedModelViewSet, ServiceSaveMixin
from gongkai.agencies.selectors import administered_agency_ids, is_operator


class AgencyCreateView(ServiceSaveMixin, generic.CreateView):
    def call_service(self) -> Agency:
        data = self.form.cleaned_data
        return services.do_create_agency(
            code=data["code"],
            name=data["name"],
            short_name=data["short_name"],
            kind=data["kind"],
            parent=data["parent"],
        )


class AgencyEditView(ServiceSaveMixin, generic.EditView):
    def call_service(self) -> Agency:
        data = self.form.cleaned_data
        return services.do_update_agency(
            agency=self.object, **{name: data[name] for name in self.form.changed_data}
        )

    @cached_property
    def header_buttons(self) -> list[Any]:
        buttons = list(super().header_buttons)
        if is_operator(self.request.user):
            url = reverse("agencies_combined_review", args=[self.object.pk])
            buttons.append(HeaderButton("审核兼任例外", url=url, icon_name="group"))
        return buttons


def _yes_no(agency: Agency) -> str:
    return "是" if agency.is_active else "否"


class AgencyInspectView(generic.InspectView):
    def get_parent_display_value(self) -> str:
        """A top-level agency has no parent: a dash, not Python's None."""
        return self.object.parent.name if self.object.parent_id else "—"

    def get_is_active_display_value(self) -> str:
        return _yes_no(self.object)

    def get_combined_review_roles_display_value(self) -> str:
        return "是" if self.object.combined_review_roles else "否"


class AgencyViewSet(ScopedModelViewSet):
    model = Agency
    icon = "site"
    menu_label = "机构"
    menu_order = 900
    add_to_admin_menu = True
    list_display = [
        "name",
        "short_name",
        "code",
        "kind",
        "parent",
        Column("is_active", label="启用", accessor=_yes_no),  # not Python's True/False
    ]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "code"]
    form_fields = list(services.AGENCY_FIELDS)
    list_export = ["code", "name", "short_name", "kind", "parent", "is_active"]
    export_filename = "agencies"
    inspect_view_enabled = True
    inspect_view_class = AgencyInspectView
    add_view_class = AgencyCreateView
    edit_view_class = AgencyEditView


class MembershipFilterSet(AgencyScopedFilterSet):
    class Meta:
        model = Membership
        fields = ["role", "agency"]


class MembershipForm(WagtailAdminModelForm):
    """Offer only the agencies this user administers, and staff already in them."""

    def __init__(self, *args: Any, for_user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, for_user=for_user, **kwargs)
        agency_ids = administered_agency_ids(for_user)
        self.fields["agency"].queryset = Agency.objects.filter(pk__in=agency_ids)
        User = get_user_model()
        users = User.objects.filter(is_active=True)
        if not is_operator(for_user):
            users = users.filter(memberships__agency_id__in=agency_ids).distinct()
        self.fields["role"].choices = [(r.value, r.label) for r in grantable_roles(for_user)]
        self.fields["user"].queryset = users.order_by("username")
        self.fields["user"].label_from_instance = staff_choice_label

    class Meta:
        model = Membership
        fields = ["user", "agency", "role"]
        widgets = {"role": forms.Select}


class MembershipCreateView(ServiceSaveMixin, generic.CreateView):
    def call_service(self) -> Membership:
        data = self.form.cleaned_data
        return services.do_grant_role(user=data["user"], agency=data["agency"], role=data["role"])


class MembershipDeleteView(generic.DeleteView):
    def delete_action(self) -> None:
        services.do_revoke_role(membership=self.object)


class MembershipIndexView(generic.IndexView):
    @cached_property
    def header_buttons(self) -> list[Any]:
        buttons = list(super().header_buttons)
        if administered_agency_ids(self.request.user):
            buttons.append(
                HeaderButton("新增人员账号", url=reverse("agencies_create_staff"), icon_name="user")
            )
        return buttons


class MembershipViewSet(ScopedModelViewSet):
    model = Membership
    icon = "group"
    menu_label = "人员角色"
    menu_order = 901
    add_to_admin_menu = True
    list_display = [
        Column("user", label="人员", accessor=lambda m: staff_name(m.user), sort_key="user"),
        "agency",
        "role",
        "created_at",
    ]
    filterset_class = MembershipFilterSet
    search_fields = ["user__username", "user__first_name", "agency__name"]
    form_fields = ["user", "agency", "role"]
    list_export = ["user", "agency", "role", "created_at"]
    export_filename = "staff-roles"
    inspect_view_enabled = True
    index_view_class = MembershipIndexView
    add_view_class = MembershipCreateView
    delete_view_class = MembershipDeleteView

    def get_form_class(self, for_update: bool = False) -> type:
        return MembershipForm
