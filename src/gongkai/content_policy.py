"""What a browser may load and run on each part of the site: the Content-Security-Policy.

The public portal and the applicant's pages (/apply/, /track/) run no inline script and
no inline style: every script and stylesheet is a file under /static/, so text that
reaches a page (a catalogue entry, an application form's echo) can never execute. They
are framed by nobody.

The back office (/admin/) runs Wagtail, whose form widgets still write inline scripts
(the date and time pickers, inline panels, the workflow panel: ``wagtailadmin/widgets/
date_input.html`` and its neighbours in Wagtail 7) and inline styles, so its policy allows
inline script and style (wagtail/wagtail#1288, #7053 track the work upstream). Everything
else stays closed there too: scripts and styles only from this server, no plug-ins, no
``<base>``, forms posting only here, and frames only of its own pages (Wagtail's preview
panel). Its sign-in pages, which Wagtail renders without those widgets, allow no inline
script.

A catalogue attachment served to the browser (a PDF shown on its entry page) may load
nothing at all and be framed only by our own pages.

The full-page cache (``gongkai.portal.caching``) rules out per-request nonces on the
portal: a cached page would carry the nonce of the request that rendered it.
"""

from __future__ import annotations

from typing import Any

from csp.constants import NONE, SELF, UNSAFE_INLINE

Policy = dict[str, Any]

PORTAL: Policy = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    # A PDF attachment is previewed in a frame on its entry page.
    "frame-src": [SELF],
    "object-src": [NONE],
    "base-uri": [NONE],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}

ADMIN: Policy = {
    **PORTAL,
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-ancestors": [SELF],
}

# The sign-in steps: password, second factor, enrolment, the forced password change.
STAFF_SIGN_IN: Policy = {**ADMIN, "script-src": [SELF]}
STAFF_SIGN_IN_PREFIX = "/admin/login/"
ADMIN_PREFIX = "/admin/"

DOCUMENT: Policy = {"default-src": [NONE], "frame-ancestors": [SELF]}

# Powerful browser features no page of ours uses, refused to every page and frame.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


def policy_for(path: str) -> Policy:
    """The policy of the page at ``path`` (documents set theirs in their view)."""
    if path.startswith(STAFF_SIGN_IN_PREFIX):
        return STAFF_SIGN_IN
    if path.startswith(ADMIN_PREFIX):
        return ADMIN
    return PORTAL
