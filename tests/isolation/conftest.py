"""The world the isolation matrix runs against, built once for the package."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from tests.conftest import _district
from tests.isolation.world import World, build_world


@pytest.fixture(scope="package")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    """Built once for the package inside a transaction rolled back at its end; each test
    runs in a savepoint of it (pytest-django's ``db``)."""
    from gongkai.agencies.signals import agency_created
    from gongkai.audit.context import SYSTEM, acting
    from gongkai.disclosure import verdicts

    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(verdicts, "schedule_screening", verdicts.screen_revision)
        with transaction.atomic():
            with acting(actor=SYSTEM):
                with agency_created.muted():
                    district = _district()
                built = build_world(district)
            yield built
            transaction.set_rollback(True)
