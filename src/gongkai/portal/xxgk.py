"""The 政府信息公开 navigation, as gov.cn-style 政府信息公开 pages lay it out.

Five blocks: 信息公开指南, 信息公开制度, 法定主动公开内容 (the Art. 20/21 columns),
信息公开年报 and 依申请公开 (apply, track, guide). The platform's /xxgk/ page shows them
across agencies; each agency's branch page shows the same blocks scoped to the agency.
Everything listed is public: live pages, final reports, the application form.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.disclosure.models import AgencyCataloguePage, ColumnPage, DisclosureGuidePage
from gongkai.portal.home import agency_links
from gongkai.reports.models import AnnualReport
from gongkai.rules.catalogue import MANDATORY_COLUMNS, RULES_COLUMN
from gongkai.rules.clock import (
    ANSWER_DAYS,
    EXTENSION_MAX_DAYS,
    SUPPLEMENT_NOTICE_DAYS,
    THIRD_PARTY_REPLY_DAYS,
)
from gongkai.rules.legal_basis import INSTRUMENTS, Instrument

REPORTS_SHOWN = 8  # the latest reports on /xxgk/; the rest are one link away


@dataclass(frozen=True)
class NavLink:
    title: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class Navigation:
    agency: Agency | None  # None: the whole platform
    guides: list[NavLink]
    rules: list[NavLink]
    statutory: list[NavLink]
    reports: list[NavLink]
    apply: list[NavLink]
    instruments: tuple[Instrument, ...] = INSTRUMENTS
    other_columns: list[NavLink] = field(default_factory=list)
    more_reports: str = ""


def application_notes(*, with_fees: bool = True) -> list[str]:
    """依申请公开 in a reader's words, with the statutory periods of rules.clock; the guide
    leaves out the one-line fee note (``with_fees=False``) as it explains the fees whole."""
    notes = [
        "申请应当采用书面形式（包括信件、数据电文），写明申请人的姓名或者名称、身份证明、"
        "联系方式，所需政府信息的名称、文号或者便于查询的其他特征性描述，以及获取信息的方式"
        "（第二十九条）。可以在本平台在线提交。",
        f"申请内容不明确的，行政机关自收到申请之日起{SUPPLEMENT_NOTICE_DAYS}个工作日内一次性告知"
        "需要补正的事项；答复期限自收到补正的申请之日起计算（第三十条）。",
        f"能够当场答复的当场答复；不能当场答复的，自收到申请之日起{ANSWER_DAYS}个工作日内答复；"
        f"需要延长的，经政府信息公开工作机构负责人同意并告知申请人，延长期限最长不超过"
        f"{EXTENSION_MAX_DAYS}个工作日（第三十三条）。",
        f"需要征求第三方意见的，第三方应当在{THIRD_PARTY_REPLY_DAYS}个工作日内提出意见，"
        "征求意见所需时间不计算在答复期限内（第三十二条、第三十三条）。",
    ]
    if with_fees:
        notes.append(
            "依申请提供政府信息不收取费用；申请数量、频次明显超过合理范围的，可以收取信息处理费"
            "（第四十二条）。"
        )
    return notes


def _statutory_links() -> list[NavLink]:
    return [
        NavLink(c.title, reverse("portal:xxgk_column", args=[c.key]), c.article)
        for c in MANDATORY_COLUMNS
    ]


def _report_link(report: AnnualReport, *, with_agency: bool) -> NavLink:
    title = f"{report.year}年度政府信息公开工作年度报告"
    return NavLink(
        f"{report.agency.name}{title}" if with_agency else title,
        reverse("reports_public:report", args=[report.agency.code, report.year]),
    )


def _published_reports(agency: Agency | None = None) -> list[AnnualReport]:
    reports = AnnualReport.objects.published()
    if agency is not None:
        reports = reports.filter(agency=agency)
    return list(
        reports.select_related("agency")
        .defer("snapshot", "narrative")
        .order_by("-year", "agency__code")
    )


def platform_navigation() -> Navigation:
    """The blocks of /xxgk/: every agency's guide and rules, the columns across agencies."""
    guides = [
        NavLink(f"{item.agency.name}政府信息公开指南", item.guide.url)
        for item in agency_links()
        if item.guide is not None and item.guide.url
    ]
    reports = _published_reports()
    return Navigation(
        agency=None,
        guides=guides,
        rules=[
            NavLink(
                f"各机关{RULES_COLUMN.title}",
                reverse("portal:xxgk_column", args=[RULES_COLUMN.key]),
                f"依据《条例》{RULES_COLUMN.article}",
            )
        ],
        statutory=_statutory_links(),
        reports=[_report_link(r, with_agency=True) for r in reports[:REPORTS_SHOWN]],
        more_reports=reverse("reports_public:index") if len(reports) > REPORTS_SHOWN else "",
        apply=[
            NavLink(
                "在线申请", reverse("applications_public:choose_agency"), "选择受理机构后填写申请表"
            ),
            NavLink("办理进度查询", reverse("applications_public:track"), "凭申请编号和查询码查询"),
            NavLink("申请须知", "#apply-notes", "申请方式、答复期限和收费"),
        ],
    )


def agency_navigation(branch: AgencyCataloguePage) -> Navigation:
    """The same blocks for one agency: its guide, rules column, columns, reports, form."""
    agency = branch.agency
    columns = list(ColumnPage.objects.child_of(branch).live().order_by("path"))
    by_key = {c.key: c for c in columns if c.key}
    guide = DisclosureGuidePage.objects.child_of(branch).live().first()
    rules = by_key.get(RULES_COLUMN.key)
    statutory = [
        NavLink(rule.title, by_key[rule.key].url, rule.article)
        for rule in MANDATORY_COLUMNS
        if rule.key in by_key
    ]
    reports = _published_reports(agency)
    apply = [
        NavLink("在线申请", reverse("applications_public:apply", args=[agency.code]), "填写申请表"),
        NavLink("办理进度查询", reverse("applications_public:track"), "凭申请编号和查询码查询"),
    ]
    if guide is not None:
        apply.append(NavLink("申请指南", guide.url, "见政府信息公开指南“依申请公开”部分"))
    return Navigation(
        agency=agency,
        guides=[NavLink(f"{agency.name}政府信息公开指南", guide.url)] if guide else [],
        rules=[NavLink(f"{agency.name}{rules.title}", rules.url)] if rules else [],
        statutory=statutory,
        other_columns=[NavLink(c.title, c.url) for c in columns if not c.key],
        reports=[_report_link(r, with_agency=False) for r in reports],
        apply=apply,
    )
