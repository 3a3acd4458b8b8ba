"""The 单项否决 (veto) indicators a government website is judged by, as data.

Source of every number below: 《国务院办公厅秘书局关于印发政府网站与政务新媒体检查指标、
监管工作年度考核指标的通知》(国办秘函〔2019〕19号, 2019-04-01), 第一部分 单项否决指标
(LAW.md §4.1, quoted from a published 2022 Q4 self-check table). Any one failed item makes
the whole site 不合格, so each item is judged on its own and reported with its evidence.

Pure Python: the crawler measures, this module judges.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class ColumnKind(StrEnum):
    """The column kinds the indicators (and the kaipuyun rule text, LAW.md §4.1) name."""

    NEWS = "动态要闻"
    NOTICE = "通知公告"
    POLICY = "政策文件"
    PERSONNEL = "人事规划"
    OTHER = "其他"


# 站点无法访问: "监测 1 周,每天间隔性访问 20 次以上,超过(含)15 秒网站仍打不开的次数累计占比
# 超过(含)5%,即单项否决。"
PROBE_TIMEOUT_SECONDS = 15
MIN_PROBES = 20
UNREACHABLE_SHARE = 0.05

# 首页不更新: "监测 2 周,首页无信息更新的,即单项否决。"
HOMEPAGE_STALE_DAYS = 14

# 栏目不更新 1.: "监测时间点前 2 周内的动态、要闻类栏目,以及监测时间点前 6 个月内的通知公告、
# 政策文件类一级栏目,累计超过(含)5 个未更新。"
NEWS_STALE_DAYS = 14
NOTICE_POLICY_STALE_MONTHS = 6
STALE_COLUMNS_VETO = 5
# 人事、规划计划类: "考察监测时间点前1年内，人事、规划计划类信息，是否更新" (the kaipuyun
# 监管平台's 基本信息 rule text, LAW.md §4.1) — not itself a veto item, it feeds item 2 below.
PERSONNEL_STALE_MONTHS = 12
# 栏目不更新 2.: "应更新但长期未更新的栏目数量超过(含)10 个。"
LONG_STALE_COLUMNS_VETO = 10
# 栏目不更新 3.: "空白栏目数量超过(含)5 个。"
EMPTY_COLUMNS_VETO = 5

# 2015 普查评分表 note, kept by the 2019 practice: "未注明信息发布时间的视为不更新".
UNDATED_COUNTS_AS_STALE = True

# Kinds whose staleness counts toward 栏目不更新 1. (the ≥ 5 rule).
FIRST_RULE_KINDS = frozenset({ColumnKind.NEWS, ColumnKind.NOTICE, ColumnKind.POLICY})


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (the month's last day if shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def update_due_since(kind: ColumnKind, today: date) -> date | None:
    """The earliest date a column of ``kind`` must show an item from, or None (no rule)."""
    if kind is ColumnKind.NEWS:
        return today - timedelta(days=NEWS_STALE_DAYS)
    if kind in (ColumnKind.NOTICE, ColumnKind.POLICY):
        return months_before(today, NOTICE_POLICY_STALE_MONTHS)
    if kind is ColumnKind.PERSONNEL:
        return months_before(today, PERSONNEL_STALE_MONTHS)
    return None


def homepage_due_since(today: date) -> date:
    return today - timedelta(days=HOMEPAGE_STALE_DAYS)


# "At risk" (a platform choice, not in the notice): a passed item the operator and agency
# are warned about — one column short of a column line, half the unreachable share, or a
# home page within three days of its two weeks.
AT_RISK_SHARE = 0.5
AT_RISK_DAYS = 3


class Indicator(StrEnum):
    """The veto items a crawl can judge, by the names the notice gives them."""

    UNREACHABLE = "站点无法访问"
    HOMEPAGE = "首页不更新"
    COLUMNS = "栏目不更新"
    SECURITY = "安全、泄密事故等严重问题"


@dataclass(frozen=True, slots=True)
class Verdict:
    """One veto item: passed (True/False), or None when it cannot be judged, and why."""

    indicator: Indicator
    passed: bool | None
    evidence: str
    at_risk: bool = False  # passed, but one step from failing: the operator is warned

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "indicator": str(self.indicator),
            "passed": self.passed,
            "evidence": self.evidence,
        }
        if self.at_risk:
            data["at_risk"] = True
        return data


def judge_reachability(*, probes: int, failures: int) -> Verdict:
    if probes < MIN_PROBES:
        return Verdict(
            Indicator.UNREACHABLE,
            None,
            f"仅探测{probes}次，少于每天{MIN_PROBES}次，无法判定（{failures}次未在"
            f"{PROBE_TIMEOUT_SECONDS}秒内打开）。",
        )
    share = failures / probes
    return Verdict(
        Indicator.UNREACHABLE,
        share < UNREACHABLE_SHARE,
        f"探测{probes}次，{failures}次超过{PROBE_TIMEOUT_SECONDS}秒未打开（{share:.1%}，"
        f"否决线{UNREACHABLE_SHARE:.0%}）。",
        at_risk=UNREACHABLE_SHARE * AT_RISK_SHARE <= share < UNREACHABLE_SHARE,
    )


def judge_homepage(*, newest: date | None, today: date, url: str) -> Verdict:
    if newest is None:
        return Verdict(
            Indicator.HOMEPAGE, not UNDATED_COUNTS_AS_STALE, f"首页{url}未注明信息发布时间。"
        )
    due = homepage_due_since(today)
    return Verdict(
        Indicator.HOMEPAGE,
        newest >= due,
        f"首页{url}最新信息日期{newest.isoformat()}（应不早于{due.isoformat()}）。",
        at_risk=due <= newest < due + timedelta(days=AT_RISK_DAYS),
    )


def judge_columns(*, stale: list[str], long_stale: list[str], empty: list[str]) -> Verdict:
    """``stale``: 动态要闻/通知公告/政策文件 columns past their period; ``long_stale``: every
    column that should be updated and is not (all kinds with a period); ``empty``: no item."""
    failed = []
    if len(stale) >= STALE_COLUMNS_VETO:
        failed.append(f"动态要闻、通知公告、政策文件类栏目{len(stale)}个未更新")
    if len(long_stale) >= LONG_STALE_COLUMNS_VETO:
        failed.append(f"应更新但长期未更新的栏目{len(long_stale)}个")
    if len(empty) >= EMPTY_COLUMNS_VETO:
        failed.append(f"空白栏目{len(empty)}个")
    if failed:
        return Verdict(Indicator.COLUMNS, False, "；".join(failed) + "。")
    return Verdict(
        Indicator.COLUMNS,
        True,
        f"未更新{len(stale)}个（否决线{STALE_COLUMNS_VETO}），长期未更新{len(long_stale)}个"
        f"（否决线{LONG_STALE_COLUMNS_VETO}），空白{len(empty)}个（否决线{EMPTY_COLUMNS_VETO}）。",
        at_risk=len(stale) == STALE_COLUMNS_VETO - 1
        or len(long_stale) == LONG_STALE_COLUMNS_VETO - 1
        or len(empty) == EMPTY_COLUMNS_VETO - 1,
    )


def judge_security(*, problems: list[str]) -> Verdict:
    """Secret markings, serious wording errors, hidden links (暗链) and tampered pages."""
    if problems:
        return Verdict(Indicator.SECURITY, False, "；".join(problems[:10]) + "。")
    return Verdict(Indicator.SECURITY, True, "未发现密级标志、严重表述错误、暗链或被篡改页面。")


# --- Monitoring schedule -------------------------------------------------------------
# 站点无法访问 needs "每天间隔性访问 20 次以上" (above): a probe every 15 minutes is 96 a day.
PROBE_INTERVAL_MINUTES = 15
# A full inspection every day (the indicator's home-page and column periods are days long);
# over holidays and operator-marked 重要时期 — 「节假日和重要时期加强人员巡检和系统检测」
# (the reference report's platform duty, issue 14) — every few hours instead. The number
# of hours is a platform choice, not law.
DAILY_INSPECTION_HOUR = 2
REINFORCED_INSPECTION_HOURS = (2, 8, 14, 20)

# 整改期限: no rule fixes how long an agency has to correct a finding; the State Council's
# 抽查通报 ask for prompt correction. A platform choice, counted in working days from the
# day the ticket is sent (the working-day calendar skips holidays).
RECTIFICATION_WORKING_DAYS = 5
