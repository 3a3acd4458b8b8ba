"""The identity documents a person may apply with online (条例 Art. 29 (一)), and phones.

Valid numbers are generated from each format's description; the check character of the
18-digit 外国人永久居留身份证 is computed here from first principles, as for the
resident ID, so the module does not check itself.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from gongkai.rules.identifiers import (
    InvalidCodeError,
    phone_problem,
    postcode_problem,
    validate_foreign_permanent_id,
    validate_hk_macao_permit,
    validate_passport,
    validate_taiwan_permit,
)


def check_digit(body: str) -> str:
    total = sum(int(ch) * pow(2, 17 - i, 11) for i, ch in enumerate(body))
    return "10X98765432"[total % 11]


digits = st.text(alphabet="0123456789", min_size=1, max_size=1)


@given(
    st.from_regex(r"(E[0-9]{8}|E[A-HJ-NP-Z][0-9]{7}|G[0-9]{8}|[A-Z]{2}[0-9]{7})", fullmatch=True)
)
def test_passport_numbers_of_the_usual_forms_pass(number: str) -> None:
    assert validate_passport(f" {number.lower()} ") == number


@pytest.mark.parametrize(
    ("number", "fragment"),
    [
        ("E123", "应为5至17位"),
        ("E12345678901234567", "应为5至17位"),
        ("E1234567８", "英文字母和数字"),
        ("护照E12345678", "英文字母和数字"),
        ("420104198506120031", "居民身份证"),
    ],
)
def test_passport_errors_say_what_is_wrong(number: str, fragment: str) -> None:
    with pytest.raises(InvalidCodeError, match=fragment):
        validate_passport(number)


@given(st.sampled_from("HM"), st.from_regex(r"[0-9]{8}|[0-9]{10}", fullmatch=True))
def test_hk_macao_permits(letter: str, number: str) -> None:
    assert validate_hk_macao_permit(f"{letter.lower()}{number}") == letter + number


@pytest.mark.parametrize(
    ("number", "fragment"),
    [("C12345678", "H（香港）或M（澳门）开头"), ("H1234567", "8位数字"), ("H12345678X", "8位数字")],
)
def test_hk_macao_permit_errors(number: str, fragment: str) -> None:
    with pytest.raises(InvalidCodeError, match=fragment):
        validate_hk_macao_permit(number)


@given(st.from_regex(r"[0-9]{8}|[0-9]{10}(\([A-Z]\))?", fullmatch=True))
def test_taiwan_permits(number: str) -> None:
    assert validate_taiwan_permit(number) == number.replace("(", "").replace(")", "")


@pytest.mark.parametrize("number", ["1234567", "123456789", "T12345678", "12345678901"])
def test_taiwan_permit_errors(number: str) -> None:
    with pytest.raises(InvalidCodeError, match="应为8位数字"):
        validate_taiwan_permit(number)


@given(st.from_regex(r"9[0-9]{16}", fullmatch=True))
def test_new_foreign_permanent_ids_are_checked(body: str) -> None:
    good = body + check_digit(body)
    assert validate_foreign_permanent_id(good.lower()) == good


@given(st.from_regex(r"9[0-9]{16}", fullmatch=True), st.sampled_from("0123456789X"))
def test_foreign_permanent_id_check_character_is_not_revealed(body: str, wrong: str) -> None:
    right = check_digit(body)
    assume(wrong != right)
    with pytest.raises(InvalidCodeError) as info:
        validate_foreign_permanent_id(body + wrong)
    message = str(info.value)
    assert "校验位错误" in message
    assert right not in message.replace(body + wrong, "")


@pytest.mark.parametrize(
    ("number", "fragment"),
    [
        ("CAN123456789012", None),
        ("CA1123456789012", "3位国籍字母代码"),
        ("420104198506120031", "应以数字9开头"),
        ("9123", "应为18位"),
    ],
)
def test_foreign_permanent_id_forms(number: str, fragment: str | None) -> None:
    if fragment is None:
        assert validate_foreign_permanent_id(number) == number
        return
    with pytest.raises(InvalidCodeError, match=fragment):
        validate_foreign_permanent_id(number)


@pytest.mark.parametrize(
    ("phone", "fragment"),
    [
        ("12345", "过短"),
        ("027-123", "过短"),
        ("1391234567", "手机号码应为11位"),
        ("139123456789012345678901", "过长"),
        ("139abc45678", "不允许的字符"),
        ("86+13912345678", "只能写在最前面"),
    ],
)
def test_phone_problems_are_named(phone: str, fragment: str) -> None:
    problem = phone_problem(phone)
    assert problem is not None and fragment in problem
    if fragment == "过短":
        assert "只能" not in problem  # not the misleading "digits only" message


@pytest.mark.parametrize(
    "phone",
    ["13912345678", "027-12345678", "(027) 8765 4321", "+86 139 1234 5678", "027-12345678-801"],
)
def test_dialable_phones_pass(phone: str) -> None:
    assert phone_problem(phone) is None


def test_a_fax_number_is_named_as_such() -> None:
    problem = phone_problem("027-1", label="传真号码")
    assert problem is not None and problem.startswith("传真号码过短")


@pytest.mark.parametrize("code", ["43003", "4300300", "43003O", "４３００３０", ""])
def test_postcodes_have_six_ascii_digits(code: str) -> None:
    problem = postcode_problem(code)
    assert problem is not None and "邮政编码应为6位数字" in problem


def test_a_postcode_passes() -> None:
    assert postcode_problem(" 430030 ") is None
