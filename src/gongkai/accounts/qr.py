"""QR codes drawn on this server as inline SVG: no image service, no CDN (an intranet
deployment reaches neither), and the secret never leaves the page that shows it."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def qr_svg(data: str, *, title: str) -> SafeString:
    """The QR code of ``data`` as an ``<svg>`` element, white behind black, scaled by CSS."""
    image = qrcode.make(
        data,
        image_factory=qrcode.image.svg.SvgPathFillImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=2,
    )
    svg = image.to_string(encoding="unicode")
    # The markup is qrcode's own (paths, no text from ``data``); ``title`` is ours.
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(title)}" ', 1)
    return mark_safe(svg)
