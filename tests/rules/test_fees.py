"""信息处理费 (国办函〔2020〕109号 Art. 3–5): hand-checked sums and 超额累进 properties.

The marginal prices used by the properties are written out again here from the 办法's
tier table, independently of the module, so the properties compare two readings.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.rules.fees import (
    PAYMENT_WORKING_DAYS,
    FeeBasis,
    fee_by_count,
    fee_by_pages,
    fee_lines_by_count,
    fee_lines_by_pages,
)


def nth_application_price(n: int) -> int:
    """Art. 4: 1–10 free; 11–30 at 100; then +100 per band of 10 (31–40 at 200, …)."""
    if n <= 10:
        return 0
    if n <= 30:
        return 100
    return 200 + 100 * ((n - 31) // 10)


def nth_page_price(n: int) -> int:
    """Art. 5: 1–30 free; 31–100 at 10; 101–200 at 20; 201+ at 40."""
    if n <= 30:
        return 0
    if n <= 100:
        return 10
    if n <= 200:
        return 20
    return 40


volumes = st.integers(min_value=0, max_value=3000)


def test_basis_labels() -> None:
    assert FeeBasis.BY_COUNT.label == "按件计收"
    assert FeeBasis.BY_PAGES.label == "按量计收"


def test_payment_window() -> None:
    assert PAYMENT_WORKING_DAYS == 20


# --- by pages ------------------------------------------------------------------------


def test_2219_pages_cost_83460_yuan() -> None:
    # 70×10 + 100×20 + 2019×40 = 700 + 2000 + 80760, the 西安 fee notice (LAW.md §3.5).
    assert fee_by_pages(2219) == 83_460


@pytest.mark.parametrize(
    ("pages", "fee"),
    [(0, 0), (1, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740)],
)
def test_page_thresholds(pages: int, fee: int) -> None:
    assert fee_by_pages(pages) == fee


def test_page_fee_lines_explain_the_sum() -> None:
    lines = fee_lines_by_pages(2219)
    assert [line.describe() for line in lines] == [
        "第1—30页，不收费",
        "第31—100页，10元/页，计700元",
        "第101—200页，20元/页，计2000元",
        "第201—2219页，40元/页，计80760元",
    ]
    assert fee_lines_by_pages(0) == []


# --- by count ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nth", "fee"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (51, 400)],
)
def test_price_of_the_nth_application_this_month(nth: int, fee: int) -> None:
    assert fee_by_count(earlier_this_month=nth - 1) == fee


def test_twelve_applications_from_zero_cost_200() -> None:
    assert fee_by_count(earlier_this_month=0, count=12) == 200


def test_count_fee_lines_explain_the_sum() -> None:
    lines = fee_lines_by_count(earlier_this_month=8, count=25)
    assert [line.describe() for line in lines] == [
        "第9—10件，不收费",
        "第11—30件，100元/件，计2000元",
        "第31—33件，200元/件，计600元",
    ]
    assert fee_by_count(earlier_this_month=8, count=25) == 2600
    assert fee_lines_by_count(earlier_this_month=41, count=1)[0].describe() == (
        "第42件，300元/件，计300元"
    )


def test_zero_new_applications_cost_nothing() -> None:
    assert fee_by_count(earlier_this_month=50, count=0) == 0


@pytest.mark.parametrize(
    "call",
    [
        lambda: fee_by_count(earlier_this_month=-1),
        lambda: fee_by_count(earlier_this_month=0, count=-2),
        lambda: fee_by_pages(-1),
    ],
)
def test_negative_volumes_are_refused_in_chinese(call: object) -> None:
    with pytest.raises(ValueError, match="不能为负数"):
        call()  # type: ignore[operator]


# --- properties ----------------------------------------------------------------------


@given(pages=volumes)
def test_page_fee_is_monotone(pages: int) -> None:
    assert fee_by_pages(pages) <= fee_by_pages(pages + 1)


@given(earlier=volumes, count=volumes)
def test_count_fee_is_monotone(earlier: int, count: int) -> None:
    # More applications, or the same number filed later in the month, never cost less.
    base = fee_by_count(earlier_this_month=earlier, count=count)
    assert base <= fee_by_count(earlier_this_month=earlier, count=count + 1)
    assert base <= fee_by_count(earlier_this_month=earlier + 1, count=count)


@given(a=volumes, b=volumes, c=volumes)
def test_count_fee_is_additive(a: int, b: int, c: int) -> None:
    # 超额累进: splitting a month's applications into batches never changes the total.
    whole = fee_by_count(earlier_this_month=a, count=b + c)
    parts = fee_by_count(earlier_this_month=a, count=b) + fee_by_count(
        earlier_this_month=a + b, count=c
    )
    assert whole == parts


@given(pages=volumes)
def test_page_fee_is_the_sum_of_marginal_prices(pages: int) -> None:
    assert fee_by_pages(pages) == sum(nth_page_price(n) for n in range(1, pages + 1))


@given(earlier=volumes, count=st.integers(min_value=0, max_value=300))
def test_count_fee_is_the_sum_of_marginal_prices(earlier: int, count: int) -> None:
    expected = sum(nth_application_price(n) for n in range(earlier + 1, earlier + count + 1))
    assert fee_by_count(earlier_this_month=earlier, count=count) == expected


@given(pages=st.integers(min_value=0, max_value=30))
def test_up_to_30_pages_is_free(pages: int) -> None:
    assert fee_by_pages(pages) == 0


@given(earlier=st.integers(min_value=0, max_value=10), data=st.data())
def test_first_10_applications_a_month_are_free(earlier: int, data: st.DataObject) -> None:
    count = data.draw(st.integers(min_value=0, max_value=10 - earlier))
    assert fee_by_count(earlier_this_month=earlier, count=count) == 0
