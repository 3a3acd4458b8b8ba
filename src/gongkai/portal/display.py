"""The senior-friendly display mode (适老化): large text and high contrast.

A cookie, set by following a plain link (/display/?mode=large), so it works without
JavaScript and stays on for later visits; the page cache keys on it.
"""

from __future__ import annotations

from django.http import HttpRequest

DISPLAY_COOKIE = "gk_display"
DISPLAY_COOKIE_AGE = 365 * 24 * 3600
STANDARD = "standard"
LARGE = "large"
DISPLAY_MODES = (STANDARD, LARGE)


def display_mode(request: HttpRequest) -> str:
    mode = request.COOKIES.get(DISPLAY_COOKIE, STANDARD)
    return mode if mode in DISPLAY_MODES else STANDARD
