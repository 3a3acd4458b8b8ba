"""What a report says about itself: agency, year, sections, the fee stated in 六.

Headings are matched on the words every variant keeps ("四、因政府信息公开工作被申请行政
复议和提起行政诉讼情况" and "三、政府信息公开行政复议、行政诉讼情况" both say 行政复议
after a numbered heading), not on the exact title, and only after a Chinese numeral and
"、", so the introduction that lists the six parts does not count as the parts.
"""

from __future__ import annotations

import re

from gongkai.rules.report_format import SECTIONS
from gongkai.rules.report_parse.layout import normalise

# The words of each heading of SECTIONS that survive every published variant, in order.
SECTION_WORDS: tuple[tuple[str, str], ...] = tuple(
    zip(
        SECTIONS,
        ("总体情况", "主动公开", "政府信息公开申请", "行政复议", "主要问题", "其他需要报告"),
        strict=True,
    )
)
_HEADING = "[一二三四五六七八九十]、[^。；:]{{0,15}}?{word}"

_TITLE = re.compile(
    r"(?:(?P<year1>(?:19|20)[0-9]{2})年度?)?"
    r"(?P<agency>[\u4e00-\u9fff()（）]{2,40}?)?"
    r"(?:(?P<year2>(?:19|20)[0-9]{2})年度?)?"
    r"政府信息公开(?:工作)?年度?报告"
)

# A draft's mark printed above the title (gongkai prints 草稿 at the head of every page of a
# draft); the text reads it run together with the title, so it is not part of the agency.
_DRAFT_MARK = re.compile(r"^(?:草稿|征求意见稿|送审稿)")

# "本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止": the year when no title says it.
_PERIOD = re.compile(r"((?:19|20)[0-9]{2})年1月1日(?:起)?(?:至|到)")

# "收取政府信息处理费为 0 元", "实际收取信息处理费共计400元", "信息处理费380元".
_FEE_AMOUNT = re.compile(r"信息处理费[^。；0-9]{0,12}?([0-9]+(?:\.[0-9]+)?)(万元|元)")
_NO_FEE = re.compile(r"(?:无|未|没有)[^。；]{0,10}?(?:收取|收费|处理费)")


def title(text: str) -> tuple[str, int | None]:
    """Agency and report year from the title near the top ("…2021年度政府信息公开工作年度报告")."""
    flat = normalise(text[:3000])
    match = _TITLE.search(flat)
    year = match and (match.group("year1") or match.group("year2"))
    if not year:
        period = _PERIOD.search(flat)
        year = period.group(1) if period else None
    agency = (match.group("agency") or "").removesuffix("关于") if match else ""
    return _DRAFT_MARK.sub("", agency), int(year) if year else None


def sections(text: str) -> tuple[list[str], list[str]]:
    """The six sections (their official titles) found and missing as headings."""
    flat = normalise(text)
    found, missing = [], []
    for section, word in SECTION_WORDS:
        if re.search(_HEADING.format(word=re.escape(word)), flat):
            found.append(section)
        else:
            missing.append(section)
    return found, missing


def stated_processing_fee(text: str) -> float | None:
    """信息处理费 in yuan as stated in section 六 (0 for "未收取"), or None if not stated."""
    flat = normalise(text)
    heading = flat.rfind("其他需要报告")
    if heading < 0:
        return None
    section = flat[heading:]
    match = _FEE_AMOUNT.search(section)
    if match:
        amount = float(match.group(1))
        return amount * 10_000 if match.group(2) == "万元" else amount
    if _NO_FEE.search(section):
        return 0.0
    return None
