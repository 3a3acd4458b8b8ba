"""mandatory_column: an Art. 20 (and for local governments Art. 21) column an agency must
keep is missing from its catalogue, or has shown nothing new for longer than its period.

Only gongkai knows this about its own portal: it knows which agency a branch belongs to
and which of the columns carry a legal item (``rules.catalogue.MANDATORY_COLUMNS``). The
expected columns are read from the database by ``portal.agency_columns`` and passed in,
so the check itself needs no database.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from gongkai.inspection.checks.columns import ColumnTally
from gongkai.inspection.crawler import CrawlResult
from gongkai.inspection.dates import newest_date
from gongkai.inspection.findings import FindingKind, Observation, Severity


@dataclass(frozen=True, slots=True)
class ExpectedColumn:
    """One mandatory column of one agency; ``url`` empty when the agency lacks it."""

    title: str
    article: str
    url: str
    stale_after_days: int


@dataclass(frozen=True, slots=True)
class AgencyColumns:
    agency: str  # the agency's name, as the evidence names it
    url: str  # the agency's catalogue page: where a missing column is reported
    columns: tuple[ExpectedColumn, ...]


def check_mandatory_columns(
    result: CrawlResult, *, agencies: list[AgencyColumns], today: date, tally: ColumnTally
) -> Iterator[Observation]:
    for agency in agencies:
        for column in agency.columns:
            label = f"{agency.agency}的法定栏目“{column.title}”（{column.article}）"
            if not column.url:
                yield Observation(
                    FindingKind.MANDATORY_COLUMN, agency.url, f"{label}缺失", Severity.HIGH
                )
                continue
            page = result.resolve(column.url)
            if page is None:
                tally.not_judged.append(f"{label}未抓取（页面预算用尽或robots.txt不允许）")
                continue
            if page.broken:
                why = page.error or f"HTTP {page.status}"
                yield Observation(
                    FindingKind.MANDATORY_COLUMN,
                    column.url,
                    f"{label}无法打开（{why}）",
                    Severity.HIGH,
                )
                continue
            newest = newest_date(page.text, today=today)
            due = today - timedelta(days=column.stale_after_days)
            if newest is None:
                yield Observation(
                    FindingKind.MANDATORY_COLUMN,
                    column.url,
                    f"{label}没有任何注明日期的信息",
                    Severity.MEDIUM,
                )
            elif newest < due:
                yield Observation(
                    FindingKind.MANDATORY_COLUMN,
                    column.url,
                    f"{label}最新信息日期{newest.isoformat()}，已超过"
                    f"{column.stale_after_days}天未更新（应不早于{due.isoformat()}）",
                    Severity.MEDIUM,
                )
