"""文号 (document number) format facts, pure Python.

GB/T 9704-2012《党政机关公文格式》7.2.3: 发文字号由发文机关代字、年份、发文顺序号组成；
年份、发文顺序号用阿拉伯数字，年份应标全称，用六角括号“〔〕”括入 — e.g. 某府办发〔2023〕12号.
Documents of one series share the 机关代字 before the year; the portal relates them
(信息关联, issue 7). Older catalogues type the brackets as [] or （）, so those are read too.
"""

from __future__ import annotations

import re

# 机关代字, then the year in 〔〕 (or the look-alikes people type), then the serial.
_SERIES = re.compile(r"^\s*(?P<series>.+?)\s*[〔\[［（(【](?P<year>\d{4})[〕\]］）)】]")


def series_of(document_number: str) -> str:
    """The 机关代字 of a 文号 (某府办发 of 某府办发〔2023〕12号); empty when it has none."""
    found = _SERIES.match(document_number or "")
    return found.group("series") if found else ""
