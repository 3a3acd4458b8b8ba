"""Valid personal numbers built from first principles, so the tests do not trust the
module under test to check itself (same approach as tests/rules/test_resident_id.py)."""

from __future__ import annotations


def id_check_char(body: str) -> str:
    """GB 11643 (ISO 7064 MOD 11-2): weight of position i is 2^(17-i) mod 11."""
    total = sum(int(ch) * pow(2, 17 - i, 11) for i, ch in enumerate(body))
    return "10X98765432"[total % 11]


def resident_id(body: str) -> str:
    """The 18-character number for 17 leading digits."""
    return body + id_check_char(body)


def wrong_check(number: str) -> str:
    """The same number with a wrong 18th character."""
    right = number[17]
    return number[:17] + next(ch for ch in "0123456789X" if ch != right)


def luhn_digit(body: str) -> str:
    """The check digit that makes ``body`` + digit pass Luhn (ISO/IEC 7812-1 Annex B)."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def bank_card(body: str) -> str:
    return body + luhn_digit(body)
