"""The yearly website report (政府网站工作年度报表) as data: its items, their kinds, when it is due.

Source of the form: 《国务院办公厅关于做好政府网站年度报表发布工作的通知》(国办函〔2018〕12号,
2018-01-15), which puts into effect the 《政府网站发展指引》(国办发〔2017〕47号) and attaches the
《政府网站工作年度报表》: "各级各类政府网站要编制发布《政府网站工作年度报表》，主要包括信息发布、
专栏专题、解读回应、办事服务、互动交流、安全防护、移动新媒体、创新发展等情况" and "于每年1月31日前
在本网站首页显著位置发布". The sections, items and units below are the attached form's.

Every consumer reads this module: the model stores ``{item key: {"value", "source"}}``,
the services clean values with :func:`clean_value`, the check is :func:`missing_items`, and
the HTML, DOCX and PDF lay the form out from :data:`SECTIONS` and :data:`SIGNOFF`.

Pure Python, no Django.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from gongkai.rules.report_checks import UNENTERED

FORM_SOURCE = (
    "《国务院办公厅关于做好政府网站年度报表发布工作的通知》（国办函〔2018〕12号）"
    "附件《政府网站工作年度报表》"
)
TITLE = "政府网站工作年度报表"

# 国办函〔2018〕12号 二: "各级各类政府网站的《政府网站工作年度报表》于每年1月31日前在本网站首页
# 显著位置发布。"
DUE_MONTH_DAY = (1, 31)

# What the platform counts, by the 《政府网站发展指引》(国办发〔2017〕47号) 三（二）信息发布:
# 概况类 are "1.概况信息 … 2.机构职能 … 3.负责人信息"; 政务动态 "5.…政务要闻、通知公告、工作
# 动态等". A column is of a kind by its statutory key or by a word of its name (agencies name
# their own columns); 解读 has no information type, so its column or title says it.
OVERVIEW_COLUMN_KEYS = frozenset({"organisation"})
OVERVIEW_COLUMN_WORDS = ("概况", "机构", "职能", "领导", "负责人")
NEWS_INFO_TYPES = frozenset({"news", "notice"})
INTERPRETATION_WORD = "解读"

MAX_COUNT = 10**12
MAX_TEXT = 200
MAX_SOURCE = 300


def report_due(year: int) -> datetime.date:
    """The last day the report for ``year`` may be published on the home page."""
    return datetime.date(year + 1, *DUE_MONTH_DAY)


def report_title(year: int) -> str:
    """「政府网站工作年度报表（2026年度）」."""
    return f"{TITLE}（{year}年度）"


class Kind(StrEnum):
    """How an item is answered: a whole number, a number with decimals, 是/否, a choice,
    free text or a date."""

    COUNT = "count"
    NUMBER = "number"
    YES_NO = "yes_no"
    CHOICE = "choice"
    TEXT = "text"
    DATE = "date"


YES, NO = "是", "否"


@dataclass(frozen=True)
class Item:
    """One answer of the form. ``group`` is the middle heading some items share
    (解读信息发布, 留言办理, 微博 …); ``unit`` is printed after the label as the form does."""

    key: str
    label: str
    kind: Kind
    unit: str = ""
    group: str = ""
    choices: tuple[str, ...] = ()

    @property
    def printed_label(self) -> str:
        return f"{self.label}（{self.unit}）" if self.unit else self.label


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    items: tuple[Item, ...]


def _count(key: str, label: str, unit: str, group: str = "") -> Item:
    return Item(key, label, Kind.COUNT, unit, group)


def _yes_no(key: str, label: str, group: str = "") -> Item:
    return Item(key, label, Kind.YES_NO, group=group)


def _text(key: str, label: str, group: str = "") -> Item:
    return Item(key, label, Kind.TEXT, group=group)


SITE_TYPES = ("政府门户网站", "部门网站", "专项网站")

SECTIONS: tuple[Section, ...] = (
    Section(
        "basic",
        "基本信息",
        (
            _text("site_name", "网站名称"),
            _text("home_url", "首页网址"),
            _text("sponsor", "主办单位"),
            Item("site_type", "网站类型", Kind.CHOICE, choices=SITE_TYPES),
            _text("site_code", "政府网站标识码"),
            _text("icp_number", "ICP备案号"),
            _text("police_number", "公安机关备案号"),
            _count("unique_visitors", "独立用户访问总量", "个"),
            _count("page_views", "网站总访问量", "次"),
        ),
    ),
    Section(
        "publishing",
        "信息发布",
        (
            _count("published_total", "总数", "条"),
            _count("overview_updates", "概况类信息更新量", "条"),
            _count("news_updates", "政务动态信息更新量", "条"),
            _count("catalogue_updates", "信息公开目录信息更新量", "条"),
        ),
    ),
    Section(
        "topics",
        "专栏专题",
        (
            _count("topics_maintained", "维护数量", "个"),
            _count("topics_new", "新开设数量", "个"),
        ),
    ),
    Section(
        "interpretation",
        "解读回应",
        (
            _count("interpretations_total", "总数", "条", "解读信息发布"),
            _count("interpretation_materials", "其中：解读材料数量", "条", "解读信息发布"),
            _count("interpretation_products", "其中：解读产品数量", "条", "解读信息发布"),
            _count("media_commentaries", "其中：媒体评论文章数量", "条", "解读信息发布"),
            _count("responses", "回应公众关注热点或重大舆情数量", "次"),
        ),
    ),
    Section(
        "services",
        "办事服务",
        (
            _yes_no("service_catalogue", "是否发布服务事项目录"),
            _count("registered_users", "注册用户数", "个"),
            _count("service_items", "政务服务事项数量", "项"),
            _count("online_service_items", "可全程在线办理政务服务事项数量", "项"),
            _count("cases_total", "总数", "件", "办件量"),
            _count("cases_natural", "自然人办件量", "件", "办件量"),
            _count("cases_legal", "法人办件量", "件", "办件量"),
        ),
    ),
    Section(
        "interaction",
        "互动交流",
        (
            _yes_no("unified_platform", "是否使用统一平台"),
            _count("messages_received", "收到留言数量", "条", "留言办理"),
            _count("messages_closed", "办结留言数量", "条", "留言办理"),
            Item("messages_days", "平均办理时间", Kind.NUMBER, "天", "留言办理"),
            _count("messages_published", "公开答复数量", "条", "留言办理"),
            _count("surveys", "征集调查期数", "期", "征集调查"),
            _count("survey_opinions", "收到意见数量", "条", "征集调查"),
            _count("survey_results", "公布调查结果期数", "期", "征集调查"),
            _count("interviews", "访谈期数", "期", "在线访谈"),
            _count("interview_questions", "网民留言数量", "条", "在线访谈"),
            _count("interview_answers", "答复网民提问数量", "条", "在线访谈"),
            _yes_no("smart_qa", "是否提供智能问答"),
        ),
    ),
    Section(
        "security",
        "安全防护",
        (
            _count("security_checks", "安全检测评估次数", "次"),
            _count("issues_found", "发现问题数量", "个"),
            _count("issues_fixed", "问题整改数量", "个"),
            _yes_no("monitoring", "是否建立安全监测预警机制"),
            _yes_no("drills", "是否开展应急演练"),
            _yes_no("security_officer", "是否明确网站安全责任人"),
        ),
    ),
    Section(
        "new_media",
        "移动新媒体",
        (
            _yes_no("has_new_media", "是否有移动新媒体"),
            _text("weibo_name", "名称", "微博"),
            _count("weibo_posts", "信息发布量", "条", "微博"),
            _count("weibo_followers", "关注量", "个", "微博"),
            _text("wechat_name", "名称", "微信"),
            _count("wechat_posts", "信息发布量", "条", "微信"),
            _count("wechat_subscribers", "订阅数", "个", "微信"),
            _text("new_media_other", "其他"),
        ),
    ),
    Section(
        "innovation",
        "创新发展",
        (
            _yes_no("search_as_service", "搜索即服务"),
            _yes_no("multilingual", "多语言版本"),
            _yes_no("accessibility", "无障碍浏览"),
            _yes_no("personalised", "千人千网"),
            _text("innovation_other", "其他"),
        ),
    ),
)

# Printed on one line under the table, as the form's sign-off.
SIGNOFF: tuple[Item, ...] = (
    _text("head", "单位负责人"),
    _text("reviewer", "审核人"),
    _text("filler", "填报人"),
    _text("phone", "联系电话"),
    Item("filled_on", "填报日期", Kind.DATE),
)

ITEMS: tuple[Item, ...] = (*(i for s in SECTIONS for i in s.items), *SIGNOFF)
ITEMS_BY_KEY: dict[str, Item] = {item.key: item for item in ITEMS}
SECTION_OF: dict[str, str] = {i.key: s.title for s in SECTIONS for i in s.items} | {
    i.key: "填报信息" for i in SIGNOFF
}


def full_label(item: Item) -> str:
    """「互动交流·留言办理·收到留言数量」: how an error names the item."""
    parts = [SECTION_OF[item.key], item.group, item.label.removeprefix("其中：")]
    return "·".join(p for p in parts if p)


Value = int | float | str


def clean_value(item: Item, raw: object) -> Value:
    """The stored value of an answer, or a ValueError naming the item.

    Counts are whole numbers ≥ 0; numbers keep two decimals; 是/否 and choices must be
    one of theirs; dates are stored as ISO strings; text is trimmed and not empty.
    """
    name = full_label(item)
    text = str(raw).strip() if raw is not None else ""
    if not text:
        raise ValueError(f"“{name}”须填写。")
    if item.kind in (Kind.COUNT, Kind.NUMBER):
        return _clean_number(item, name, text)
    if item.kind is Kind.YES_NO:
        if text not in (YES, NO):
            raise ValueError(f"“{name}”应填写“是”或“否”。")
        return text
    if item.kind is Kind.CHOICE:
        if text not in item.choices:
            raise ValueError(f"“{name}”应为{'、'.join(item.choices)}之一。")
        return text
    if item.kind is Kind.DATE:
        try:
            return datetime.date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValueError(f"“{name}”应为日期，如2027-01-20。") from None
    if len(text) > MAX_TEXT:
        raise ValueError(f"“{name}”过长（不超过{MAX_TEXT}字）。")
    return text


def _clean_number(item: Item, name: str, text: str) -> int | float:
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"“{name}”应填写数字，而不是“{text[:20]}”。") from None
    if not number.is_finite() or number < 0 or number >= MAX_COUNT:
        raise ValueError(f"“{name}”应为不小于0的数字。")
    if item.kind is Kind.COUNT:
        if number != number.to_integral_value():
            raise ValueError(f"“{name}”应为整数。")
        return int(number)
    if number != number.quantize(Decimal("0.01")):
        raise ValueError(f"“{name}”最多保留两位小数。")
    return float(number)


def clean_source(item: Item, source: object) -> str:
    """A source note is required for every figure, hand-entered or counted."""
    note = str(source or "").strip()
    if not note:
        raise ValueError(f"“{full_label(item)}”须注明数据来源。")
    if len(note) > MAX_SOURCE:
        raise ValueError(f"“{full_label(item)}”的数据来源过长（不超过{MAX_SOURCE}字）。")
    return note


def printed(item: Item, value: Value | None) -> str:
    """The value as the form prints it; an unanswered item prints 「未填报」 (a draft only)."""
    if value is None or value == "":
        return UNENTERED
    if item.kind is Kind.DATE:
        day = datetime.date.fromisoformat(str(value))
        return f"{day.year}年{day.month}月{day.day}日"
    if item.kind is Kind.NUMBER:
        return f"{float(value):g}"
    return str(value)


# 「其中」 items and the 办件量 by applicant are parts of the total beside them: together
# they cannot exceed it.
PARTS_OF_TOTALS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "interpretations_total",
        ("interpretation_materials", "interpretation_products", "media_commentaries"),
    ),
    ("cases_total", ("cases_natural", "cases_legal")),
)


def parts_exceeding_totals(figures: dict[str, dict[str, object]]) -> list[str]:
    """A message for each total smaller than the sum of its parts (answered ones only)."""
    problems = []
    for total_key, part_keys in PARTS_OF_TOTALS:
        total = (figures.get(total_key) or {}).get("value")
        parts = [(figures.get(k) or {}).get("value") for k in part_keys]
        if not isinstance(total, int) or not all(isinstance(p, int) for p in parts):
            continue
        summed = sum(p for p in parts if isinstance(p, int))
        if summed > total:
            names = "、".join(ITEMS_BY_KEY[k].label.removeprefix("其中：") for k in part_keys)
            problems.append(
                f"“{full_label(ITEMS_BY_KEY[total_key])}”为{total}，小于其中{names}之和{summed}。"
            )
    return problems


def missing_items(figures: dict[str, dict[str, object]]) -> list[Item]:
    """Items without a value or without a source note, in the form's order.

    A report is final only when this is empty: every figure on the published form says
    where it comes from.
    """
    missing = []
    for item in ITEMS:
        figure = figures.get(item.key) or {}
        if figure.get("value") in (None, "") or not str(figure.get("source") or "").strip():
            missing.append(item)
    return missing
