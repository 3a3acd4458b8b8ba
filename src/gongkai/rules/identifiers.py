"""Check digits of the identity codes the law asks for.

统一社会信用代码 (unified social credit code, GB 32100-2015) identifies every
agency: Art. 12 guides and the index number (索引号, 前段码) are keyed on it.

居民身份证号码 (resident identity number, GB 11643-1999) is the 身份证明 a natural person
gives with an application (条例 Art. 29 (一)). It is personal information, so besides
checking it this module masks it, and phone numbers, for anything displayed or published.
"""

from __future__ import annotations

from datetime import date

# GB 32100-2015 §4: 31 characters; I, O, S, V and Z are never used.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
USCC_LENGTH = 18


class InvalidCodeError(ValueError):
    """A code that cannot be right; the message names what is wrong, in Chinese."""


def uscc_check_char(body: str) -> str:
    """The 18th character for the first 17 (GB 32100-2015 §5, modulus 31)."""
    total = sum(USCC_ALPHABET.index(ch) * w for ch, w in zip(body, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def validate_uscc(code: str) -> str:
    """Return the normalised code, or raise InvalidCodeError saying why it is wrong."""
    normalised = code.strip().upper()
    if len(normalised) != USCC_LENGTH:
        raise InvalidCodeError(f"统一社会信用代码应为18位，“{code}”为{len(normalised)}位。")
    bad = sorted({ch for ch in normalised if ch not in USCC_ALPHABET})
    if bad:
        raise InvalidCodeError(
            f"统一社会信用代码“{code}”含有不允许的字符：{'、'.join(bad)}（不使用I、O、S、V、Z）。"
        )
    if not normalised[2:8].isdigit():
        raise InvalidCodeError(f"统一社会信用代码“{code}”第3至8位应为行政区划代码（6位数字）。")
    expected = uscc_check_char(normalised[:17])
    if normalised[17] != expected:
        raise InvalidCodeError(
            f"统一社会信用代码“{code}”校验位错误：第18位应为“{expected}”，实为“{normalised[17]}”。"
        )
    return normalised


# GB 11643-1999 §7 (ISO 7064 MOD 11-2): weight of position i is 2^(17-i) mod 11, i.e. the
# sequence below; the check character is CHECK_CHARS[sum mod 11] ("X" stands for 10).
RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECK_CHARS = "10X98765432"
# GB 11643-1999 §5: 6-digit address code, 8-digit birth date (YYYYMMDD), 3-digit
# sequence code, 1 check character.
RESIDENT_ID_LENGTH = 18
# Plausibility floor for the birth date: nobody alive applies with an earlier one, and a
# year like 0190 is a typo that the checksum alone would not always catch.
RESIDENT_ID_EARLIEST_BIRTH = date(1900, 1, 1)


def resident_id_check_char(body: str) -> str:
    """The 18th character for the first 17 digits (GB 11643-1999, MOD 11-2)."""
    total = sum(int(ch) * w for ch, w in zip(body, RESIDENT_ID_WEIGHTS, strict=True))
    return RESIDENT_ID_CHECK_CHARS[total % 11]


def validate_resident_id(number: str, *, today: date | None = None) -> str:
    """Return the normalised 18-digit 居民身份证号码 (upper-case X), or say what is wrong.

    Checks, in the order a clerk would fix them: length, characters, birth date, check
    character. ``today`` (default: the system date) bounds the birth date from above.
    """
    normalised = number.strip().upper()
    if len(normalised) != RESIDENT_ID_LENGTH:
        hint = "（可能是15位旧号码，请使用18位号码）" if len(normalised) == 15 else ""
        raise InvalidCodeError(f"居民身份证号码应为18位，“{number}”为{len(normalised)}位{hint}。")
    if not normalised[:17].isdigit() or not normalised[:17].isascii():
        raise InvalidCodeError(f"居民身份证号码“{number}”的前17位应全部为数字。")
    last = normalised[17]
    if last not in RESIDENT_ID_CHECK_CHARS:
        raise InvalidCodeError(f"居民身份证号码“{number}”的第18位应为数字或“X”，实为“{last}”。")
    digits = normalised[6:14]
    try:
        birth = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise InvalidCodeError(
            f"居民身份证号码“{number}”第7至14位的出生日期“{digits}”不是有效日期。"
        ) from None
    if birth < RESIDENT_ID_EARLIEST_BIRTH:
        raise InvalidCodeError(
            f"居民身份证号码“{number}”的出生日期{birth.year}年{birth.month}月{birth.day}日"
            "早于1900年，不可能正确。"
        )
    if birth > (today or date.today()):
        raise InvalidCodeError(
            f"居民身份证号码“{number}”的出生日期{birth.year}年{birth.month}月{birth.day}日"
            "晚于今天，不可能正确。"
        )
    expected = resident_id_check_char(normalised[:17])
    if last != expected:
        raise InvalidCodeError(
            f"居民身份证号码“{number}”校验位错误：第18位应为“{expected}”，实为“{last}”。"
        )
    return normalised


def _mask(text: str, keep_head: int, keep_tail: int) -> str:
    """Keep the ends, star the middle; too short to keep anything safely → all stars."""
    if len(text) <= keep_head + keep_tail:
        return "*" * len(text)
    middle = len(text) - keep_head - keep_tail
    return f"{text[:keep_head]}{'*' * middle}{text[len(text) - keep_tail :]}"


def mask_resident_id(number: str) -> str:
    """ "420104********1234": first 6 (address code) and last 4 kept, birth date hidden.

    Used for anything shown beyond the case handler (ledgers, exports, published
    material), where an unmasked number is a personal-information leak (LAW.md §4.2).
    Does not validate: a wrong number must be masked just the same.
    """
    return _mask(number.strip(), 6, 4)


def mask_phone(number: str) -> str:
    """ "138****1234": first 3 and last 4 digits kept, the practice cited in LAW.md §4.2.

    Spaces and hyphens typed inside the number are dropped first, so "138-1234-1234"
    masks the same way as "13812341234".
    """
    compact = "".join(ch for ch in number if not ch.isspace() and ch != "-")
    return _mask(compact, 3, 4)


# ISO/IEC 7812-1 Annex B (the Luhn formula): the check digit of a payment card number.
# Chinese debit and credit cards (UnionPay 62…, and Visa/Mastercard/JCB co-brands) carry
# 16 to 19 digits; 汉台区's inspection report (LAW.md §4.2) lists 银行卡号 among the
# numbers that must be masked before publication.
BANK_CARD_LENGTHS = range(16, 20)


def luhn_valid(digits: str) -> bool:
    """True when the last digit is the Luhn check digit of the others."""
    if not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for position, ch in enumerate(reversed(digits)):
        value = int(ch)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def mask_bank_card(number: str) -> str:
    """ "6222***********1234": first 4 (card scheme) and last 4 kept, as banks print them.

    Separators typed between digit groups are dropped first, as for phone numbers.
    """
    compact = "".join(ch for ch in number if not ch.isspace() and ch != "-")
    return _mask(compact, 4, 4)
