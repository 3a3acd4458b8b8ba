"""Whole numbers typed into URLs and forms: ASCII digits only, and not too many of them.

``str.isdigit()`` is true for "²", which ``int()`` refuses, and ``int()`` refuses any
string of more than 4,300 digits: each turned a junk query parameter into a 500 (found by
tests/abuse/test_fuzz.py). Every place that reads a number somebody typed asks here.
"""

from __future__ import annotations

# 2**63 - 1, the largest id the database holds, has 19 digits.
MAX_DIGITS = 19


def whole_number(text: str, *, max_digits: int = MAX_DIGITS) -> int | None:
    """The number ``text`` spells in at most ``max_digits`` ASCII digits, or None."""
    if not text or len(text) > max_digits or not (text.isascii() and text.isdigit()):
        return None
    return int(text)
