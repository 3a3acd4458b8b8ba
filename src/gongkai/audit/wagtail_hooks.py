from typing import Any

from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from gongkai.agencies.scoped_views import RestrictedActionsPolicy
from gongkai.audit.models import AuditEntry
from gongkai.audit.viewsets import AuditEntryViewSet, verify_chain_view


@hooks.register("register_admin_viewset")
def register_audit_viewset() -> AuditEntryViewSet:
    return AuditEntryViewSet("audit")


@hooks.register("register_admin_urls")
def register_audit_urls() -> list:
    return [path("audit-chain/", verify_chain_view, name="audit_verify_chain")]


class AuditLogPolicy(RestrictedActionsPolicy):
    """Viewed by whoever reads the whole log (三员分立: the audit administrator) and by agency
    administrators (their agencies' entries); edited or deleted by nobody, superusers included.
    """

    def user_has_permission(self, user: Any, action: str) -> bool:
        from gongkai.agencies.duties import reads_whole_audit_log
        from gongkai.agencies.selectors import admin_role_agency_ids

        return action in self.allowed and (
            reads_whole_audit_log(user) or bool(admin_role_agency_ids(user))
        )


register_permission_policy(AuditEntry, AuditLogPolicy(AuditEntry, allowed=frozenset({"view"})))
