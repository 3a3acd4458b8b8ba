"""List filters whose choices are scoped too: a dropdown of agencies is a list of data."""

from __future__ import annotations

from typing import Any

import django_filters
from wagtail.admin.filters import WagtailFilterSet

from gongkai.agencies.models import Agency


def visible_agencies(request: Any) -> Any:
    if request is None:
        return Agency.objects.none()
    return Agency.objects.visible_to(request.user)


class AgencyScopedFilterSet(WagtailFilterSet):
    agency = django_filters.ModelChoiceFilter(label="机构", queryset=visible_agencies)
