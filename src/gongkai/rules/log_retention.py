"""How long the audit log must be kept before any of it may be removed.

《中华人民共和国网络安全法》(2016) Art. 21 binds network operators to the graded
protection scheme (等级保护), and its item (三) to keep their logs for six months at least.
A removal is judged by calendar months, as the law counts them: entries from before the
same day six months ago may go, nothing younger.
"""

from __future__ import annotations

import calendar
from datetime import date

# 网络安全法 Art. 21(三): 采取监测、记录网络运行状态、网络安全事件的技术措施，
# 并按照规定留存相关的网络日志不少于六个月；
AUDIT_LOG_RETENTION_MONTHS = 6


class RetentionError(ValueError):
    """A removal that would take entries the law says must still be kept."""


def _months_before(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def oldest_kept_day(today: date) -> date:
    """The first day whose entries must still be kept on ``today``: six months back."""
    return _months_before(today, AUDIT_LOG_RETENTION_MONTHS)


def check_removal(*, before: date, today: date) -> None:
    """Allow removing the entries dated before ``before`` only if all are six months old.

    Raises :class:`RetentionError`, naming the article and the earliest allowed date.
    """
    kept_from = oldest_kept_day(today)
    if before > kept_from:
        raise RetentionError(
            f"网络安全法第二十一条要求网络日志留存不少于六个月：{today:%Y年%m月%d日}起，"
            f"{kept_from:%Y年%m月%d日}及以后的审计记录不得删除"
            f"（所请求的截止日期为{before:%Y年%m月%d日}）。"
        )
