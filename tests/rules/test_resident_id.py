"""居民身份证号码 (GB 11643-1999) validation and masking of personal numbers.

Valid numbers are built here with an independent implementation of the checksum, so the
tests do not trust the module to check itself.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from gongkai.rules.identifiers import (
    InvalidCodeError,
    mask_phone,
    mask_resident_id,
    resident_id_check_char,
    validate_resident_id,
)

TODAY = date(2026, 5, 1)


def check_digit(body: str) -> str:
    """ISO 7064 MOD 11-2 from first principles: weight of position i is 2^(17-i) mod 11."""
    total = sum(int(ch) * pow(2, 17 - i, 11) for i, ch in enumerate(body))
    return "10X98765432"[total % 11]


def make_id(region: str, birth: str, sequence: str) -> str:
    body = f"{region}{birth}{sequence}"
    return body + check_digit(body)


def test_known_check_digits() -> None:
    # Weights 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2 as printed in the standard.
    assert [pow(2, 17 - i, 11) for i in range(17)] == [
        7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2,
    ]  # fmt: skip
    assert check_digit("11010519491231002") == "X"  # the standard's own example


def test_valid_number_is_returned() -> None:
    number = make_id("420104", "19850612", "123")
    assert validate_resident_id(number, today=TODAY) == number
    assert validate_resident_id(f"  {number} ", today=TODAY) == number


def test_x_check_digit_is_normalised_to_upper_case() -> None:
    number = make_id("110105", "19491231", "002")
    assert number.endswith("X")
    assert validate_resident_id(number.lower(), today=TODAY) == number


@given(
    region=st.from_regex(r"[1-9][0-9]{5}", fullmatch=True),
    birth=st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    sequence=st.from_regex(r"[0-9]{3}", fullmatch=True),
)
def test_constructed_numbers_validate(region: str, birth: date, sequence: str) -> None:
    number = make_id(region, birth.strftime("%Y%m%d"), sequence)
    assert resident_id_check_char(number[:17]) == number[17]
    assert validate_resident_id(number, today=TODAY) == number


@given(
    birth=st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    sequence=st.from_regex(r"[0-9]{3}", fullmatch=True),
    wrong=st.sampled_from("0123456789X"),
)
def test_wrong_check_digit_does_not_reveal_the_right_one(
    birth: date, sequence: str, wrong: str
) -> None:
    """Naming the right check character would let anyone complete 17 guessed digits."""
    good = make_id("420104", birth.strftime("%Y%m%d"), sequence)
    assume(wrong != good[17])
    with pytest.raises(InvalidCodeError) as info:
        validate_resident_id(good[:17] + wrong, today=TODAY)
    message = str(info.value)
    assert "校验位错误" in message and "逐位核对" in message
    assert good[17] not in message.replace(good[:17] + wrong, "")


@pytest.mark.parametrize(
    ("birth", "fragment"),
    [
        ("19850230", "不是有效日期"),
        ("19851301", "不是有效日期"),
        ("18991231", "早于1900年"),
        ("20260502", "晚于今天"),
    ],
)
def test_bad_birth_date(birth: str, fragment: str) -> None:
    number = make_id("420104", birth, "123")  # correct checksum: only the date is wrong
    with pytest.raises(InvalidCodeError, match=fragment):
        validate_resident_id(number, today=TODAY)


def test_birth_date_today_is_accepted() -> None:
    number = make_id("420104", "20260501", "123")
    assert validate_resident_id(number, today=TODAY) == number


@pytest.mark.parametrize("number", ["4201041985061212", "4201041985061212345"])
def test_wrong_length(number: str) -> None:
    with pytest.raises(InvalidCodeError, match=f"应为18位，“{number}”为{len(number)}位"):
        validate_resident_id(number, today=TODAY)


def test_fifteen_digit_old_number_gets_a_hint() -> None:
    with pytest.raises(InvalidCodeError, match="15位旧号码"):
        validate_resident_id("420104850612123", today=TODAY)


@pytest.mark.parametrize("number", ["42010419850612A23X", "4201041985０6121234"])
def test_non_digit_characters(number: str) -> None:
    with pytest.raises(InvalidCodeError, match="前17位应全部为数字"):
        validate_resident_id(number, today=TODAY)


def test_bad_last_character() -> None:
    with pytest.raises(InvalidCodeError, match="第18位应为数字或“X”，实为“Y”"):
        validate_resident_id("42010419850612123Y", today=TODAY)


def test_invalid_code_error_is_a_value_error() -> None:
    assert issubclass(InvalidCodeError, ValueError)


# --- masking -------------------------------------------------------------------------


def test_mask_resident_id() -> None:
    assert mask_resident_id("420104198506121234") == "420104********1234"
    assert mask_resident_id(" 11010519491231002X ") == "110105********002X"


def test_mask_resident_id_never_leaks_short_input() -> None:
    assert mask_resident_id("1234567890") == "**********"


def test_mask_phone() -> None:
    assert mask_phone("13812341234") == "138****1234"
    assert mask_phone("138 1234 1234") == "138****1234"
    assert mask_phone("138-1234-1234") == "138****1234"
    assert mask_phone("1234567") == "*******"
