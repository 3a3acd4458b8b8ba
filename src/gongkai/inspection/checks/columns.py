"""stale_homepage, stale_column, empty_column, missing_date: is the site kept up to date?

A column's last update is the newest date its list page shows (``dates.py``); its items
are the links under the column's own path. No item and no date: empty. Items without a
date count as not updated (未注明信息发布时间的视为不更新).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from gongkai.inspection.columns import Column
from gongkai.inspection.crawler import CrawlResult, FetchedPage
from gongkai.inspection.dates import newest_date
from gongkai.inspection.findings import FindingKind, Observation, Severity
from gongkai.rules.site_inspection import (
    FIRST_RULE_KINDS,
    UNDATED_COUNTS_AS_STALE,
    homepage_due_since,
    update_due_since,
)


@dataclass
class ColumnTally:
    """Per site (host): the column names each veto rule counts, and what was not judged."""

    stale: dict[str, list[str]] = field(default_factory=dict)
    long_stale: dict[str, list[str]] = field(default_factory=dict)
    empty: dict[str, list[str]] = field(default_factory=dict)
    homepage_newest: dict[str, date | None] = field(default_factory=dict)
    not_judged: list[str] = field(default_factory=list)

    def add(self, bucket: dict[str, list[str]], host: str, name: str) -> None:
        bucket.setdefault(host, []).append(name)


def _items(page: FetchedPage, column_url: str) -> int:
    base = urlsplit(column_url)
    prefix = base.path if base.path.endswith("/") else base.path.rsplit("/", 1)[0] + "/"
    count = 0
    for link in page.links:
        parts = urlsplit(link.href)
        under = parts.netloc == base.netloc and parts.path.startswith(prefix)
        if under and parts.path not in (base.path, prefix):
            count += 1
    return count


def check_homepages(
    result: CrawlResult, *, roots: list[str], today: date, tally: ColumnTally
) -> Iterator[Observation]:
    due = homepage_due_since(today)
    for root in roots:
        host = urlsplit(root).netloc
        page = result.resolve(root)
        if page is None or page.broken:
            tally.not_judged.append(f"首页{root}未能读取")
            continue
        newest = newest_date(page.text, today=today)
        tally.homepage_newest[host] = newest
        if newest is None:
            yield Observation(
                FindingKind.MISSING_DATE, root, "首页未注明信息发布时间，视为不更新", Severity.HIGH
            )
        elif newest < due:
            yield Observation(
                FindingKind.STALE_HOMEPAGE,
                root,
                f"首页最新信息日期{newest.isoformat()}，已超过2周未更新（应不早于{due.isoformat()}）",
                Severity.HIGH,
            )


def check_columns(
    result: CrawlResult, *, columns: list[Column], today: date, tally: ColumnTally
) -> Iterator[Observation]:
    for column in columns:
        host = urlsplit(column.url).netloc
        page = result.resolve(column.url)
        label = f"栏目“{column.name}”（{column.kind.value}）"
        if page is None:
            tally.not_judged.append(f"{label}未抓取（页面预算用尽或robots.txt不允许）")
            continue
        if page.broken:
            tally.add(tally.empty, host, column.name)
            yield Observation(
                FindingKind.EMPTY_COLUMN,
                column.url,
                f"{label}无法打开（{page.error or 'HTTP ' + str(page.status)}），视为空白",
                Severity.HIGH,
            )
            continue
        newest = newest_date(page.text, today=today)
        due = update_due_since(column.kind, today)
        if newest is None and not _items(page, column.url):
            tally.add(tally.empty, host, column.name)
            yield Observation(
                FindingKind.EMPTY_COLUMN, column.url, f"{label}没有任何信息", Severity.HIGH
            )
            continue
        if newest is None:
            yield Observation(
                FindingKind.MISSING_DATE,
                column.url,
                f"{label}的信息未注明发布日期，视为不更新",
                Severity.MEDIUM,
            )
            if due is not None and UNDATED_COUNTS_AS_STALE:
                _count_stale(tally, host, column)
        elif due is not None and newest < due:
            _count_stale(tally, host, column)
            yield Observation(
                FindingKind.STALE_COLUMN,
                column.url,
                f"{label}最新信息日期{newest.isoformat()}，应不早于{due.isoformat()}",
                Severity.HIGH if column.kind in FIRST_RULE_KINDS else Severity.MEDIUM,
            )


def _count_stale(tally: ColumnTally, host: str, column: Column) -> None:
    tally.add(tally.long_stale, host, column.name)
    if column.kind in FIRST_RULE_KINDS:
        tally.add(tally.stale, host, column.name)
