"""Feed a target many hostile inputs; count what came back.

A target says how to make input number *n* (from a seeded ``random.Random``, so every
input can be replayed from the seed and its number), how to feed it, which exceptions
are the clear, Chinese refusals the codebase promises (``TableImportError``,
``ExtractionError``, ``UnreadableFile``, ``CalendarFileError``, ``ValidationError``…)
and which database rows must not change when an input is refused. Anything else raised
is a crash; an HTTP answer of 500 is a server error; rows that changed although the
input was refused are half-written. Each input runs inside a savepoint that is rolled
back, so accepted inputs do not pile up and every input starts from the same database:
the watched rows are counted once before the first input, and again after each refused
one (a count that differs is a refused input's write, or an earlier input's that escaped
the rollback — both faults).

Used by ``tests/abuse/test_fuzz.py`` (a few thousand inputs in CI) and by
``bench/fuzz.py`` (100,000 per target, or as many as fit in ``--seconds``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import signal
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any


class Outcome(Enum):
    ACCEPTED = "accepted"
    REFUSED = "refused"
    SERVER_ERROR = "server_error"


class Hang(BaseException):
    """One input took longer than the target's per-input time limit.

    A ``BaseException``, like ``KeyboardInterrupt``: the code under test turns any
    ``Exception`` of a parser into its refusal (``extract_text`` does), which would
    count a hang as a clear refusal."""


@dataclass
class Target:
    name: str
    make: Callable[[random.Random], Any]
    feed: Callable[[Any], Outcome]
    refusals: tuple[type[BaseException], ...] = ()
    # Row counts that a refused input must leave as they were (None: no database).
    rows: Callable[[], dict[str, int]] | None = None
    seconds_per_input: float = 30.0
    # A name for an input in a report: what kind of file or field it was.
    describe: Callable[[Any], str] = lambda case: ""


@dataclass
class Failure:
    kind: str  # "crash", "server_error", "half_written", "hang"
    input_number: int
    signature: str
    detail: str
    sample: str  # where the input was saved, or its first bytes

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


@dataclass
class Tally:
    target: str
    seed: int
    inputs: int = 0
    accepted: int = 0
    refused: int = 0
    crashes: int = 0
    server_errors: int = 0
    half_written: int = 0
    hangs: int = 0
    seconds: float = 0.0
    kinds: dict[str, int] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)  # first of each signature

    @property
    def clean(self) -> bool:
        return not (self.crashes or self.server_errors or self.half_written or self.hangs)

    def as_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "seed": self.seed,
            "inputs": self.inputs,
            "accepted": self.accepted,
            "refused": self.refused,
            "crashes": self.crashes,
            "server_errors": self.server_errors,
            "half_written": self.half_written,
            "hangs": self.hangs,
            "seconds": round(self.seconds, 1),
            "inputs_per_second": round(self.inputs / self.seconds, 1) if self.seconds else 0,
            "kinds": dict(sorted(self.kinds.items())),
            "failures": [f.as_dict() for f in self.failures],
        }

    def summary(self) -> str:
        lines = [
            f"{self.target}: {self.inputs} inputs, {self.crashes} crashes, "
            f"{self.server_errors} 500s, {self.half_written} half-written, {self.hangs} hangs"
        ]
        lines += [f"  {f.kind} #{f.input_number}: {f.detail} ({f.sample})" for f in self.failures]
        return "\n".join(lines)


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`Hang` in this (main) thread after ``seconds``."""

    def expired(signum: int, frame: Any) -> None:
        raise Hang(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _signature(error: BaseException) -> str:
    """Exception type and the innermost frame in gongkai (else the innermost at all)."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "/gongkai/" in f.filename] or frames
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    return f"{type(error).__module__}.{type(error).__qualname__} at {where}"


def _save(case: Any, target: str, number: int) -> str:
    """Keep the input for replay when GONGKAI_FUZZ_SAVE names a folder; else a preview."""
    data = case if isinstance(case, bytes) else repr(case).encode("utf-8", "backslashreplace")
    folder = os.environ.get("GONGKAI_FUZZ_SAVE")
    if not folder:
        return repr(data[:80])
    path = Path(folder) / f"{target}-{number}-{hashlib.sha256(data).hexdigest()[:12]}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return str(path)


class Runner:
    """Feeds one target input by input and keeps its tally.

    ``atomic``/``rollback`` wrap each input in a savepoint that is then rolled back
    (Django's ``transaction.atomic`` and ``set_rollback(True)``) for database targets.
    """

    def __init__(
        self,
        target: Target,
        *,
        seconds: float,
        seed: int,
        atomic: Callable[[], contextlib.AbstractContextManager[Any]] | None = None,
        rollback: Callable[[], None] | None = None,
    ) -> None:
        self.target = target
        self.tally = Tally(target=target.name, seed=seed)
        self.seconds = seconds
        self.atomic = atomic
        self.rollback = rollback
        self.started: float | None = None  # at the first input: setup is not counted
        self.seen: set[str] = set()
        self.baseline: dict[str, int] | None = None  # the watched rows before any input

    def out_of_time(self) -> bool:
        if self.started is None:
            return False
        return time.monotonic() - self.started > self.seconds

    def _note(self, kind: str, number: int, signature: str, detail: str, case: Any) -> None:
        if signature not in self.seen:
            self.seen.add(signature)
            sample = _save(case, self.target.name, number)
            self.tally.failures.append(Failure(kind, number, signature, detail[:300], sample))

    def feed(self, number: int, case: Any) -> None:
        target, tally = self.target, self.tally
        if self.started is None:
            self.started = time.monotonic()
            self.baseline = target.rows() if target.rows else None
        kind = target.describe(case)
        tally.kinds[kind] = tally.kinds.get(kind, 0) + 1
        tally.inputs += 1
        with self.atomic() if self.atomic else contextlib.nullcontext():
            outcome: Outcome | None = None
            try:
                with time_limit(target.seconds_per_input):
                    outcome = target.feed(case)
            except Hang as error:
                tally.hangs += 1
                self._note("hang", number, f"hang {kind}", str(error), case)
            except target.refusals:
                outcome = Outcome.REFUSED
            except Exception as error:
                tally.crashes += 1
                signature = _signature(error)
                self._note("crash", number, signature, f"{signature}: {error}", case)
            if outcome is Outcome.ACCEPTED:
                tally.accepted += 1
            elif outcome is Outcome.REFUSED:
                tally.refused += 1
                before = self.baseline
                after = target.rows() if target.rows else None
                if before != after:
                    assert before is not None and after is not None
                    tally.half_written += 1
                    changed = {k: (v, after.get(k)) for k, v in before.items() if v != after.get(k)}
                    self._note(
                        "half_written",
                        number,
                        f"half-written {sorted(changed)}",
                        str(changed),
                        case,
                    )
            elif outcome is Outcome.SERVER_ERROR:
                tally.server_errors += 1
                self._note("server_error", number, f"500 {kind}", "HTTP 500", case)
            if self.rollback:
                self.rollback()

    def finish(self) -> Tally:
        if self.started is not None:
            self.tally.seconds = time.monotonic() - self.started
        return self.tally


def run(target: Target, *, inputs: int, seconds: float, seed: int, **wrap: Any) -> Tally:
    """Feed up to ``inputs`` inputs made by the target, stopping after ``seconds``."""
    runner = Runner(target, seconds=seconds, seed=seed, **wrap)
    for number in range(inputs):
        if runner.out_of_time():
            break
        runner.feed(number, target.make(random.Random(f"{seed}:{number}")))
    return runner.finish()


def budget() -> tuple[int, float]:
    """Inputs and seconds per target: GONGKAI_FUZZ_INPUTS / GONGKAI_FUZZ_SECONDS."""
    return (
        int(os.environ.get("GONGKAI_FUZZ_INPUTS", "0")),
        float(os.environ.get("GONGKAI_FUZZ_SECONDS", "0")),
    )


def report(tally: Tally) -> None:
    """Append the tally to GONGKAI_FUZZ_REPORT (JSON lines), for bench/fuzz.py."""
    path = os.environ.get("GONGKAI_FUZZ_REPORT")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps(tally.as_dict(), ensure_ascii=False) + "\n")
