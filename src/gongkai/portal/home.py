"""What the home page lists: the latest entries of the main columns across agencies."""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.agencies.models import Agency
from gongkai.disclosure.models import (
    AgencyCataloguePage,
    CatalogueEntryPage,
    ColumnPage,
    DisclosureGuidePage,
    TopicColumnPage,
)
from gongkai.portal.browse import column_entries
from gongkai.portal.caching import kept_per_version
from gongkai.rules.catalogue import MANDATORY_COLUMNS

# The columns people look for first (policy documents, decisions, money, livelihood).
HOME_COLUMN_KEYS = ("regulations", "licensing", "budget", "livelihood")
HOME_COLUMN_SIZE = 6


@dataclass(frozen=True)
class ColumnDigest:
    key: str
    title: str
    entries: list[CatalogueEntryPage]


@kept_per_version
def latest_by_column() -> list[ColumnDigest]:
    titles = {c.key: c.title for c in MANDATORY_COLUMNS}
    digests = []
    for key in HOME_COLUMN_KEYS:
        entries = column_entries(key)
        if entries is not None:
            digests.append(ColumnDigest(key, titles[key], list(entries[:HOME_COLUMN_SIZE])))
    return digests


def open_topics() -> list[TopicColumnPage]:
    return [t for t in TopicColumnPage.objects.live().order_by("-first_published_at") if t.is_open]


@dataclass(frozen=True)
class AgencyLinks:
    """An agency on the home page: its catalogue (机构信息) and its disclosure guide."""

    agency: Agency
    catalogue: AgencyCataloguePage | None
    guide: DisclosureGuidePage | None


def agency_links() -> list[AgencyLinks]:
    branches = {b.agency_id: b for b in AgencyCataloguePage.objects.live()}
    guides = {g.path[: -ColumnPage.steplen]: g for g in DisclosureGuidePage.objects.live()}
    out = []
    for agency in Agency.objects.active().order_by("code"):
        branch = branches.get(agency.pk)
        guide = guides.get(branch.path) if branch is not None else None
        out.append(AgencyLinks(agency, branch, guide))
    return out
