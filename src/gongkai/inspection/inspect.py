"""One inspection: crawl, run every check, judge the veto items per site.

``inspect_sites`` is what the command, the stored runs and the bench all call; it needs no
database (the portal's columns and approved texts are passed in).
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from gongkai.inspection.checks.columns import ColumnTally, check_columns, check_homepages
from gongkai.inspection.checks.hidden import check_hidden, is_dark_link
from gongkai.inspection.checks.links import check_links
from gongkai.inspection.checks.mandatory import AgencyColumns, check_mandatory_columns
from gongkai.inspection.checks.screening import check_screening
from gongkai.inspection.checks.tampering import check_tampering
from gongkai.inspection.columns import Column
from gongkai.inspection.crawler import Crawler, CrawlOptions, CrawlResult
from gongkai.inspection.findings import FindingKind, Observation, Severity
from gongkai.rules.screening import ScreeningDictionary
from gongkai.rules.site_inspection import (
    Indicator,
    Verdict,
    judge_columns,
    judge_homepage,
    judge_reachability,
    judge_security,
)

SECURITY_KINDS = frozenset(
    {FindingKind.SECRET_MARK, FindingKind.WORDING_ERROR, FindingKind.TAMPERED_PAGE}
)


@dataclass
class Inspection:
    findings: list[Observation]
    veto: dict[str, list[Verdict]]  # site root → verdicts
    crawl: CrawlResult
    not_judged: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(v.passed is False for verdicts in self.veto.values() for v in verdicts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "findings": [f.as_dict() for f in self.findings],
            "veto": [
                {**verdict.as_dict(), "site": site}
                for site, verdicts in self.veto.items()
                for verdict in verdicts
            ],
            "not_checked": self.crawl.not_checked,
            "not_judged": self.not_judged,
            "pages": sum(1 for p in self.crawl.pages.values() if not p.is_attachment),
            "attachments": sum(1 for p in self.crawl.pages.values() if p.is_attachment),
        }


def site_root(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def inspect_sites(
    urls: list[str],
    *,
    today: date,
    columns: list[Column] | None = None,
    options: CrawlOptions | None = None,
    cache: MutableMapping[str, dict[str, Any]] | None = None,
    approved: Mapping[str, str] | None = None,
    dictionary: ScreeningDictionary | None = None,
    mandatory: list[AgencyColumns] | None = None,
) -> Inspection:
    """``mandatory``: the portal's agencies and the Art. 20/21 columns each must keep."""
    roots = list(dict.fromkeys(site_root(url) for url in urls))
    mandatory_urls = [c.url for a in mandatory or [] for c in a.columns if c.url]
    seeds = [*urls, *roots, *(c.url for c in columns or []), *mandatory_urls]
    crawl = Crawler(seeds=seeds, options=options or CrawlOptions(), cache=cache).run()
    hosts = {urlsplit(root).netloc for root in roots}
    tally = ColumnTally()
    findings = [
        *_unreachable(crawl),
        *check_homepages(crawl, roots=roots, today=today, tally=tally),
        *check_columns(crawl, columns=columns or [], today=today, tally=tally),
        *check_mandatory_columns(crawl, agencies=mandatory or [], today=today, tally=tally),
        *check_links(crawl),
        *check_hidden(crawl, hosts=hosts),
        *check_screening(crawl, dictionary=dictionary, today=today),
        *check_tampering(crawl, approved=approved or {}),
    ]
    findings = list({f.key: f for f in findings}.values())
    not_judged = [*tally.not_judged, *_unread(crawl)]
    veto = {root: _verdicts(root, crawl, findings, tally, today) for root in roots}
    return Inspection(findings=findings, veto=veto, crawl=crawl, not_judged=not_judged)


def _unreachable(crawl: CrawlResult) -> list[Observation]:
    return [
        Observation(
            FindingKind.UNREACHABLE,
            root,
            f"探测{probes}次，{failed}次未能打开",
            Severity.HIGH,
        )
        for root, (probes, failed) in crawl.probes.items()
        if failed
    ]


def _unread(crawl: CrawlResult) -> list[str]:
    notes = [
        f"{url}：附件无法读取（{p.unreadable}）" for url, p in crawl.pages.items() if p.unreadable
    ]
    notes += [
        f"{host}：robots.txt无法读取（{why}），未抓取"
        for host, why in crawl.robots_unreadable.items()
    ]
    if crawl.robots_refused:
        notes.append(f"robots.txt不允许抓取{len(crawl.robots_refused)}个网址")
    if crawl.over_budget:
        notes.append(f"超出页面预算，{len(crawl.over_budget)}个网址未抓取")
    return notes


def _verdicts(
    root: str,
    crawl: CrawlResult,
    findings: list[Observation],
    tally: ColumnTally,
    today: date,
) -> list[Verdict]:
    host = urlsplit(root).netloc
    probes, failed = crawl.probes.get(root, (0, 0))
    on_site = [f for f in findings if urlsplit(f.url).netloc == host]
    security = [
        f"{f.type.label}：{f.url}" for f in on_site if f.type in SECURITY_KINDS or is_dark_link(f)
    ]
    verdicts = [judge_reachability(probes=probes, failures=failed)]
    if host in tally.homepage_newest:
        verdicts.append(judge_homepage(newest=tally.homepage_newest[host], today=today, url=root))
    else:
        verdicts.append(Verdict(Indicator.HOMEPAGE, None, f"首页{root}未能读取，无法判定。"))
    verdicts.append(
        judge_columns(
            stale=tally.stale.get(host, []),
            long_stale=tally.long_stale.get(host, []),
            empty=tally.empty.get(host, []),
        )
    )
    verdicts.append(judge_security(problems=security))
    return verdicts
