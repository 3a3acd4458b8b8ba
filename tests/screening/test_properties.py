"""Properties: valid numbers are found wherever they stand in Chinese text, masked
values never are, and masking leaves no personal data behind."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.rules.screening import (
    PERSONAL_DATA_TYPES,
    ScreeningDictionary,
    mask_findings,
    screen_text,
)
from gongkai.rules.screening.personal_data import (
    CARD_LABELS,
    NOT_A_CARD_LABELS,
    PROVINCE_CODES,
    USCC_LABELS,
)
from tests.screening.numbers import bank_card, resident_id

TODAY = date(2026, 5, 1)
NO_WORDS = ScreeningDictionary()
# Chinese text and punctuation, without the characters of the context labels, so that
# random text never happens to spell "编号" right before a card number.
LABEL_CHARS = set("".join(NOT_A_CARD_LABELS + CARD_LABELS + USCC_LABELS))
CHINESE = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5).filter(
    lambda ch: ch not in LABEL_CHARS
)
prose = st.text(alphabet=st.one_of(CHINESE, st.sampled_from("，。：；、（）“” \n")), max_size=40)
digits = st.text(alphabet="0123456789", min_size=1, max_size=1)


@st.composite
def resident_ids(draw: st.DrawFn) -> str:
    province = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    area = draw(st.integers(0, 9999))
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    sequence = draw(st.integers(0, 999))
    number = resident_id(f"{province:02d}{area:04d}{born:%Y%m%d}{sequence:03d}")
    return number.lower() if draw(st.booleans()) else number


@st.composite
def mobiles(draw: st.DrawFn) -> str:
    number = (
        "1" + draw(st.sampled_from("3456789")) + draw(st.text("0123456789", min_size=9, max_size=9))
    )
    separator = draw(st.sampled_from(["", " ", "-"]))
    return separator.join([number[:3], number[3:7], number[7:]])


@st.composite
def bank_cards(draw: st.DrawFn) -> str:
    length = draw(st.sampled_from([16, 17, 19, 18]))
    # An 18-digit body starting 62 could be laid out like an ID; 9 is no province code.
    first = "9" if length == 18 else draw(st.sampled_from(["62", "4", "5", "3", "9"]))
    body = first + draw(
        st.text("0123456789", min_size=length - 1 - len(first), max_size=length - 1 - len(first))
    )
    number = bank_card(body)
    if length == 16 and draw(st.booleans()):
        return " ".join(number[i : i + 4] for i in range(0, 16, 4))
    return number


def personal(text: str) -> list[tuple[str, str]]:
    return [
        (str(f.type), f.text)
        for f in screen_text(text, dictionary=NO_WORDS, today=TODAY)
        if f.type in PERSONAL_DATA_TYPES
    ]


@given(before=prose, number=resident_ids(), after=prose)
def test_any_valid_id_is_found(before: str, number: str, after: str) -> None:
    assert ("id_card", number) in personal(before + number + after)


@given(before=prose, number=mobiles(), after=prose)
def test_any_mobile_is_found(before: str, number: str, after: str) -> None:
    assert ("mobile", number) in personal(before + number + after)


@given(before=prose, number=bank_cards(), after=prose)
def test_any_luhn_card_is_found(before: str, number: str, after: str) -> None:
    assert ("bank_card", number) in personal(before + "，" + number + after)


@given(
    before=prose,
    masked=st.one_of(
        resident_ids().map(lambda n: n[:6] + "*" * 8 + n[-4:]),
        resident_ids().map(lambda n: n[:2] + "*" * 13 + n[-3:]),
        mobiles().map(lambda n: n.replace(" ", "").replace("-", "")[:3] + "****" + n[-4:]),
        bank_cards().map(lambda n: n[:4] + "*" * 11 + n[-4:]),
    ),
    after=prose,
)
def test_masked_values_are_never_found(before: str, masked: str, after: str) -> None:
    assert personal(before + masked + after) == []


@settings(max_examples=200)
@given(
    st.lists(
        st.one_of(prose, resident_ids(), mobiles(), bank_cards(), digits), min_size=1, max_size=12
    )
)
def test_masked_output_has_no_personal_data(pieces: list[str]) -> None:
    text = "，".join(pieces)
    masked = mask_findings(text, screen_text(text, dictionary=NO_WORDS, today=TODAY))
    assert personal(masked) == []


@given(st.text(max_size=200))
def test_masking_any_text_leaves_no_personal_data(text: str) -> None:
    masked = mask_findings(text, screen_text(text, dictionary=NO_WORDS, today=TODAY))
    assert personal(masked) == []


@given(st.text(max_size=300))
def test_findings_point_at_their_text(text: str) -> None:
    for finding in screen_text(text, today=TODAY):
        assert text[finding.start : finding.end] == finding.text
        line_start = sum(len(line) + 1 for line in text.split("\n")[: finding.line - 1])
        assert line_start + finding.column - 1 == finding.start


def test_birth_date_today_is_plausible() -> None:
    number = resident_id(f"420104{TODAY:%Y%m%d}001")
    assert personal(number) == [("id_card", number)]
    tomorrow = resident_id(f"420104{TODAY + timedelta(days=1):%Y%m%d}001")
    assert personal(tomorrow) == []
