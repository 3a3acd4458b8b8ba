"""Limits on filing applications online from one address.

One address once filed 2,000 applications in 105 seconds into the agencies' 待确认
queues. Over a sliding hour, an address may file ``GONGKAI_FILINGS_FREE_PER_HOUR`` (3)
applications without further ado; after that each filing needs a solved challenge
(:mod:`~gongkai.applications.public.challenge`), and past
``GONGKAI_FILINGS_MAX_PER_HOUR`` (30) the form is refused until the hour has passed.
Offices behind one NAT address (a legal aid centre filing for clients) pay with a
challenge, not a refusal, for a long while.
"""

from __future__ import annotations

import enum
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from gongkai.applications.models import FilingAttempt
from gongkai.client_address import client_key

WINDOW = timedelta(hours=1)


class Gate(enum.Enum):
    OPEN = "open"
    CHALLENGE = "challenge"
    REFUSED = "refused"


def filing_gate(*, client_ip: str | None) -> Gate:
    """What the next filing from this address needs."""
    since = timezone.now() - WINDOW
    free, most = settings.GONGKAI_FILINGS_FREE_PER_HOUR, settings.GONGKAI_FILINGS_MAX_PER_HOUR
    count = FilingAttempt.objects.filter(client=client_key(client_ip), at__gt=since).count()
    if count >= most:
        return Gate.REFUSED
    return Gate.CHALLENGE if count >= free else Gate.OPEN


def record_filing(*, client_ip: str | None) -> None:
    """Count a filing; forget the ones that fell out of the window."""
    now = timezone.now()
    FilingAttempt.objects.filter(at__lte=now - WINDOW).delete()
    FilingAttempt.objects.create(client=client_key(client_ip), at=now)
