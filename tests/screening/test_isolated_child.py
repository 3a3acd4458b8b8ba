"""The limited child (issue 12 (5)): a function's value or exception comes back as if run
here; a child ended by its time or memory limit, or by a crash, is a typed failure."""

from __future__ import annotations

import os
import time

import pytest

from gongkai.extraction import ExtractionError, Reason
from gongkai.extraction.errors import out_of_memory
from gongkai.extraction.isolated import ChildFailed, Failure, run_isolated
from gongkai.extraction.legacy_office import NotReadBy

MB = 1024 * 1024
ROOMY = {"memory_bytes": 512 * MB, "seconds": 20}


def test_the_value_and_the_process_are_the_childs() -> None:
    assert run_isolated(sorted, [3, 1, 2], reverse=True, **ROOMY) == [3, 2, 1]
    assert run_isolated(os.getpid, **ROOMY) != os.getpid()


def test_what_the_function_prints_does_not_spoil_the_answer() -> None:
    assert run_isolated(print, "第一行\n", **ROOMY) is None


def test_an_exception_is_raised_again_here_with_its_type_and_reason() -> None:
    with pytest.raises(ValueError, match="invalid literal"):
        run_isolated(int, "一", **ROOMY)
    with pytest.raises(NotReadBy) as caught:
        run_isolated(_raise_not_read, **ROOMY)
    assert caught.value.reason is Reason.DAMAGED and str(caught.value) == "坏了"
    assert isinstance(caught.value, ExtractionError)


def _raise_not_read() -> None:
    raise NotReadBy("坏了", reason=Reason.DAMAGED)


def test_memory_past_the_limit_is_a_memory_failure() -> None:
    with pytest.raises(ChildFailed) as caught:
        run_isolated(bytearray, 600 * MB, memory_bytes=300 * MB, seconds=20)
    assert caught.value.failure is Failure.MEMORY


def test_cpu_past_the_limit_is_a_timeout() -> None:
    started = time.monotonic()
    with pytest.raises(ChildFailed) as caught:
        run_isolated(sum, range(10**13), memory_bytes=300 * MB, seconds=1)
    assert caught.value.failure is Failure.TIMEOUT
    assert time.monotonic() - started < 30


def test_a_child_that_never_answers_is_killed_as_a_timeout() -> None:
    started = time.monotonic()
    with pytest.raises(ChildFailed) as caught:
        run_isolated(time.sleep, 600, memory_bytes=300 * MB, seconds=1)
    assert caught.value.failure is Failure.TIMEOUT
    assert time.monotonic() - started < 30


def test_a_crash_is_a_crash() -> None:
    with pytest.raises(ChildFailed) as caught:
        run_isolated(os.abort, **ROOMY)
    assert caught.value.failure is Failure.CRASH and "-6" in caught.value.detail


def test_out_of_memory_is_seen_however_a_library_wrapped_it() -> None:
    try:
        try:
            raise MemoryError
        except MemoryError as error:
            raise RuntimeError("pdfplumber wraps it") from error
    except RuntimeError as error:
        wrapped = error
    assert out_of_memory(wrapped) and out_of_memory(MemoryError())
    assert not out_of_memory(ValueError("坏了")) and not out_of_memory(None)
