"""信息处理费: the processing fee of 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号).

Disclosure is free (条例 Art. 42 ¶1) except when an applicant's volume or frequency
clearly exceeds a reasonable range; the 办法 then lets the agency charge, to steer
behaviour rather than to recover costs (Art. 2). Both schedules are 超额累进 (Art. 3):
like income tax, each unit is priced by the band it falls in, so the fee never jumps
when one more page or application crosses a threshold.

Art. 3 also says an agency picks ONE basis per application and may not charge both
("不得同时按照两种标准重复计算"). These functions price one basis each; enforcing the
single choice is the model layer's job (an application stores one :class:`FeeBasis`).

Only volume is free: the 办法 grants no waiver by status (LAW.md §3.4, secondary source).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

# 办法 Art. 4 (一): 同一申请人一个自然月内累计申请10件以下(含10件)的，不收费。
COUNT_FREE_UP_TO = 10
# 办法 Art. 4 (二): 同一申请人一个自然月内累计申请11—30件(含30件)的部分：100元/件。
COUNT_FIRST_BAND_UP_TO = 30
COUNT_FIRST_BAND_PRICE = 100
# 办法 Art. 4 (三): 同一申请人一个自然月内累计申请31件以上的部分：以10件为一档，每增加一档，
# 收费标准提高100元/件。 (31–40 at 200, 41–50 at 300, …)
COUNT_BAND_SIZE = 10
COUNT_BAND_STEP = 100

# 办法 Art. 5: (一)30页以下(含30页)的，不收费。(二)31—100页(含100页)的部分：10元/页。
# (三)101—200页(含200页)的部分：20元/页。(四)201页以上的部分：40元/页。
# Each entry: (last page of the band, or None for open-ended; yuan per page).
PAGE_BANDS: tuple[tuple[int | None, int], ...] = (
    (30, 0),
    (100, 10),
    (200, 20),
    (None, 40),
)

# 办法 (article number NOT verified; LAW.md §3.3, from 法治日报 and the 四川 notice):
# 申请人应当在收到收费通知次日起20个工作日内缴纳费用，逾期未缴纳的视为放弃申请。
PAYMENT_WORKING_DAYS = 20


def _page_band_words() -> list[str]:
    """办法 Art. 5's bands in words: "30页以下（含30页）的，不收费", "31—100页…的部分，10元/页"."""
    words: list[str] = []
    first = 1
    for last, price in PAGE_BANDS:
        if last is None:
            span = f"{first}页以上"
        elif first == 1:
            span = f"{last}页以下（含{last}页）"
        else:
            span = f"{first}—{last}页（含{last}页）"
        words.append(f"{span}的，不收费" if price == 0 else f"{span}的部分，{price}元/页")
        first = (last or first) + 1
    return words


def fee_explanation() -> list[str]:
    """信息处理费 in a disclosure guide's words, every figure from the constants above.

    The reader learns when a fee can arise at all (条例 Art. 42), that the agency charges on
    one basis only (办法 Art. 3), both tariffs (Art. 4 and 5) and the payment period.
    """
    free, band = COUNT_FREE_UP_TO, COUNT_FIRST_BAND_UP_TO
    return [
        "依申请提供政府信息，不收取费用。但是，申请人申请公开政府信息的数量、频次明显超过合理范围的，"
        "行政机关可以收取信息处理费（《条例》第四十二条）。",
        "信息处理费按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取，"
        "按件计收或者按量计收，由行政机关选择其一，不得同时按照两种标准重复计算。",
        f"按件计收：同一申请人一个自然月内累计申请{free}件以下（含{free}件）的，不收费；"
        f"{free + 1}—{band}件（含{band}件）的部分，{COUNT_FIRST_BAND_PRICE}元/件；"
        f"{band + 1}件以上的部分，"
        f"以{COUNT_BAND_SIZE}件为一档，每增加一档，收费标准提高{COUNT_BAND_STEP}元/件。",
        "按量计收（适用于以纸质件、电子邮件、复制电子数据等方式提供的）：同一件申请"
        f"{'；'.join(_page_band_words())}。",
        f"需要收费的，行政机关出具收费通知；申请人应当自收到通知次日起{PAYMENT_WORKING_DAYS}个工作日内"
        "缴纳，逾期未缴纳的视为放弃申请。",
    ]


class FeeBasis(StrEnum):
    """The two bases of 办法 Art. 3; an application is charged on one of them only."""

    BY_COUNT = "by_count"
    BY_PAGES = "by_pages"

    @property
    def label(self) -> str:
        """The 办法's own name for the basis (Art. 3: 按件计收 / 按量计收)."""
        return _BASIS_LABELS[self]


_BASIS_LABELS = {FeeBasis.BY_COUNT: "按件计收", FeeBasis.BY_PAGES: "按量计收"}


@dataclass(frozen=True)
class FeeLine:
    """One band of a fee computation, so a fee notice can show how the sum was reached.

    The notice must state 依据、标准、数额 (LAW.md §3.3); a line per band is the standard
    applied and its amount. ``first`` and ``last`` are inclusive ordinal numbers (the
    applicant's n-th application this month, or the n-th page).
    """

    first: int
    last: int
    unit_price: int
    unit: str

    @property
    def quantity(self) -> int:
        return self.last - self.first + 1

    @property
    def amount(self) -> int:
        return self.quantity * self.unit_price

    def describe(self) -> str:
        """E.g. "第31—40件，200元/件，计2000元" or "第1—30页，不收费"."""
        if self.first == self.last:
            span = f"第{self.first}{self.unit}"
        else:
            span = f"第{self.first}—{self.last}{self.unit}"
        if self.unit_price == 0:
            return f"{span}，不收费"
        return f"{span}，{self.unit_price}元/{self.unit}，计{self.amount}元"


