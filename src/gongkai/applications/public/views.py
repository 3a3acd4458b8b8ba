"""Public views: apply online (Art. 29) and look up progress with a receipt and code.

Every response that carries an applicant's input, a query code or a status is marked
``no-store``: a shared computer's browser cache must not keep it. Pages that show a
receipt or a status send no referrer at all. Pages holding a POST form send
``same-origin`` instead: under ``no-referrer`` browsers post ``Origin: null``, which
Django's CSRF check rightly refuses; ``same-origin`` still tells no other site anything,
and our own URLs carry no personal data (forms are posted, the receipt travels in the
session).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.agencies.models import Agency
from gongkai.applications.letters.storage import private_file_response
from gongkai.applications.models import ApplicantFile, Application, Letter
from gongkai.applications.paper_form import TITLE, render_paper_form
from gongkai.applications.public.challenge import FIELD as CHALLENGE_FIELD
from gongkai.applications.public.challenge import solved
from gongkai.applications.public.flood import WINDOW as FILING_WINDOW
from gongkai.applications.public.flood import Gate, filing_gate, record_filing
from gongkai.applications.public.forms import (
    ApplicationForm,
    SupplementForm,
    TrackForm,
    agency_choices,
)
from gongkai.applications.public.throttle import (
    WINDOW,
    ChallengeRequired,
    LookupFailed,
    LookupThrottled,
    look_up_status,
    normalise_typed,
    public_status,
)
from gongkai.applications.services.applicant_files import do_submit_supplement_online
from gongkai.applications.services.intake import Receipt, do_submit_online_application
from gongkai.applications.services.reads import (
    do_record_applicant_letter_read,
    do_record_applicant_own_file_read,
)
from gongkai.client_address import client_ip
from gongkai.documents.fonts import FontUnavailableError, MissingGlyphError
from gongkai.rules.application_clock import Phase

RECEIPT_SESSION_KEY = "gongkai.applications.public.receipt"
UNLOCKED_SESSION_KEY = "gongkai.applications.public.unlocked"
SUPPLEMENT_SENT_SESSION_KEY = "gongkai.applications.public.supplement_sent"
# How long a right query code opens the application's letters for download.
UNLOCKED_FOR = timedelta(minutes=30)
SUBMITTER_COOKIE = "gongkai_submitter"
PAGE_EXPIRED = (
    "页面已过期或不是在本浏览器中打开的，申请尚未提交。请核对下面填写的内容，再次点击“提交申请”。"
)

PROOF_NOT_KEPT = "申请尚未提交，已选择的身份证明文件未保存：请改正其他错误后重新选择该文件。"

LOOKUP_FAILED = "申请编号或查询码不正确。"
LOOKUP_CHALLENGE = (
    "该申请编号近期多次被输入错误的查询码。为保护申请人的信息，请完成验证后再查询；"
    "查询码正确并完成验证即可查看办理进度。"
)
LOOKUP_THROTTLED = (
    "查询失败次数过多，为保护申请人的信息，暂时不能查询。请一小时后再试；"
    "如遗失查询码，请联系受理机构的政府信息公开工作机构。"
)

View = Callable[..., HttpResponse]


def private(view: View) -> View:
    """``no-store`` on every response of ``view``; ``no-referrer`` unless it is a form page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    return never_cache(wrapped)


def form_page(response: HttpResponse) -> HttpResponse:
    """A page whose form posts back here: keep the Origin header intact for CSRF."""
    response["Referrer-Policy"] = "same-origin"
    return response


@require_GET
def choose_agency(request: HttpRequest) -> HttpResponse:
    """Step one: the applicant applies to the agency that holds the information (Art. 27)."""
    return render(request, "applications/public/choose_agency.html", {"groups": agency_choices()})


