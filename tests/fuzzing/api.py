"""The open-data API fuzzed from its own OpenAPI schema with schemathesis.

Schemathesis reads ``/api/openapi.json`` from the WSGI application and Hypothesis draws
requests for every operation — valid ones and ones that break the schema (wrong types,
out-of-range numbers, junk strings in paths). Each answer must not be a 500 and must
pass schemathesis's checks (status code documented, content type and body as the schema
says, bad input refused with a 4xx); a failed check counts as a crash of the harness.
"""

from __future__ import annotations

import contextlib
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from tests.fuzzing.harness import Outcome, Runner, Tally, Target


def _operations(app: Any) -> list[Any]:
    import schemathesis

    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


class SchemaViolation(Exception):
    """A schemathesis check failed (its FailureGroup is a BaseExceptionGroup, which the
    harness would not count): the answer does not match what the schema promises."""


def _target(operation: Any) -> Target:
    from schemathesis.core.failures import FailureGroup
    from schemathesis.specs.openapi.checks import positive_data_acceptance

    documented = {int(code) for code in operation.definition.raw["responses"] if code.isdigit()}

    def feed(case: Any) -> Outcome:
        response = case.call()
        if response.status_code >= 500:
            return Outcome.SERVER_ERROR
        # A well-typed value can still be refused (an opaque search cursor that decodes to
        # nothing, a page past the end): a documented 4xx with its Error body is a clear
        # refusal, so schemathesis's "valid data must be accepted" is not asked of it.
        excluded = [positive_data_acceptance] if response.status_code in documented else []
        try:
            case.validate_response(response, excluded_checks=excluded)
        except FailureGroup as group:
            titles = "; ".join(sorted({failure.title for failure in group.exceptions}))
            raise SchemaViolation(f"{titles}: {case.method} {case.formatted_path}") from None
        return Outcome.ACCEPTED if response.status_code < 400 else Outcome.REFUSED

    name = f"api {operation.method.upper()} {operation.path}"
    return Target(name, make=lambda rng: None, feed=feed, describe=_mode)


class _OutOfTime(Exception):
    """The operation's share of the time is spent."""


def _mode(case: Any) -> str:
    """Whether schemathesis drew the case to fit the schema or to break it."""
    return case.meta.generation.mode.value if case.meta else "explicit"


def _drive(operation: Any, runner: Runner, inputs: int) -> None:
    """Hypothesis draws the cases; the runner feeds them until its time is up."""
    numbers = iter(range(inputs))

    @settings(
        max_examples=inputs,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=st.one_of(operation.as_strategy(mode) for mode in GenerationMode))
    def one(case: Any) -> None:
        if runner.out_of_time():
            raise _OutOfTime  # ends Hypothesis's run: every later example raises at once
        runner.feed(next(numbers, -1), case)

    with contextlib.suppress(_OutOfTime):
        one()


def fuzz_api(app: Any, *, inputs: int, seconds: float, seed: int) -> list[Tally]:
    """One tally per operation; ``seconds`` is shared among them."""
    operations = _operations(app)
    tallies = []
    for operation in operations:
        runner = Runner(_target(operation), seconds=seconds / len(operations), seed=seed)
        _drive(operation, runner, inputs)
        tallies.append(runner.finish())
    return tallies
