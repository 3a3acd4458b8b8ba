from wagtail import hooks
from wagtail.permissions import register_permission_policy

from gongkai.agencies.scoped_views import RestrictedActionsPolicy
from gongkai.jobs.models import JobRun
from gongkai.jobs.viewsets import JobRunViewSet


@hooks.register("register_admin_viewset")
def register_job_viewset() -> JobRunViewSet:
    return JobRunViewSet("jobs")


register_permission_policy(JobRun, RestrictedActionsPolicy(JobRun, allowed=frozenset({"view"})))
