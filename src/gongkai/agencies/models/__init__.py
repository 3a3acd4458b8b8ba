from gongkai.agencies.models.agency import Agency, AgencyKind
from gongkai.agencies.models.staff import AGENCY_ROLES, PLATFORM_ROLES, Membership, Role

__all__ = ["AGENCY_ROLES", "PLATFORM_ROLES", "Agency", "AgencyKind", "Membership", "Role"]
