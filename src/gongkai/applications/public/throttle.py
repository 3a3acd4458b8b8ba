"""The public status lookup, and the limits that stop it being used to guess codes.

Receipt numbers are sequential (``YSQ`` + year + agency + serial), so the query code is
the only thing between a stranger and an application's status. Checking the code and
counting wrong guesses are therefore one function: there is no way to read an
application's public status that does not pass the throttle.

Limits, over a sliding hour:

* per client address: :data:`FAILURES_PER_CLIENT` wrong guesses, then every lookup from
  that address is refused (a correct one too, or the limit could be probed);
* per receipt number: after :data:`CHALLENGE_AFTER_PER_NUMBER` wrong guesses from
  anywhere, a lookup of that number needs a solved challenge as well as the code. That
  slows a guessing attack spread over many addresses, and it is never a block: strangers
  cannot lock an applicant out of their own application.

The counters are rows in the database (:class:`LookupAttempt`) because the production
server runs several processes; a per-process cache would multiply every limit.
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from gongkai.applications.identity import query_code_matches
from gongkai.applications.letters.kinds import LetterKind
from gongkai.applications.models import Application
from gongkai.applications.models.lookup import LookupAttempt
from gongkai.client_address import client_key
from gongkai.rules.application_clock import EventKind, Phase
from gongkai.rules.clock_events import SupplementRequested
from gongkai.rules.outcomes import outcome

logger = logging.getLogger(__name__)

WINDOW = timedelta(hours=1)
FAILURES_PER_CLIENT = 10
CHALLENGE_AFTER_PER_NUMBER = 5

# Compared against when the receipt number does not exist, so an unknown number costs
# the same hashing and comparison as a wrong code and the two cannot be told apart.
_DECOY_HASH = "0" * 64


class LookupFailed(Exception):
    """Unknown receipt number or wrong query code; deliberately not saying which."""


class LookupThrottled(Exception):
    """Too many wrong guesses from this client."""


class ChallengeRequired(Exception):
    """Too many wrong guesses against this receipt number: solve a challenge first."""


@dataclass(frozen=True)
class PublicLetter:
    pk: int
    title: str
    issued_on: date
    # Addressed to the applicant and rendered: offered for download on the status page.
    downloadable: bool


@dataclass(frozen=True)
class PublicUpload:
    """A file the applicant sent: which, and when; the applicant may download it again."""

    pk: int
    purpose_label: str
    uploaded_on: date


@dataclass(frozen=True)
class PublicSupplement:
    """What the agency asked to be supplemented, and by when (from the supplement notice)."""

    items: str
    due: date | None


@dataclass(frozen=True)
class PublicStatus:
    """Everything the status page may show, and nothing more.

    The page gets this instead of the :class:`Application`, so a template can never
    reach the applicant's name, identity, contact details or the description of the
    information asked for: whoever holds a receipt slip is not necessarily the
    applicant.
    """

    receipt_number: str
    agency_name: str
    phase_label: str
    submitted_on: date
    received_date: date | None
    answer_due: date | None
    closed_date: date | None
    outcome_label: str
    letters: tuple[PublicLetter, ...]
    # The clock in plain words (public.clock_words), not the staff's computation.
    explanation: tuple[str, ...] = ()
    # Set while a supplement is asked for: the status page then offers the upload.
    supplement: PublicSupplement | None = None
    uploads: tuple[PublicUpload, ...] = ()

    @property
    def is_closed(self) -> bool:
        return self.closed_date is not None or bool(self.outcome_label)


def normalise_typed(text: str) -> str:
    """What the applicant meant: full-width characters (Chinese IMEs) and spaces removed."""
    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


def public_status(application: Application, *, today: date) -> PublicStatus:
    """What the status page shows; call only for a caller who gave the query code."""
    from gongkai.applications.public.clock_words import plain_explanation
    from gongkai.applications.services.applicant_files import supplement_requested
    from gongkai.applications.services.clock import clock_state

    closed = application.phase in {Phase.ANSWERED, Phase.ENDED}
    kinds = set(application.events.values_list("kind", flat=True))
    fee_unpaid = EventKind.FEE_NOTICE_SENT in kinds and EventKind.FEE_PAID not in kinds
    state = clock_state(application, today=today)
    supplement = None
    if supplement_requested(application):
        request = application.events.filter(kind=EventKind.SUPPLEMENT_REQUESTED).last()
        requested = request.typed_data if request else None
        supplement = PublicSupplement(
            items=requested.items if isinstance(requested, SupplementRequested) else "",
            due=state.supplement_due,
        )
    letters = application.letters.order_by("issued_on", "id").values_list(
        "pk", "title", "issued_on", "kind", "pdf"
    )
    return PublicStatus(
        receipt_number=application.receipt_number,
        agency_name=application.agency.name,
        phase_label=Phase(application.phase).label,
        submitted_on=timezone.localdate(application.submitted_at),
        received_date=application.received_date,
        answer_due=application.answer_due,
        closed_date=application.closed_date if closed else None,
        outcome_label=outcome(application.outcome).ledger_text
        if closed and application.outcome
        else "",
        letters=tuple(
            PublicLetter(
                pk=pk,
                title=title,
                issued_on=on,
                downloadable=LetterKind(kind).to_applicant and bool(pdf),
            )
            for pk, title, on, kind, pdf in letters
        ),
        explanation=plain_explanation(state, fee_unpaid=fee_unpaid),
        supplement=supplement,
        uploads=tuple(
            PublicUpload(
                pk=upload.pk,
                purpose_label=upload.get_purpose_display(),
                uploaded_on=timezone.localdate(upload.uploaded_at),
            )
            for upload in application.applicant_files.all()
        ),
    )


def look_up_status(
    *,
    receipt_number: str,
    query_code: str,
    client_ip: str | None,
    challenge_solved: bool,
    today: date,
) -> PublicStatus:
    """The public status of one application, if the query code is right.

    The attempt is recorded before anything is checked and counted together with every
    attempt already recorded: with each insert committed before its count (autocommit,
    as Django runs views unless ``ATOMIC_REQUESTS`` is set), the n-th concurrent guess
    sees at least n rows, so parallel requests cannot slip past the limit together.

    A lookup refused for want of a challenge stays counted, like a wrong guess: the
    code was not tried, but the address spent one of its attempts.

    Raises :class:`LookupThrottled`, :class:`ChallengeRequired` or :class:`LookupFailed`.
    """
    number = normalise_typed(receipt_number)[:40]
    code = normalise_typed(query_code)
    client = client_key(client_ip)
    now = timezone.now()
    since = now - WINDOW
    attempt = LookupAttempt.objects.create(client=client, receipt_number=number, at=now)
    recent = LookupAttempt.objects.filter(at__gt=since)
    if recent.filter(client=client).count() > FAILURES_PER_CLIENT:
        # A refused attempt is not a guess: it does not extend the block.
        attempt.delete()
        logger.warning("status lookup throttled for client %s", client)
        raise LookupThrottled
    others = recent.filter(receipt_number=number).exclude(pk=attempt.pk).count()
    if others >= CHALLENGE_AFTER_PER_NUMBER and not challenge_solved:
        raise ChallengeRequired

    application = Application.objects.select_related("agency").filter(receipt_number=number).first()
    stored = application.query_code_hash if application is not None else _DECOY_HASH
    if not query_code_matches(number, code, stored) or application is None:
        LookupAttempt.objects.filter(at__lte=since).delete()
        raise LookupFailed
    attempt.delete()
    return public_status(application, today=today)