def _require_non_negative(value: int, what: str) -> None:
    if value < 0:
        raise ValueError(f"{what}不能为负数，收到的是{value}。")


def count_unit_price(n: int) -> int:
    """Yuan for the applicant's n-th application in a natural month (n ≥ 1), Art. 4."""
    if n < 1:
        raise ValueError(f"申请序号应从1开始，收到的是{n}。")
    if n <= COUNT_FREE_UP_TO:
        return 0
    if n <= COUNT_FIRST_BAND_UP_TO:
        return COUNT_FIRST_BAND_PRICE
    band = (n - COUNT_FIRST_BAND_UP_TO - 1) // COUNT_BAND_SIZE
    return COUNT_FIRST_BAND_PRICE + COUNT_BAND_STEP * (band + 1)


def page_unit_price(n: int) -> int:
    """Yuan for the n-th page of one application (n ≥ 1), Art. 5."""
    if n < 1:
        raise ValueError(f"页码应从1开始，收到的是{n}。")
    for last, price in PAGE_BANDS:
        if last is None or n <= last:
            return price
    raise AssertionError("PAGE_BANDS must end with an open band")  # pragma: no cover


def fee_lines_by_count(*, earlier_this_month: int, count: int = 1) -> list[FeeLine]:
    """The bands crossed by ``count`` new applications after ``earlier_this_month`` ones.

    The month's earlier applications count toward the thresholds (Art. 4 counts 累计申请,
    applications filed, whatever their outcome: 按件计收适用于所有政府信息公开申请处理决定
    类型) but are not charged again here.
    """
    _require_non_negative(earlier_this_month, "本月此前已申请件数")
    _require_non_negative(count, "本次申请件数")
    lines: list[FeeLine] = []
    n, end = earlier_this_month + 1, earlier_this_month + count
    while n <= end:
        if n <= COUNT_FREE_UP_TO:
            band_last = COUNT_FREE_UP_TO
        elif n <= COUNT_FIRST_BAND_UP_TO:
            band_last = COUNT_FIRST_BAND_UP_TO
        else:
            offset = (n - COUNT_FIRST_BAND_UP_TO - 1) // COUNT_BAND_SIZE
            band_last = COUNT_FIRST_BAND_UP_TO + (offset + 1) * COUNT_BAND_SIZE
        last = min(band_last, end)
        lines.append(FeeLine(first=n, last=last, unit_price=count_unit_price(n), unit="件"))
        n = last + 1
    return lines


def fee_by_count(*, earlier_this_month: int, count: int = 1) -> int:
    """Yuan due for ``count`` new applications, 按件计收 (办法 Art. 4).

    ``earlier_this_month`` is how many applications the same applicant already filed in
    the same natural month; thresholds are cumulative over the month, so the 11th
    application costs 100 yuan even when filed alone.
    """
    return sum(
        line.amount
        for line in fee_lines_by_count(earlier_this_month=earlier_this_month, count=count)
    )


def fee_lines_by_pages(pages: int) -> list[FeeLine]:
    """The bands crossed by one application of ``pages`` pages (办法 Art. 5)."""
    _require_non_negative(pages, "页数")
    lines: list[FeeLine] = []
    first = 1
    for last, price in PAGE_BANDS:
        if first > pages:
            break
        band_last = pages if last is None else min(last, pages)
        lines.append(FeeLine(first=first, last=band_last, unit_price=price, unit="页"))
        first = band_last + 1
    return lines


def fee_by_pages(pages: int) -> int:
    """Yuan due for one application of ``pages`` pages, 按量计收 (办法 Art. 5).

    Art. 5 limits this basis to information supplied as paper, e-mail or copied
    electronic data (按量计收适用于申请人要求以提供纸质件、发送电子邮件、复制电子数据等
    方式获取政府信息的情形); how pages are counted was not retrieved (LAW.md §3.2).
    Counted per application, not per month: Art. 5 has no 自然月 accumulation.
    E.g. 2,219 pages: 70×10 + 100×20 + 2,019×40 = 83,460 yuan (LAW.md §3.5).
    """
    return sum(line.amount for line in fee_lines_by_pages(pages))


class FeeRuleError(ValueError):
    """A fee the 办法 does not allow on these facts; the message says why, in Chinese."""


@dataclass(frozen=True)
class Filing:
    """One application as the count basis sees it: who, when received, and its order.

    ``order`` breaks ties between applications received on the same day (the receipt
    number's sequence, or the row id): the earlier filed counts first.
    """

    identity: str
    received: date
    order: int


def _same_applicant(identity: str) -> str:
    return identity.strip().upper()


def earlier_filings_this_month(*, filing: Filing, others: Iterable[Filing]) -> int:
    """How many of ``others`` the same applicant filed before ``filing`` in its month.

    办法 Art. 4 counts 同一申请人一个自然月内累计申请: the month is that of the receipt
    date of the application being charged, and only applications received before it
    count (by receipt date, then order) — so the month's first application is never
    charged as a later one, whenever the notice is sent. The applicant is known only
    by an identity number; without one nobody can say which applications are the same
    person's, so a count-based fee is refused (:class:`FeeRuleError`), never guessed.
    """
    identity = _same_applicant(filing.identity)
    if not identity:
        raise FeeRuleError(
            "申请人身份证明号码未登记（如由台账导入的申请），无法认定同一申请人本月的申请件数，"
            "不能按件计收；如需收费请按页数计收（办法第三条）。"
        )
    key = (filing.received, filing.order)
    return sum(
        1
        for other in others
        if _same_applicant(other.identity) == identity
        and (other.received.year, other.received.month)
        == (filing.received.year, filing.received.month)
        and (other.received, other.order) < key
    )
