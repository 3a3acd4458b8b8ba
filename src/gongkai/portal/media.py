"""Public media from the embedded server: Wagtail's images, and nothing else under /media/.

``MEDIA_ROOT`` also holds the catalogue's uploaded documents, which are public only
while a published entry uses them (:mod:`gongkai.disclosure.documents`, served at
``/documents/<id>/<name>`` after that check). So the embedded server maps
``/media/images/`` (the renditions public pages show) and no other media path; a front
proxy must do the same (README, "Security").
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpRequest
from django.utils._os import safe_join
from django.views.decorators.http import require_safe

# Wagtail writes the renditions of images into this folder of MEDIA_ROOT.
PUBLIC_FOLDER = "images"
# Raster formats only: an SVG is a document that runs scripts when opened from our origin.
RASTER_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"})


@require_safe
def public_image(request: HttpRequest, path: str) -> FileResponse:
    """One file under ``MEDIA_ROOT/images/``; a path climbing out of it is a 404."""
    try:
        full = Path(safe_join(Path(settings.MEDIA_ROOT) / PUBLIC_FOLDER, path))
    except SuspiciousFileOperation:  # the path climbs out of the folder
        raise Http404 from None
    if not full.is_file():
        raise Http404
    content_type, _ = mimetypes.guess_type(full.name)
    if content_type not in RASTER_TYPES:
        raise Http404
    response = FileResponse(full.open("rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
