from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.scoped_views import RestrictedActionsPolicy
from gongkai.agencies.views import CreateStaffView
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
    return [path("staff/new/", CreateStaffView.as_view(), name="agencies_create_staff")]
