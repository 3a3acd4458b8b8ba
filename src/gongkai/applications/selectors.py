"""Who may read an application and act on it: the one place that decides.

An application carries an applicant's name, identity number, phone and address, so it
is the receiving agency's disclosure staff's alone (政府信息公开工作机构 officers and the
agency administrator). Editors and reviewers of the same agency do not see it, and the
platform operator sees the agencies' statistics (the annual reports and the district
roll-up), never the case files, unless it holds a disclosure role in that agency itself.
Querysets' ``visible_to``, the views, the letter and upload downloads and the services'
role checks all ask here.
"""

from __future__ import annotations

from typing import Any

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.selectors import agency_ids_with_role
from gongkai.applications.models import ApplicantFile, Application, Letter

# The disclosure roles: who reads applicants' data and handles their applications.
HANDLER_ROLES = frozenset({Role.DISCLOSURE_OFFICER.value, Role.AGENCY_ADMIN.value})
# Art. 33 ¶2: an extension needs the consent of a 负责人 — the agency's heads in its review
# chain (科室负责人, 分管领导, 主要负责人), not a name typed into a box.
EXTENSION_APPROVER_ROLES = frozenset(
    {Role.FIRST_REVIEWER.value, Role.SECOND_REVIEWER.value, Role.FINAL_APPROVER.value}
)


def extension_approvers(agency: Agency) -> Any:
    """The active heads of ``agency`` who may approve an extension, by name."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__agency=agency,
            memberships__role__in=EXTENSION_APPROVER_ROLES,
        )
        .distinct()
        .order_by("first_name", "username")
    )


def handled_agency_ids(user: Any) -> set[int]:
    """The agencies whose applications ``user`` may read and handle."""
    return set().union(*(agency_ids_with_role(user, role) for role in HANDLER_ROLES))


def may_handle(user: Any, agency: Agency) -> bool:
    """Whether ``user`` holds a disclosure role in ``agency``."""
    return agency.pk in handled_agency_ids(user)


def applications_for(user: Any) -> Any:
    """The applications ``user`` may read, with the applicants' personal data."""
    return Application.objects.filter(agency_id__in=handled_agency_ids(user))


def may_read_letter(user: Any, letter: Letter) -> bool:
    """A letter names the applicant and the request: the same readers as its application."""
    return applications_for(user).filter(pk=letter.application_id).exists()


def may_read_applicant_file(user: Any, upload: ApplicantFile) -> bool:
    """An identity proof or supplement the applicant sent: the readers of its application."""
    return applications_for(user).filter(pk=upload.application_id).exists()
