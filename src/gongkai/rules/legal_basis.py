"""The national instruments of open-government-information work (LAW.md §1–§3).

A 政府信息公开制度 page lists them first, above the agency's own rules (the
``RULES_COLUMN`` of :mod:`gongkai.rules.catalogue`). Dates are given only where LAW.md
has them from a source; the fee measures' date of effect was not retrieved.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Instrument:
    title: str
    number: str  # 令号 or 文号
    dated: str  # as the source states it
    governs: str  # what it governs, in a reader's words


INSTRUMENTS: tuple[Instrument, ...] = (
    Instrument(
        title="中华人民共和国政府信息公开条例",
        number="国务院令第711号",
        dated="2019年4月3日修订，2019年5月15日起施行",
        governs="公开的主体和范围、主动公开、依申请公开、监督和保障",
    ),
    Instrument(
        title="中华人民共和国政府信息公开工作年度报告格式",
        number="国办公开办函〔2021〕30号",
        dated="2021年9月26日",
        governs="政府信息公开工作年度报告的内容和统计表格",
    ),
    Instrument(
        title="政府信息公开信息处理费管理办法",
        number="国办函〔2020〕109号",
        dated="2020年11月17日印发",
        governs="依申请公开收取信息处理费的情形、标准和程序",
    ),
)
