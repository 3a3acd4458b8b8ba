from gongkai.disclosure.models.entry import CatalogueEntryPage, EntryAttachment
from gongkai.disclosure.models.organisation import AgencyDepartment, AgencyLeader
from gongkai.disclosure.models.review import (
    ConfidentialityReviewState,
    ConfidentialityReviewTask,
    RoleReviewTask,
    ScreeningOverride,
)
from gongkai.disclosure.models.tree import (
    AgencyCataloguePage,
    ColumnPage,
    DisclosureGuidePage,
    TopicColumnPage,
)
from gongkai.disclosure.models.verdict import ScreeningVerdict
from gongkai.disclosure.models.vocabulary import ScreeningTerm

__all__ = [
    "AgencyCataloguePage",
    "AgencyDepartment",
    "AgencyLeader",
    "CatalogueEntryPage",
    "ColumnPage",
    "ConfidentialityReviewState",
    "ConfidentialityReviewTask",
    "DisclosureGuidePage",
    "EntryAttachment",
    "RoleReviewTask",
    "ScreeningOverride",
    "ScreeningTerm",
    "ScreeningVerdict",
    "TopicColumnPage",
]
