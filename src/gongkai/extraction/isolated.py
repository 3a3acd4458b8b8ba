"""Work on hostile files in a child process with a memory and a time limit (issue 12 (5)).

pypdf builds the whole page tree of a PDF in memory, and a hostile file can make any
parser work for minutes: a worker that audited a 3,000-page PDF kept 5.6 GB resident
afterwards. :func:`run_isolated` runs one top-level function in a short-lived Python
process whose address space and CPU time are capped with ``setrlimit`` (inherited by the
Debian tools it may start, see :mod:`legacy_office`); when it ends, its memory goes with
it. The caller gets the function's value, the exception it raised, or
:class:`ChildFailed` saying which limit ended it. Screening's extraction
(:func:`extract_text_isolated`) and the report audit (:mod:`gongkai.report_audit.isolated`)
both go through it.

Protocol: the limits and the import path as JSON in ``argv[1]`` (read by :func:`main`);
``pickle((function, args, kwargs))`` on stdin; ``pickle((outcome, value))`` on stdout.
The function is pickled by reference (its module and name), so it must be importable at
the top level of a module. Pickle is safe here because both ends are this code: the
file's bytes travel as a ``bytes`` argument.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import signal
import subprocess
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path, PurePath
from typing import Any, TypeVar

from gongkai.extraction.errors import ExtractionError, Reason
from gongkai.extraction.extract import check_size, extract_text
from gongkai.extraction.limits import DEFAULT_LIMITS, Limits

_SOURCE_ROOT = str(Path(__file__).resolve().parents[2])  # the folder holding gongkai/
# Time to start the interpreter and hand back the answer, on top of the CPU limit.
_GRACE_SECONDS = 5
_CHILD = "from gongkai.extraction.isolated import main; main()"
T = TypeVar("T")


class Failure(StrEnum):
    TIMEOUT = "timeout"
    MEMORY = "memory"
    CRASH = "crash"


class ChildFailed(Exception):
    """The child ended without an answer: past its time or memory limit, or crashed."""

    def __init__(self, failure: Failure, detail: str = "") -> None:
        super().__init__(f"{failure}: {detail}" if detail else str(failure))
        self.failure = failure
        self.detail = detail


def run_isolated(
    function: Callable[..., T], *args: Any, memory_bytes: int, seconds: int, **kwargs: Any
) -> T:
    """``function(*args, **kwargs)`` in a child limited to ``memory_bytes`` of address
    space and ``seconds`` of CPU (and ``seconds`` + a few of wall-clock) time.

    Returns its value or raises what it raised; raises :class:`ChildFailed` when the
    child runs out of memory or time or dies without answering.
    """
    payload = pickle.dumps((function, args, kwargs), protocol=pickle.HIGHEST_PROTOCOL)
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            p for p in (_SOURCE_ROOT, os.environ.get("PYTHONPATH", "")) if p
        ),
    }
    # The parent's import path too, so a function of any module the parent imported
    # (a test's, a plugin's) can be found by name in the child.
    argument = json.dumps({"memory_bytes": memory_bytes, "seconds": seconds, "path": sys.path})
    try:
        finished = subprocess.run(
            [sys.executable, "-c", _CHILD, argument],
            input=payload,
            capture_output=True,
            timeout=seconds + _GRACE_SECONDS,
            env=environment,
            check=False,
        )
    except subprocess.TimeoutExpired:  # subprocess.run has killed it
        waited = seconds + _GRACE_SECONDS
        raise ChildFailed(Failure.TIMEOUT, f"no answer after {waited} s") from None
    if finished.returncode != 0 or not finished.stdout:
        raise _death(finished.returncode, finished.stderr)
    try:
        outcome, value = pickle.loads(finished.stdout)
    except Exception as error:  # an exception class the parent cannot rebuild
        raise ChildFailed(Failure.CRASH, f"unreadable answer: {error!r}") from None
    if outcome == "value":
        return value
    if outcome == "raised":
        raise value
    raise ChildFailed(Failure(outcome), value)


def _death(returncode: int, stderr: bytes) -> ChildFailed:
    """Why a child ended without answering, from its exit status."""
    tail = stderr.decode("utf-8", "replace")[-2000:]
    if returncode == -signal.SIGXCPU:  # the CPU limit's soft signal
        return ChildFailed(Failure.TIMEOUT, "CPU time limit")
    if returncode == -signal.SIGKILL:  # the kernel's OOM killer (the CPU hard limit is later)
        return ChildFailed(Failure.MEMORY, "killed")
    return ChildFailed(Failure.CRASH, f"exit status {returncode}: {tail}")


class _Recent:
    """Text this process has already read, by the file's content.

    An attachment is read when its revision is screened and again when search indexes
    the entry, usually in the same worker; each child costs about half a second to
    start. Only successful reads are kept (the text depends on the bytes, the kind of
    file and the limits, not on the name), the most recent first, within a budget of
    characters.
    """

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.used = 0
        self.texts: OrderedDict[tuple[str, str, Limits], str] = OrderedDict()
        self.lock = threading.Lock()

    @staticmethod
    def key(data: bytes, name: str, limits: Limits) -> tuple[str, str, Limits]:
        return hashlib.sha256(data).hexdigest(), PurePath(name).suffix.lower(), limits

    def get(self, key: tuple[str, str, Limits]) -> str | None:
        with self.lock:
            text = self.texts.get(key)
            if text is not None:
                self.texts.move_to_end(key)
            return text

    def put(self, key: tuple[str, str, Limits], text: str) -> None:
        if len(text) > self.budget:
            return
        with self.lock:
            if key in self.texts:
                return
            self.texts[key] = text
            self.used += len(text)
            while self.used > self.budget:
                _, dropped = self.texts.popitem(last=False)
                self.used -= len(dropped)


_recent = _Recent(budget=4_000_000)


def extract_text_isolated(data: bytes, filename: str, *, limits: Limits = DEFAULT_LIMITS) -> str:
    """:func:`~gongkai.extraction.extract_text` of ``data``, run in a limited child
    (unless this process read the same bytes as the same kind of file already)."""
    key = _Recent.key(data, filename, limits)
    text = _recent.get(key)
    if text is None:
        text = _extract_in_child(data, filename, limits)
        _recent.put(key, text)
    return text


def _extract_in_child(data: bytes, filename: str, limits: Limits) -> str:
    name = PurePath(filename).name
    check_size(len(data), name, limits)  # no child needed to refuse it
    try:
        return run_isolated(
            extract_text,
            data,
            name,
            limits=limits,
            memory_bytes=limits.child_memory_bytes,
            seconds=limits.child_seconds,
        )
    except ChildFailed as failed:
        raise limit_refusal(name, failed.failure, limits) from None


def limit_refusal(name: str, failure: Failure, limits: Limits) -> ExtractionError:
    """The Chinese refusal for a reader ended by a limit: this module's child, or a Debian
    tool of :mod:`legacy_office` that ran out of its memory."""
    if failure is Failure.CRASH:
        return ExtractionError(
            f"“{name}”格式异常，读取程序异常退出，无法读取。", reason=Reason.DAMAGED
        )
    limit = (
        f"{limits.child_seconds}秒"
        if failure is Failure.TIMEOUT
        else f"{limits.child_memory_bytes // (1024 * 1024)}MB内存"
    )
    return ExtractionError(
        f"读取“{name}”超过了{limit}的上限，文件过大或格式异常。", reason=Reason.TOO_LARGE
    )


def _child(memory_bytes: int, seconds: int) -> bytes:
    """Run the function read from stdin under the limits; the pickled outcome."""
    import resource
    import traceback

    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    answer: tuple[str, Any]
    try:
        function, args, kwargs = pickle.load(sys.stdin.buffer)
        answer = ("value", function(*args, **kwargs))
    except MemoryError:
        answer = (Failure.MEMORY.value, "MemoryError")
    except Exception as error:
        error.add_note("in the isolated child:\n" + traceback.format_exc())
        answer = ("raised", error)
    try:
        return pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        return pickle.dumps((Failure.MEMORY.value, "MemoryError while answering"))
    except Exception as error:  # the value or the exception cannot be pickled
        return pickle.dumps((Failure.CRASH.value, f"unpicklable answer: {error!r}"))


def main() -> None:
    """The child's entry point (started with ``-c``, not ``-m``: the package imports this
    module, and ``-m`` would run a second copy of it)."""
    # Keep the answer's channel for the answer: whatever the function prints (Python or
    # a C library writing to fd 1) goes to stderr instead.
    with os.fdopen(os.dup(1), "wb") as answer_channel:
        os.dup2(2, 1)
        options = json.loads(sys.argv[1])
        sys.path.extend(p for p in options["path"] if p not in sys.path)
        answer_channel.write(_child(options["memory_bytes"], options["seconds"]))
