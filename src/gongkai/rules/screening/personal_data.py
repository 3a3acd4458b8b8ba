"""Personal data in free text: 居民身份证号码, 手机号码, 银行卡号.

Publishing these unmasked is the recurring failure that inspections report (LAW.md §4.2:
"个人身份证号、手机号、银行卡号未进行模糊处理"). The detectors aim at few false alarms on
ordinary government text, which is full of other long numbers: 索引号, 文号, 统一社会信用代码,
dates, amounts, landlines, URLs. The choices, each tested in tests/screening:

* A number is only a candidate when it is a whole digit run: digits or Latin letters
  right before or after it mean it is part of something longer (an order number, a
  USCC, a timestamp). Already-masked values (138****1234, 420104********1234) therefore
  never match: their digit runs are too short.
* 身份证号码: 18 characters whose check character is right (GB 11643, via
  ``identifiers.validate_resident_id``), whose birth date is a real date between 1900
  and today, and whose first two digits are a province-level code. A wrong check
  character is not an ID (issue 6): it is someone's typo or another kind of number.
* 手机号码: 1[3-9] and 9 more digits (MIIT numbering: 13x–19x are mobile), written
  together or 3-4-4 with spaces or hyphens, optionally after +86/0086.
* 银行卡号: 16–19 digits (or groups of four) passing the Luhn check, starting with a
  digit card schemes issue (3 JCB/Amex, 4 Visa, 5 Mastercard, 6 UnionPay, 9 old domestic
  cards) — which rules out dates (19xx/20xx…) — not a resident ID, valid or mistyped
  (18 digits with a province code and a birth date), and not right
  after a label naming another kind of number (索引号, 文号, 编号, 代码, …) unless a bank
  label (卡号, 账号, 开户行, …) is nearer.
* Numbers inside a URL are part of an address (article IDs, timestamps), not data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from gongkai.rules.identifiers import (
    BANK_CARD_LENGTHS,
    RESIDENT_ID_EARLIEST_BIRTH,
    RESIDENT_ID_LENGTH,
    InvalidCodeError,
    luhn_valid,
    mask_bank_card,
    mask_phone,
    mask_resident_id,
    validate_resident_id,
    validate_uscc,
)
from gongkai.rules.screening.findings import FindingType, Match, Spans

# Full-width digits and letters typed with a Chinese input method (４２０１…, Ｘ) mean the
# same; mapping them one character to one keeps every offset valid for the original text.
_WIDE_TO_ASCII = {
    **{0xFF10 + i: 0x30 + i for i in range(10)},
    **{0xFF21 + i: 0x41 + i for i in range(26)},
    **{0xFF41 + i: 0x61 + i for i in range(26)},
    0xFF0B: ord("+"),
    0xFF0D: ord("-"),
}
_WIDE = re.compile("[\uff0b\uff0d\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def normalize_width(text: str) -> str:
    """Same length as ``text``, full-width ASCII folded to ASCII (translating is the
    slowest step of screening, so it only runs on texts that have any)."""
    return text.translate(_WIDE_TO_ASCII) if _WIDE.search(text) else text


# GB/T 2260 province-level codes (first two digits of the address code): 11–15 华北,
# 21–23 东北, 31–37 华东, 41–46 中南, 50–54 西南, 61–65 西北, 71 台湾, and 81/82/83 used for
# residence permits of Hong Kong, Macao and Taiwan residents (国办发〔2018〕81号).
PROVINCE_CODES = frozenset(
    {
        *range(11, 16),
        *range(21, 24),
        *range(31, 38),
        *range(41, 47),
        *range(50, 55),
        *range(61, 66),
        71,
        81,
        82,
        83,
    }
)

# Each pattern begins with the number's first digit and only then looks behind it, so the
# regex engine skips over non-digits in C instead of trying a lookbehind at every
# position of a mostly Chinese text (4x faster for IDs and cards, 100x for mobiles).
_RUN_STARTS = r"(?<![0-9A-Za-z].)"  # placed after the first digit: nothing alphanumeric before
_RUN_ENDS = r"(?![0-9A-Za-z])"

_RESIDENT_ID = re.compile(
    r"[1-8]" + _RUN_STARTS + r"(?:[0-9]{16}[0-9Xx]|[0-9]{5} [0-9]{8} [0-9]{3}[0-9Xx])" + _RUN_ENDS
)
_MOBILE = re.compile(
    r"1(?:(?<=\+861)|(?<=\+86[ -]1)|(?<=00861)|(?<=0086[ -]1)|" + _RUN_STARTS + ")"
    r"[3-9][0-9](?:[0-9]{8}|(?P<sep>[ -])[0-9]{4}(?P=sep)[0-9]{4})" + _RUN_ENDS
)
_BANK_CARD = re.compile(
    r"[34569]"
    + _RUN_STARTS
    + r"(?:[0-9]{15,18}|[0-9]{3}(?P<sep>[ -])[0-9]{4}(?:(?P=sep)[0-9]{4}){2}"
    r"(?:(?P=sep)[0-9]{1,3})?)" + _RUN_ENDS
)
# Alternatives that each start with a literal let the engine skip ahead in C.
_URL = re.compile(r"(?:https?://|HTTPS?://|ftp://|www\.|WWW\.)[^\s<>\"'，。；、“”（）()【】]+")

# How far back a label may stand from the number it names ("索引号：", "开户行账号: ").
CONTEXT_WINDOW = 16
NOT_A_CARD_LABELS = (
    "索引号", "文号", "编号", "单号", "流水号", "订单", "代码", "许可证", "证书", "证号",
    "批准号", "登记号", "注册号", "备案号", "档案号", "合同号", "序列号", "条码", "条形码",
    "发票", "税号", "识别号", "受理号", "案号", "批次", "工单", "ISBN", "ISSN",
    # An agency's own accounts are published on purpose (预算公开, 缴款通知).
    "对公", "对公账户", "基本户", "基本账户", "专户", "零余额",
)  # fmt: skip
CARD_LABELS = (
    "卡号", "账号", "帐号", "账户", "帐户", "银行", "开户", "借记卡", "信用卡", "储蓄卡",
    "工资卡", "社保卡", "收款",
)  # fmt: skip
USCC_LABELS = ("信用代码",)


def find_personal_data(text: str, *, today: date | None = None) -> Iterator[Match]:
    """Every ID, mobile and bank-card number in ``text`` (already width-normalised)."""
    urls = Spans(m.span() for m in _URL.finditer(text))
    taken = Spans()
    for match in _resident_ids(text, today=today):
        if not urls.overlaps(match.start, match.end):
            taken.add(match.start, match.end)
            yield match
    for found in _BANK_CARD.finditer(text):
        start, end = found.span()
        if taken.overlaps(start, end) or urls.overlaps(start, end):
            continue
        if _grouped_run_continues(text, start, end, found["sep"]):
            continue
        digits = found.group().replace(found["sep"] or "", "")
        if len(digits) not in BANK_CARD_LENGTHS or not luhn_valid(digits):
            continue
        if _id_shaped(digits):
            continue
        if _labelled_as_other_number(text, start):
            continue
        taken.add(start, end)
        yield Match(FindingType.BANK_CARD, start, end, masked=mask_bank_card(digits))
    for found in _MOBILE.finditer(text):
        start, end = found.span()
        if taken.overlaps(start, end) or urls.overlaps(start, end):
            continue
        if _grouped_run_continues(text, start, end, found["sep"]) or _in_decimal(text, start, end):
            continue
        yield Match(FindingType.MOBILE, start, end, masked=mask_phone(found.group()))


def _resident_ids(text: str, *, today: date | None) -> Iterator[Match]:
    for found in _RESIDENT_ID.finditer(text):
        number = found.group().replace(" ", "")
        if int(number[:2]) not in PROVINCE_CODES:
            continue
        try:
            validate_resident_id(number, today=today)
        except InvalidCodeError:
            continue
        if _is_labelled_uscc(text, found.start(), number):
            continue
        yield Match(FindingType.ID_CARD, *found.span(), masked=mask_resident_id(number))


def _id_shaped(digits: str) -> bool:
    """18 digits laid out as an ID (province, real birth date) with a wrong check
    character: a mistyped ID, not a card (cards of 18 digits are rare; 16 and 19 are
    the norm)."""
    if len(digits) != RESIDENT_ID_LENGTH or int(digits[:2]) not in PROVINCE_CODES:
        return False
    try:
        born = date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    except ValueError:
        return False
    return born >= RESIDENT_ID_EARLIEST_BIRTH


def _is_labelled_uscc(text: str, start: int, number: str) -> bool:
    """A 统一社会信用代码 that happens to pass the ID checks too, and is labelled as one."""
    if _nearest_label(text, start, USCC_LABELS) is None:
        return False
    try:
        validate_uscc(number)
    except InvalidCodeError:
        return False
    return True


def _labelled_as_other_number(text: str, start: int) -> bool:
    other = _nearest_label(text, start, NOT_A_CARD_LABELS)
    if other is None:
        return False
    card = _nearest_label(text, start, CARD_LABELS)
    # A tie means the other label contains the card one (对公账户 ⊃ 账户): the other wins.
    return card is None or card <= other


def _nearest_label(text: str, start: int, labels: tuple[str, ...]) -> int | None:
    """End offset of the label closest before ``start`` on the same line, if any."""
    window_start = max(0, start - CONTEXT_WINDOW)
    newline = text.rfind("\n", window_start, start)
    window = text[window_start if newline == -1 else newline + 1 : start]
    best = None
    for label in labels:
        position = window.rfind(label)
        if position != -1:
            end = position + len(label)
            best = end if best is None else max(best, end)
    return best


def _grouped_run_continues(text: str, start: int, end: int, sep: str | None) -> bool:
    """ "1234 5678 9012 3456 7890": a group of four on either side means a longer number."""
    if not sep:
        return False
    before = text[max(0, start - 5) : start]
    after = text[end : end + 5]
    return bool(re.fullmatch(r"[0-9]{4}[ -]", before) or re.fullmatch(r"[ -][0-9]{4}", after))


def _in_decimal(text: str, start: int, end: int) -> bool:
    """ "0.13812345678" or "13812345678.5" is a measurement, not a phone number."""
    before = text[max(0, start - 2) : start]
    after = text[end : end + 2]
    return bool(re.fullmatch(r"[0-9][.,]", before) or re.fullmatch(r"[.,][0-9]", after))
