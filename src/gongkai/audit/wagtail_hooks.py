from wagtail import hooks
from wagtail.permissions import register_permission_policy

from gongkai.agencies.scoped_views import RestrictedActionsPolicy
from gongkai.audit.models import AuditEntry
from gongkai.audit.viewsets import AuditEntryViewSet


@hooks.register("register_admin_viewset")
def register_audit_viewset() -> AuditEntryViewSet:
    return AuditEntryViewSet("audit")


register_permission_policy(
    AuditEntry, RestrictedActionsPolicy(AuditEntry, allowed=frozenset({"view"}))
)
