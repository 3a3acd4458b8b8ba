"""Admin menu items for the platform operator's own screens."""

from __future__ import annotations

from typing import Any

from wagtail.admin.menu import MenuItem

from gongkai.agencies.selectors import is_operator


class OperatorMenuItem(MenuItem):
    """Shown to the operator only; the screen behind it refuses everyone else anyway."""

    def is_shown(self, request: Any) -> bool:
        return is_operator(request.user)
