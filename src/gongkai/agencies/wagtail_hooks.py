from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from gongkai.accounts.menu import AccountGuardMenuItem
from gongkai.agencies.guide_details import guide_agency_ids, guide_details, guide_details_index
from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.review_exception import combined_review
from gongkai.agencies.scoped_views import RestrictedActionsPolicy
from gongkai.agencies.views import CreateStaffView, lockouts_view
from gongkai.agencies.viewsets import AgencyViewSet, MembershipViewSet


@hooks.register("register_admin_viewset")
def register_agency_viewsets() -> list:
    return [AgencyViewSet("agencies"), MembershipViewSet("memberships")]


# Agencies are deactivated, never deleted: their records must outlive them.
register_permission_policy(
    Agency, RestrictedActionsPolicy(Agency, allowed=frozenset({"view", "add", "change"}))
)
# A role is granted or revoked, never edited in place.
register_permission_policy(
    Membership, RestrictedActionsPolicy(Membership, allowed=frozenset({"view", "add", "delete"}))
)


@hooks.register("register_admin_urls")
def register_staff_urls() -> list:
    return [
        path("staff/new/", CreateStaffView.as_view(), name="agencies_create_staff"),
        path("staff/lockouts/", lockouts_view, name="agencies_lockouts"),
        path(
            "agencies/<int:pk>/combined-review/",
            combined_review,
            name="agencies_combined_review",
        ),
        path("guide-details/", guide_details_index, name="agencies_guide_details_index"),
        path("guide-details/<int:pk>/", guide_details, name="agencies_guide_details"),
    ]


class GuideDetailsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:  # type: ignore[no-untyped-def]
        return bool(guide_agency_ids(request.user))


@hooks.register("register_admin_menu_item")
def register_guide_details_menu_item() -> MenuItem:
    return GuideDetailsMenuItem(
        "指南资料", reverse("agencies_guide_details_index"), icon_name="help", order=260
    )


@hooks.register("register_admin_menu_item")
def register_lockouts_menu_item() -> MenuItem:
    return AccountGuardMenuItem(
        "登录锁定", reverse("agencies_lockouts"), icon_name="lock", order=970
    )
