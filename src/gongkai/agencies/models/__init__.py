from gongkai.agencies.models.agency import Agency, AgencyKind
from gongkai.agencies.models.staff import Membership, Role

__all__ = ["Agency", "AgencyKind", "Membership", "Role"]
