"""Who may download a catalogue attachment (a Wagtail document): the one place that decides.

An uploaded document is not yet public information: it may still hold an unmasked
identity number that screening or the review chain will catch. So a document is served
to the public only while a *published* entry of the agency that owns it (the agency
whose collection holds it, :func:`gongkai.disclosure.permissions.agency_of_collection`)
has it as an attachment. Wagtail writes an entry's attachment rows on publication and,
for an entry never published, on every save; for a live entry a draft's changes stay in
its revision. So the rows of a live entry are exactly its published attachments, and a
withdrawn entry (unpublished, ``live`` false) stops serving its attachments at once.

Until then, and after, only the owning agency's own staff (logged in) may fetch it, to
write and review the entry. Everyone else gets the 404 of a document that does not exist.
"""

from __future__ import annotations

from typing import Any

from csp.decorators import csp
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.clickjacking import xframe_options_sameorigin
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve

from gongkai import content_policy
from gongkai.agencies.selectors import agency_ids_for
from gongkai.disclosure.models import EntryAttachment
from gongkai.disclosure.permissions import agency_of_collection


def owner_id(document: Any) -> int | None:
    """The agency that owns ``document``, or None for a document outside every agency."""
    agency = agency_of_collection(document.collection)
    return agency.pk if agency is not None else None


def publicly_served(document: Any) -> bool:
    """Whether a published entry of the document's own agency has it as an attachment."""
    owner = owner_id(document)
    return (
        owner is not None
        and EntryAttachment.objects.filter(
            document=document, entry__live=True, entry__agency_id=owner
        ).exists()
    )


def may_download(user: Any, document: Any) -> bool:
    """The public while :func:`publicly_served`; otherwise only the owning agency's staff."""
    if publicly_served(document):
        return True
    owner = owner_id(document)
    return owner is not None and owner in agency_ids_for(user)


def refuse_unless_allowed(document: Any, request: HttpRequest) -> None:
    """Wagtail's ``before_serve_document`` hook: a 404 for whoever may not download it."""
    if not may_download(request.user, document):
        raise Http404("文件不存在。")


@csp(content_policy.DOCUMENT)
@xframe_options_sameorigin
def serve_document(request: HttpRequest, document_id: int, document_filename: str) -> HttpResponse:
    """Wagtail's download view, kept out of shared caches unless the document is public.

    The check itself runs in Wagtail's view through :func:`refuse_unless_allowed`. A PDF
    is shown in a frame on its entry page, so our own pages may frame an attachment; the
    attachment itself may load and run nothing.
    """
    response = serve(request, document_id, document_filename)
    document = get_document_model().objects.select_related("collection").get(pk=document_id)
    if not publicly_served(document):
        patch_cache_control(response, private=True, no_store=True)
    return response
