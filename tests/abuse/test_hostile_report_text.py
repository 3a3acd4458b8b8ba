"""The report parser on hostile text: no crash, bounded time (issue 17 point 2).

Found by fuzzing (``tests/fuzzing`` report_parser): a table cell of hundreds of digits
was a float infinity that ``int()`` refused (OverflowError); a digit run over the 15
columns of the appeals table had hundreds of millions of splits, and a text repeating
such a row took minutes.
"""

from __future__ import annotations

import time

from gongkai.rules.report_parse.digits import candidates
from gongkai.rules.report_parse.tables import APPEALS_ROW, APPLICATION_ROW

RUN = "345678901236222021234567890123"  # from the fuzzer's input: an ID and a card run on


def test_a_cell_of_four_hundred_digits_is_kept_as_printed() -> None:
    row = ["9" * 400, *["1"] * (APPLICATION_ROW.width - 1)]
    (reading,) = candidates(row, APPLICATION_ROW)
    assert reading[0] == "9" * 400


def test_a_digit_run_with_too_many_splits_is_given_up_quickly() -> None:
    started = time.monotonic()
    assert candidates([RUN], APPEALS_ROW) == []
    assert time.monotonic() - started < 1  # before: over a second (the fuzzer timed rows)


def test_a_row_repeated_thousands_of_times_is_read_once() -> None:
    started = time.monotonic()
    for _ in range(5_000):
        assert candidates([RUN[:-1]], APPEALS_ROW) == []
    assert time.monotonic() - started < 2
