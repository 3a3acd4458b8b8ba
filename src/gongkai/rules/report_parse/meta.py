"""What a report says about itself: agency, year, sections, the fee stated in 六.

Headings are matched on the words every variant keeps ("四、因政府信息公开工作被申请行政
复议和提起行政诉讼情况" and "三、政府信息公开行政复议、行政诉讼情况" both say 行政复议
after a numbered heading), not on the exact title, and only after a Chinese numeral and
"、", so the introduction that lists the six parts does not count as the parts.

A section is empty when nothing but headings, page numbers, dates and the signature
stands between its heading and the next one: gongkai's own report printed with no text
has six headings and three tables, and must not pass.
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
_HEADINGS = tuple(re.compile(_HEADING.format(word=re.escape(word))) for _, word in SECTION_WORDS)
_ORDINALS = "一二三四五六"
# The rest of a heading after its word: "主要问题" + "及改进情况", "行政复议" + "、行政诉讼情况".
_HEADING_REST = re.compile(r"[^。；;，,：:!?！？]{0,16}?(?:情况|事项)")

# A heading or sub-heading on a line of its own ("（一）主动公开情况", "1.存在的问题"). Under a
# section heading, these, a page number, a draft mark and a date are no content.
HEADING_LINE = re.compile(
    r"(?:[(（][一二三四五六七八九十]+[)）]|[0-9]+[.、]|[一二三四五六七八九十]+、)"
    r"[^。；;，,：:!?！？]{0,30}"
)
_NUMERAL = "[〇零一二三四五六七八九十0-9]"
_FURNITURE = re.compile(
    r"[-—–]*[0-9]+[-—–]*|第[0-9]+页(?:共[0-9]+页)?|[0-9]+/[0-9]+|草稿|征求意见稿|送审稿"
    rf"|{_NUMERAL}{{4}}年{_NUMERAL}{{1,2}}月(?:{_NUMERAL}{{1,3}}日)?"
)

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


def _headings(flat: str) -> dict[str, tuple[int, int]]:
    """Where each section's heading is in ``flat`` (normalised text), by official title.

    A heading numbered as another section and matching that section's words is that
    section's, even if it names this one's words too: "四、因政府信息公开申请行政复议…" is
    四, not 三; "一、总体情况（一）政府信息主动公开情况" is 一, not 二.
    """
    spans = {}
    for index, (section, word) in enumerate(SECTION_WORDS):
        match = _HEADINGS[index].search(flat)
        while match is not None:
            numeral = _ORDINALS.find(flat[match.start()])
            if numeral in (-1, index) or not _HEADINGS[numeral].match(flat, match.start()):
                break
            match = _HEADINGS[index].search(flat, match.start() + 1)
        if match is None:
            continue
        end = match.end()
        if not word.endswith(("情况", "事项")):
            rest = _HEADING_REST.match(flat, end)
            end = rest.end() if rest else end
        spans[section] = (match.start(), end)
    return spans


def sections(text: str) -> tuple[list[str], list[str]]:
    """The six sections (their official titles) found and missing as headings."""
    found = _headings(normalise(text))
    return [s for s in SECTIONS if s in found], [s for s in SECTIONS if s not in found]


def empty_sections(text: str, agency: str = "") -> list[str]:
    """The sections present as a heading with nothing under it, by official title.

    Read line by line where the text has lines (a heading, a sub-heading, a page number,
    the signing ``agency`` and the date each fill a line of their own), so a section whose
    lines are all such is empty; a page flattened into one line has its content there.
    """
    lines = [line for line in (normalise(raw) for raw in text.splitlines()) if line]
    flat = "".join(lines)
    spans = sorted(_headings(flat).items(), key=lambda item: item[1])
    starts = [start for _, (start, _) in spans]
    bounds, offset = [], 0
    for line in lines:
        bounds.append((offset, offset + len(line)))
        offset += len(line)
    signature = {normalise(agency)} - {""}
    empty = []
    for index, (section, (_, end)) in enumerate(spans):
        stop = starts[index + 1] if index + 1 < len(spans) else len(flat)
        pieces = (flat[max(a, end) : min(b, stop)] for a, b in bounds if b > end and a < stop)
        if not any(_is_content(piece, signature) for piece in pieces):
            empty.append(section)
    return [s for s in SECTIONS if s in empty]


def _is_content(piece: str, signature: set[str]) -> bool:
    return bool(piece) and not (
        HEADING_LINE.fullmatch(piece) or _FURNITURE.fullmatch(piece) or piece in signature
    )


def processing_fee_match(flat: str) -> tuple[float, int, int] | None:
    """信息处理费 in yuan as stated in section 六 of ``flat`` (white space removed), and where.

    0 for "未收取"; None if section 六 states no fee. The span lets a finding quote it.
    """
    heading = flat.rfind("其他需要报告")
    if heading < 0:
        return None
    match = _FEE_AMOUNT.search(flat, heading)
    if match:
        amount = float(match.group(1))
        amount = amount * 10_000 if match.group(2) == "万元" else amount
        return amount, match.start(), match.end()
    match = _NO_FEE.search(flat, heading)
    if match:
        return 0.0, match.start(), match.end()
    return None


def stated_processing_fee(text: str) -> float | None:
    """信息处理费 in yuan as stated in section 六 (0 for "未收取"), or None if not stated."""
    found = processing_fee_match(normalise(text))
    return found[0] if found else None
