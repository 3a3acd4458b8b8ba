"""Hostile input, fuzzed (issue 17 point 2): no crash, no 500, nothing half-written.

Every reader of what somebody else wrote gets mutated real files and junk fields —
ledger and catalogue imports, the report audit's readers, parser and whole audit, the
screening detectors, the calendar loader, extraction of every file type, the public forms
and the JSON API (schemathesis against /api/openapi.json). Only the codebase's clear
Chinese refusals may come back (see ``tests/fuzzing/targets.py``); a refused input must
leave the watched tables as they were.

CI runs a few hundred inputs per target (a couple of thousand in all, under two minutes
on SQLite); ``bench/fuzz.py`` runs the same tests with 100,000 per target
(GONGKAI_FUZZ_INPUTS, GONGKAI_FUZZ_SECONDS) and collects the tallies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import transaction

from tests.fuzzing import targets
from tests.fuzzing.harness import Outcome, Tally, Target, budget, report, run
from tests.portal.conftest import portal  # noqa: F401  (fixture)
from tests.test_applicant_files import filed  # noqa: F401  (fixture)
from tests.test_applications import office  # noqa: F401  (fixture)

SEED = 20261120
# Seconds per target in CI: a slow or loaded machine runs fewer inputs, never longer.
CI_SECONDS = 10.0
# Inputs per target in CI, chosen so the module stays well under two minutes on SQLite.
CI_INPUTS = {
    "extraction": 400,
    "report_readers": 200,
    "report_audit": 100,
    "report_parser": 300,
    "screening": 1_000,
    "ledger_import": 300,
    "catalogue_import": 200,
    "calendar_loader": 200,
    "report_audit_upload": 150,
    "public_forms": 300,
    "api": 50,  # per operation
}


def fuzz(target: Target, *, database: bool = False) -> Tally:
    inputs, seconds = budget()
    tally = run(
        target,
        inputs=inputs or CI_INPUTS[target.name],
        seconds=seconds or CI_SECONDS,
        seed=SEED,
        atomic=transaction.atomic if database else None,
        rollback=(lambda: transaction.set_rollback(True)) if database else None,
    )
    report(tally)
    return tally


def assert_clean(tally: Tally) -> None:
    assert tally.inputs > 0
    assert tally.clean, tally.summary()


def test_the_harness_counts_a_swallowed_hang_a_half_write_and_a_crash() -> None:
    """The harness itself: a hang inside code that turns any Exception into a refusal is
    still a hang; a refused input that left a row behind is half-written (the rows are
    counted once before the first input); anything else raised is a crash."""
    table: list[int] = []

    class Refused(Exception):
        pass

    def feed(case: str) -> Outcome:
        if case == "hang":
            try:
                while True:
                    pass
            except Exception as error:  # as extract_text wraps a parser's failure
                raise Refused from error
        if case == "half":
            table.append(1)
            raise Refused
        if case == "crash":
            raise KeyError(case)
        return Outcome.ACCEPTED

    cases = ["ok", "hang", "ok", "half", "crash"]
    target = Target(
        "harness",
        make=lambda rng: cases.pop(0),
        feed=feed,
        refusals=(Refused,),
        rows=lambda: {"table": len(table)},
        seconds_per_input=0.2,
    )
    tally = run(target, inputs=5, seconds=30, seed=SEED)
    assert (tally.inputs, tally.accepted, tally.refused) == (5, 2, 1)
    assert (tally.hangs, tally.half_written, tally.crashes) == (1, 1, 1)


@pytest.mark.parametrize(
    "make",
    [
        targets.extraction,
        targets.report_readers,
        targets.report_audit,
        targets.report_parser,
        targets.screening,
    ],
    ids=lambda make: make.__name__,
)
def test_readers_refuse_hostile_files_clearly(make: Callable[[], Target]) -> None:
    assert_clean(fuzz(make()))


def test_ledger_import(district: Any) -> None:
    assert_clean(fuzz(targets.ledger_import(district), database=True))


def test_catalogue_import(catalogue: Any) -> None:
    assert_clean(fuzz(targets.catalogue_import(catalogue), database=True))


def test_calendar_loader(district: Any, client: Any) -> None:
    assert_clean(fuzz(targets.calendar_loader(district.operator, client), database=True))


def test_report_audit_upload(district: Any, client: Any) -> None:
    assert_clean(fuzz(targets.report_audit_upload(district.operator, client), database=True))


def test_public_forms(filed: Any, client: Any) -> None:  # noqa: F811
    assert_clean(fuzz(targets.public_forms(filed, client), database=True))


@pytest.fixture
def wsgi_app() -> Iterator[Any]:
    """Django's WSGI handler inside the test's transaction (as the test client runs it)."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_api_against_its_schema(portal: Any, wsgi_app: Any) -> None:  # noqa: F811
    from tests.fuzzing.api import fuzz_api

    inputs, seconds = budget()
    tallies = fuzz_api(
        wsgi_app, inputs=inputs or CI_INPUTS["api"], seconds=seconds or CI_SECONDS, seed=SEED
    )
    for tally in tallies:
        report(tally)
    assert len(tallies) >= 5  # every operation of the schema
    problems = [t.summary() for t in tallies if not t.clean or not t.inputs]
    assert not problems, "\n".join(problems)