@private
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, agency_code: str) -> HttpResponse:
    """The Art. 29 form; a stopped agency is simply not there (404), like an unknown one."""
    agency = get_object_or_404(Agency.objects.active(), code=agency_code.strip().upper())
    address = client_ip(request)
    gate = filing_gate(client_ip=address)
    if gate is Gate.REFUSED:
        response = render(
            request, "applications/public/too_many.html", {"agency": agency}, status=429
        )
        response["Retry-After"] = str(int(FILING_WINDOW.total_seconds()))
        return response
    form = (
        ApplicationForm(request.POST, request.FILES)
        if request.method == "POST"
        else ApplicationForm()
    )
    if gate is Gate.CHALLENGE:
        form.ask_challenge()
    submitter = request.COOKIES.get(SUBMITTER_COOKIE, "")
    if request.method == "POST" and form.is_valid():
        key = form.submission_key(submitter=submitter, agency=agency)
        if key is None:
            form.add_error(None, PAGE_EXPIRED)
            form.replace_token()
        else:
            try:
                receipt = do_submit_online_application(
                    agency=agency,
                    today=timezone.localdate(),
                    submission_key=key,
                    identity_proof=form.cleaned_data.get("identity_proof"),
                    **form.applicant_fields(),
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                if receipt.query_code is not None:  # a replay filed nothing new
                    record_filing(client_ip=address)
                _keep_receipt_for_one_display(request, receipt)
                return redirect("applications_public:receipt")
    # A browser never refills a file input: say so, or the proof is silently dropped.
    proof_dropped = "identity_proof" in request.FILES and "identity_proof" not in form.errors
    if form.is_bound and form.errors and proof_dropped:
        form.add_error("identity_proof", PROOF_NOT_KEPT)
    response = render(request, "applications/public/apply.html", {"agency": agency, "form": form})
    if not submitter:
        _give_submitter_cookie(response)
    return form_page(response)


PAPER_FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@require_GET
def paper_form(request: HttpRequest, agency_code: str, fmt: str) -> HttpResponse:
    """The paper application form of the guide: the online form's questions, to print.

    The same for everyone, so the public page cache keeps it until the next change.
    """
    if fmt not in PAPER_FORMATS:
        raise Http404
    agency = get_object_or_404(Agency.objects.active(), code=agency_code.strip().upper())
    try:
        content = render_paper_form(agency, fmt)
    except (FontUnavailableError, MissingGlyphError) as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content, content_type=PAPER_FORMATS[fmt])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{agency.name}{TITLE}.{fmt}"
    )
    return response


def _give_submitter_cookie(response: HttpResponse) -> None:
    """A random id for this browser, which the form's submission key is bound to."""
    response.set_cookie(
        SUBMITTER_COOKIE,
        secrets.token_urlsafe(24),
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        path="/apply/",
    )


def _keep_receipt_for_one_display(request: HttpRequest, receipt: Receipt) -> None:
    """The query code goes to the session only until the receipt page has shown it.

    A fresh session key first: whoever might have planted a session cookie in this
    browser must not be able to read the code out of it.
    """
    application = receipt.application
    kept = request.session.get(RECEIPT_SESSION_KEY) or {}
    if receipt.query_code is None and kept.get("receipt_number") == application.receipt_number:
        return  # a replay: the first display (code shown or still to show) stands
    shown = {
        "receipt_number": application.receipt_number,
        "agency_name": application.agency.name,
        "submitted_at": timezone.localtime(application.submitted_at).strftime("%Y年%m月%d日 %H:%M"),
        "phase_label": Phase(application.phase).label,
    }
    if receipt.query_code is not None:
        shown["query_code"] = receipt.query_code
    request.session.cycle_key()
    request.session[RECEIPT_SESSION_KEY] = shown


@private
@require_GET
def receipt(request: HttpRequest) -> HttpResponse:
    """The receipt after the redirect: the query code once, then only the number.

    Only a hash of the code is stored, so this page is the applicant's one chance to
    note it; a reload (or someone else at the same browser later) no longer sees it.
    """
    kept = request.session.get(RECEIPT_SESSION_KEY)
    if not kept:
        return redirect("applications_public:choose_agency")
    query_code = kept.pop("query_code", None)
    if query_code is not None:
        request.session[RECEIPT_SESSION_KEY] = kept  # shown now, never again
    return render(
        request,
        "applications/public/receipt.html",
        {"receipt": kept, "query_code": query_code},
    )


