"""Formats and check digits of the identity codes the law asks for.

统一社会信用代码 (unified social credit code, GB 32100-2015) identifies every
agency: Art. 12 guides and the index number (索引号, 前段码) are keyed on it.

居民身份证号码 (resident identity number, GB 11643-1999) is the 身份证明 a natural person
gives with an application (条例 Art. 29 (一)); passports, the mainland travel permits of
Hong Kong, Macao and Taiwan residents and the foreigner's permanent residence ID card are
the other documents a person proves identity with, checked below as far as their
published formats allow. It is personal information, so besides
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
    if last != resident_id_check_char(normalised[:17]):
        # The right check character is not named: the message would turn any 17 digits
        # typed in by someone who is not their holder into a valid-looking number.
        raise InvalidCodeError(
            f"居民身份证号码“{number}”校验位错误：号码中有数字输错或顺序颠倒，请对照证件逐位核对。"
        )
    return normalised


def _compact(number: str) -> str:
    """Upper case, without the spaces, hyphens and brackets people type into numbers."""
    return "".join(ch for ch in number if not ch.isspace() and ch not in "-()（）").upper()


def _latin_alnum(text: str) -> bool:
    return text.isascii() and text.isalnum()


# 护照: ICAO Doc 9303 puts up to 9 characters in the MRZ document-number field and lets
# longer numbers overflow into the optional data; Chinese ordinary passports are 9
# (E + 8 digits, E + letter + 7 digits, older G + 8 digits). Foreign passports differ by
# country, so only the common bounds are checked.
PASSPORT_LENGTHS = range(5, 18)


def validate_passport(number: str) -> str:
    """A passport number: 5 to 17 Latin letters and digits."""
    normalised = _compact(number)
    if not normalised:
        raise InvalidCodeError("请填写护照号码。")
    if not _latin_alnum(normalised):
        raise InvalidCodeError(f"护照号码“{number}”只能由英文字母和数字组成。")
    if normalised.isdigit() and len(normalised) == RESIDENT_ID_LENGTH:
        raise InvalidCodeError("这像是居民身份证号码，请在“证件类型”中选择居民身份证。")
    if len(normalised) not in PASSPORT_LENGTHS:
        raise InvalidCodeError(
            f"护照号码应为{PASSPORT_LENGTHS.start}至{PASSPORT_LENGTHS.stop - 1}位，"
            f"“{number}”为{len(normalised)}位。"
        )
    return normalised


# 港澳居民来往内地通行证: "H" (Hong Kong) or "M" (Macao) and 8 digits on the card issued
# since 2013; the earlier booklet had 10 digits after the letter.
HK_MACAO_PERMIT_DIGITS = (8, 10)


def validate_hk_macao_permit(number: str) -> str:
    """H or M followed by 8 digits (10 on the old booklet)."""
    normalised = _compact(number)
    if not normalised:
        raise InvalidCodeError("请填写港澳居民来往内地通行证号码。")
    if normalised[0] not in "HM":
        raise InvalidCodeError(
            f"港澳居民来往内地通行证号码“{number}”应以字母H（香港）或M（澳门）开头。"
        )
    digits = normalised[1:]
    if not (digits.isascii() and digits.isdigit()) or len(digits) not in HK_MACAO_PERMIT_DIGITS:
        raise InvalidCodeError(
            f"港澳居民来往内地通行证号码“{number}”应为字母H或M加8位数字（旧版证件为10位数字）。"
        )
    return normalised


# 台湾居民来往大陆通行证: 8 digits on the card issued since 2015; the earlier booklet had
# 10 digits, sometimes followed by a letter for the issue count, as in "1234567890(B)".
TAIWAN_PERMIT_DIGITS = (8, 10)


def validate_taiwan_permit(number: str) -> str:
    """8 digits (10 on the old booklet, optionally with one letter after them)."""
    normalised = _compact(number)
    if not normalised:
        raise InvalidCodeError("请填写台湾居民来往大陆通行证号码。")
    digits = normalised[:-1] if len(normalised) == 11 and normalised[-1].isalpha() else normalised
    if not (digits.isascii() and digits.isdigit()) or len(digits) not in TAIWAN_PERMIT_DIGITS:
        raise InvalidCodeError(
            f"台湾居民来往大陆通行证号码“{number}”应为8位数字（旧版证件为10位数字，可带一个字母）。"
        )
    return normalised


# 外国人永久居留身份证: the 2023 card has 18 characters beginning with "9" and the resident
# ID's check character (GB 11643-1999, MOD 11-2); the 2004 and 2017 cards have 15: a
# 3-letter nationality code (ISO 3166-1 alpha-3) and 12 digits, with no check character.
FOREIGN_PERMANENT_ID_NEW_PREFIX = "9"
FOREIGN_PERMANENT_ID_OLD_LENGTH = 15


def validate_foreign_permanent_id(number: str) -> str:
    """18 characters starting with 9 (checked), or 3 letters and 12 digits (older cards)."""
    normalised = _compact(number)
    if not normalised:
        raise InvalidCodeError("请填写外国人永久居留身份证号码。")
    what = f"外国人永久居留身份证号码“{number}”"
    if len(normalised) == RESIDENT_ID_LENGTH:
        body, last = normalised[:17], normalised[17]
        if not (body.isascii() and body.isdigit()) or last not in RESIDENT_ID_CHECK_CHARS:
            raise InvalidCodeError(f"{what}的前17位应为数字，第18位应为数字或“X”。")
        if not body.startswith(FOREIGN_PERMANENT_ID_NEW_PREFIX):
            raise InvalidCodeError(
                f"{what}应以数字9开头；以其他数字开头的18位号码是居民身份证号码。"
            )
        if last != resident_id_check_char(body):
            raise InvalidCodeError(
                f"{what}校验位错误：号码中有数字输错或顺序颠倒，请对照证件逐位核对。"
            )
        return normalised
    if len(normalised) == FOREIGN_PERMANENT_ID_OLD_LENGTH:
        letters, digits = normalised[:3], normalised[3:]
        if not (letters.isascii() and letters.isalpha() and digits.isascii() and digits.isdigit()):
            raise InvalidCodeError(f"{what}（旧版15位）应为3位国籍字母代码加12位数字。")
        return normalised
    raise InvalidCodeError(
        f"外国人永久居留身份证号码应为18位（2023年版）或15位（旧版），"
        f"“{number}”为{len(normalised)}位。"
    )


# 联系电话: a mainland mobile number has 11 digits, a landline 7 or 8 after an area code
# of 3 or 4 digits; with a country code and an extension a number stays within 20 digits.
PHONE_MIN_DIGITS = 7
PHONE_MAX_DIGITS = 20
PHONE_ALLOWED = frozenset("0123456789 -()+")


def phone_problem(phone: str, *, label: str = "联系电话") -> str | None:
    """What is wrong with a contact phone number, in Chinese; None when it can be dialled.

    Loose on purpose (landlines with area codes and extensions must pass), but a wrong
    number is told apart from a short or a long one, so the applicant knows what to fix.
    ``label`` names the field in the message (a fax number is checked the same way).
    """
    text = phone.strip()
    bad = sorted({ch for ch in text if ch not in PHONE_ALLOWED})
    if bad:
        return (
            f"{label}含有不允许的字符：{'、'.join(bad)}。只能填写数字、空格、连字符、括号"
            "和开头的“+”，如 027-12345678 或 13912345678。"
        )
    if "+" in text[1:]:
        return f"{label}中的“+”只能写在最前面（国际区号前）。"
    digits = sum(ch.isdigit() for ch in text)
    if digits < PHONE_MIN_DIGITS:
        return (
            f"{label}过短：只有{digits}位数字。手机号码为11位；固定电话请连同区号填写，"
            "如 027-12345678。"
        )
    if digits > PHONE_MAX_DIGITS:
        return f"{label}过长：有{digits}位数字，最多{PHONE_MAX_DIGITS}位，请检查。"
    if text.isdigit() and text.startswith("1") and len(text) != 11:
        return f"手机号码应为11位，“{text}”为{len(text)}位。"
    return None


# A mainland mobile number (the only kind an SMS reaches): 11 digits beginning 13–19,
# optionally written with the country code 86.
MOBILE_PREFIXES = "3456789"


def mainland_mobile(phone: str) -> str | None:
    """The 11-digit mobile number in ``phone``, or None when it is a landline or foreign."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if not phone.strip().replace(" ", "").replace("-", "").lstrip("+").isdigit():
        return None
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    if len(digits) == 11 and digits[0] == "1" and digits[1] in MOBILE_PREFIXES:
        return digits
    return None


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


# 邮政编码: six digits (the postal code of a mainland address).
POSTCODE_LENGTH = 6


def postcode_problem(code: str) -> str | None:
    """What is wrong with a postal code, in Chinese; None when it has the six digits."""
    text = code.strip()
    if len(text) == POSTCODE_LENGTH and text.isascii() and text.isdigit():
        return None
    return f"邮政编码应为{POSTCODE_LENGTH}位数字，“{text}”不是。"
