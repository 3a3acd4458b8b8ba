"""办法 Art. 4's "same applicant, same natural month" count (rules.fees)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.rules.fees import FeeRuleError, Filing, earlier_filings_this_month, fee_by_count

IDENTITIES = st.sampled_from(["420104199003071234", "420104198812120018", "91420100MA4K"])
DAYS = st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31))


@st.composite
def filings(draw: st.DrawFn) -> list[Filing]:
    rows = draw(st.lists(st.tuples(IDENTITIES, DAYS), min_size=1, max_size=40))
    return [Filing(identity=i, received=d, order=n) for n, (i, d) in enumerate(rows)]


@settings(max_examples=200, deadline=None)
@given(filings())
def test_the_months_filings_of_one_applicant_count_zero_to_n_minus_one(month: list[Filing]):
    """Each filing counts only those received before it: the first is never charged."""
    for identity in {f.identity for f in month}:
        by_month: dict[tuple[int, int], list[Filing]] = {}
        for f in month:
            if f.identity == identity:
                by_month.setdefault((f.received.year, f.received.month), []).append(f)
        for same in by_month.values():
            counts = sorted(earlier_filings_this_month(filing=f, others=month) for f in same)
            assert counts == list(range(len(same)))
            first = min(same, key=lambda f: (f.received, f.order))
            assert earlier_filings_this_month(filing=first, others=month) == 0
            assert fee_by_count(earlier_this_month=0) == 0


@settings(max_examples=200, deadline=None)
@given(filings(), IDENTITIES, DAYS)
def test_other_applicants_other_months_and_later_filings_never_count(
    others: list[Filing], identity: str, received: date
):
    filing = Filing(identity=identity, received=received, order=10_000)
    counted = earlier_filings_this_month(filing=filing, others=others)
    expected = [
        f
        for f in others
        if f.identity == identity
        and (f.received.year, f.received.month) == (received.year, received.month)
        and f.received <= received
    ]
    assert counted == len(expected)


@settings(max_examples=100, deadline=None)
@given(filings(), st.sampled_from(["", "   "]))
def test_an_unknown_identity_is_refused_never_counted_as_one_person(
    others: list[Filing], blank: str
):
    """Ledger imports have no identity: nobody can tell whose applications they are."""
    with pytest.raises(FeeRuleError, match="身份证明号码未登记"):
        earlier_filings_this_month(
            filing=Filing(identity=blank, received=date(2026, 5, 5), order=1),
            others=[*others, Filing(identity="", received=date(2026, 5, 1), order=0)],
        )


def test_blank_identities_among_the_others_are_not_the_applicant():
    me = Filing(identity="420104199003071234", received=date(2026, 5, 20), order=9)
    strangers = [Filing(identity="", received=date(2026, 5, d), order=d) for d in range(1, 15)]
    assert earlier_filings_this_month(filing=me, others=strangers) == 0


def test_the_cut_off_is_the_receipt_date_not_the_notice_date():
    """Eleven filings in May; the one received first is charged nothing, even if its fee
    notice goes out after all the others were received."""
    identity = "420104199003071234"
    first = Filing(identity=identity, received=date(2026, 5, 4), order=1)
    later = [
        Filing(identity=identity, received=date(2026, 5, 4) + timedelta(days=n), order=n + 1)
        for n in range(1, 11)
    ]
    assert earlier_filings_this_month(filing=first, others=later) == 0
    assert earlier_filings_this_month(filing=later[-1], others=[first, *later]) == 10
    assert fee_by_count(earlier_this_month=10) == 100