@private
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    """Progress lookup; POST only, so receipt numbers and codes stay out of URLs and logs."""
    if request.method != "POST":
        return form_page(render(request, "applications/public/track.html", {"form": TrackForm()}))
    form = TrackForm(request.POST)
    if f"{CHALLENGE_FIELD}_0" in request.POST:
        form.ask_challenge()
    if not form.is_valid():
        return form_page(render(request, "applications/public/track.html", {"form": form}))
    number = form.cleaned_data["receipt_number"]
    try:
        status = look_up_status(
            receipt_number=number,
            query_code=form.cleaned_data["query_code"],
            client_ip=client_ip(request),
            challenge_solved=solved(form),
            today=timezone.localdate(),
        )
    except ChallengeRequired:
        asking = TrackForm(initial={"receipt_number": normalise_typed(number)})
        asking.ask_challenge()
        context = {"form": asking, "lookup_error": LOOKUP_CHALLENGE}
        return form_page(render(request, "applications/public/track.html", context))
    except (LookupFailed, LookupThrottled) as error:
        throttled = isinstance(error, LookupThrottled)
        # The code is not echoed back into the page; the number is, to save retyping.
        context = {
            "form": TrackForm(initial={"receipt_number": normalise_typed(number)}),
            "lookup_error": LOOKUP_THROTTLED if throttled else LOOKUP_FAILED,
        }
        response = render(
            request, "applications/public/track.html", context, status=429 if throttled else 200
        )
        if throttled:
            response["Retry-After"] = str(int(WINDOW.total_seconds()))
        return form_page(response)
    _unlock(request, status.receipt_number)
    return _status_page(request, status)


def _status_page(
    request: HttpRequest, status: Any, supplement_form: SupplementForm | None = None
) -> HttpResponse:
    """The status; with the supplement form (posting back here) while one is asked for."""
    if status.supplement is not None and supplement_form is None:
        supplement_form = SupplementForm()
    sent = request.session.pop(SUPPLEMENT_SENT_SESSION_KEY, None) == status.receipt_number
    context = {"status": status, "supplement_form": supplement_form, "supplement_sent": sent}
    response = render(request, "applications/public/status.html", context)
    return form_page(response) if status.supplement is not None else response


def _unlocked_application(request: HttpRequest) -> Application | None:
    number = _unlocked(request)
    if number is None:
        return None
    return Application.objects.select_related("agency").filter(receipt_number=number).first()


@private
@require_http_methods(["GET", "POST"])
def track_status(request: HttpRequest) -> HttpResponse:
    """The status again while the query code's unlock lasts; POST sends the supplement.

    Without a live unlock this is the lookup form: nothing is shown for a session that
    did not give the code.
    """
    application = _unlocked_application(request)
    if application is None:
        return redirect("applications_public:track")
    today = timezone.localdate()
    if request.method != "POST":
        return _status_page(request, public_status(application, today=today))
    form = SupplementForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            do_submit_supplement_online(
                application=application,
                unlocked_receipt_number=_unlocked(request),
                files=form.cleaned_data["files"],
                note=form.cleaned_data["note"],
                today=today,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            request.session[SUPPLEMENT_SENT_SESSION_KEY] = application.receipt_number
            return redirect("applications_public:status")
    return _status_page(request, public_status(application, today=today), form)


def _unlock(request: HttpRequest, receipt_number: str) -> None:
    """The right query code unlocks that application's letters in this browser session.

    A new session key is issued first, so a session fixed by someone else beforehand
    cannot ride on the applicant's lookup.
    """
    request.session.cycle_key()
    request.session[UNLOCKED_SESSION_KEY] = {
        "receipt_number": receipt_number,
        "until": (timezone.now() + UNLOCKED_FOR).timestamp(),
    }


def _unlocked(request: HttpRequest) -> str | None:
    """The receipt number this session unlocked, while the unlock lasts."""
    unlocked = request.session.get(UNLOCKED_SESSION_KEY) or {}
    if unlocked.get("until", 0) < timezone.now().timestamp():
        return None
    return unlocked.get("receipt_number")


@private
@require_GET
def letter_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """A letter addressed to the applicant, to whoever unlocked its application."""
    letter = Letter.objects.select_related("application__agency").filter(pk=pk).first()
    field = {"pdf": letter.pdf, "docx": letter.docx}.get(fmt) if letter is not None else None
    if letter is None or not field:
        raise Http404
    try:
        do_record_applicant_letter_read(letter=letter, unlocked_receipt_number=_unlocked(request))
    except PermissionDenied:
        # The same answer as a letter that does not exist: nothing about other cases leaks.
        raise Http404 from None
    return private_file_response(field, filename=f"{letter.number}.{fmt}")


@private
@require_GET
def applicant_file_download(request: HttpRequest, pk: int) -> HttpResponse:
    """A file the applicant sent, to whoever unlocked its application with the code."""
    upload = ApplicantFile.objects.select_related("application__agency").filter(pk=pk).first()
    if upload is None:
        raise Http404
    try:
        do_record_applicant_own_file_read(upload=upload, unlocked_receipt_number=_unlocked(request))
    except PermissionDenied:
        raise Http404 from None
    return private_file_response(upload.file, filename=upload.download_name)
