"""The proactive-disclosure catalogue as law and standard: what must be published, how it is
described, and by when.

Every agency's catalogue is a tree of columns (栏目). Art. 20 lists fifteen kinds of
information every agency publishes; Art. 21 adds more for city, county and township
governments. Each catalogue entry carries the core metadata of the 《政府信息公开目录系统实施指引
(试行)》 (LAW.md §4.4), and its information type feeds table 二 of the annual report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from gongkai.rules.workdays import WorkingDayCalendar

# Art. 26: 属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。
PUBLISH_WITHIN_WORKING_DAYS = 20


@dataclass(frozen=True)
class MandatoryColumn:
    """A column every agency of the given levels must keep, named for its legal item."""

    key: str
    title: str
    article: str
    # How long a column may go without a new entry before inspection calls it stale
    # (不更新). The 2019 检查指标 (LAW.md §4.1) measure 通知公告、政策文件类 columns over six
    # months and 人事、规划计划类 over a year; the rest use the year.
    stale_after_days: int = 365
    # Art. 21 items apply only to district/county governments, their departments and streets.
    local_only: bool = False


# Art. 20 (一)–(十五), then Art. 21 for 设区的市级、县级人民政府及其部门 and 乡（镇）.
MANDATORY_COLUMNS: tuple[MandatoryColumn, ...] = (
    MandatoryColumn("regulations", "法规文件", "第二十条（一）", 183),
    MandatoryColumn("organisation", "机构信息", "第二十条（二）"),
    MandatoryColumn("plans", "规划计划", "第二十条（三）"),
    MandatoryColumn("statistics", "统计信息", "第二十条（四）", 183),
    MandatoryColumn("licensing", "行政许可和对外管理服务", "第二十条（五）", 183),
    MandatoryColumn("penalty_enforcement", "行政处罚和行政强制", "第二十条（六）", 183),
    MandatoryColumn("budget", "财政预算决算", "第二十条（七）"),
    MandatoryColumn("fees", "行政事业性收费", "第二十条（八）"),
    MandatoryColumn("procurement", "政府集中采购", "第二十条（九）"),
    MandatoryColumn("major_projects", "重大建设项目", "第二十条（十）"),
    MandatoryColumn("livelihood", "扶贫、教育、医疗、社会保障、促进就业", "第二十条（十一）"),
    MandatoryColumn("emergencies", "突发公共事件应急管理", "第二十条（十二）"),
    MandatoryColumn("inspections", "监督检查情况", "第二十条（十三）"),
    MandatoryColumn("civil_service", "公务员招考录用", "第二十条（十四）"),
    MandatoryColumn("other", "其他应当主动公开的信息", "第二十条（十五）"),
    MandatoryColumn("public_services", "市政建设和公共服务", "第二十一条", local_only=True),
    MandatoryColumn("expropriation", "土地征收和房屋征收", "第二十一条", local_only=True),
    MandatoryColumn("social_assistance", "治安管理和社会救助", "第二十一条", local_only=True),
)


# Art. 20 (二)'s column is the agency's 机构信息 itself: its items (ORGANISATION_ITEMS) are
# kept as structured fields shown on the agency's branch, and judged by whether they are
# filled in, not by how many entries the column holds.
ORGANISATION_COLUMN_KEY = "organisation"

# Art. 20 (二): 机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名. (key, label) in the
# article's order; each must show on the agency's 机构信息.
ORGANISATION_ITEMS: tuple[tuple[str, str], ...] = (
    ("functions", "机关职能"),
    ("structure", "机构设置"),
    ("address", "办公地址"),
    ("office_hours", "办公时间"),
    ("contact", "联系方式"),
    ("leaders", "负责人姓名"),
)

# Art. 12 ¶2: 政府信息公开指南包括……政府信息公开工作机构的名称、办公地址、办公时间、联系电话、
# 传真号码、互联网联系方式等内容. Art. 51 adds where to complain and seek remedy; the guide
# names the bodies (and answer letters name the same ones).
GUIDE_CONTACT_ITEMS: tuple[tuple[str, str], ...] = (
    ("name", "政府信息公开工作机构名称"),
    ("address", "办公地址"),
    ("office_hours", "办公时间"),
    ("phone", "联系电话"),
    ("fax", "传真号码"),
    ("internet", "互联网联系方式"),
    ("reconsideration_body", "行政复议机关"),
    ("court", "行政诉讼管辖法院"),
)


# Art. 45: 行政机关应当建立健全政府信息公开申请登记、审核、办理、答复、归档的工作制度. Each
# agency keeps its own rules of disclosure work in this column, beside the national instruments
# (rules.legal_basis), as the 信息公开制度 of the 政府信息公开 navigation. Art. 20 does not list
# it, so it is not among the mandatory columns the inspection and the catalogue health judge.
RULES_COLUMN = MandatoryColumn("disclosure_rules", "信息公开制度", "第四十五条")


def mandatory_columns(*, local_government: bool) -> tuple[MandatoryColumn, ...]:
    """Art. 21 binds 设区的市级、县级人民政府及其部门 and townships; the rest keep Art. 20."""
    return tuple(c for c in MANDATORY_COLUMNS if local_government or not c.local_only)


# 保密审查: Art. 14 (国家秘密; 危及国家安全、公共安全、经济安全、社会稳定), Art. 15 (商业秘密、
# 个人隐私), Art. 16 (内部事务信息、过程性信息、行政执法案卷). Each must be answered 否 to pass.
CONFIDENTIALITY_CHECKLIST: tuple[tuple[str, str], ...] = (
    ("state_secret", "是否涉及国家秘密（第十四条）"),
    ("security_risk", "公开后是否可能危及国家安全、公共安全、经济安全、社会稳定（第十四条）"),
    ("trade_secret", "是否涉及商业秘密（第十五条）"),
    ("privacy", "是否含有未去标识化的个人隐私，如身份证号、手机号、银行卡号（第十五条）"),
    ("internal", "是否属于内部事务信息、过程性信息或行政执法案卷信息（第十六条）"),
)

# Art. 21 binds 设区的市级、县级人民政府及其部门 and 乡（镇）: on a district platform, the
# district government, its departments and the streets (agency kinds as stored).
LOCAL_GOVERNMENT_KINDS = frozenset({"government", "department", "street"})


class InfoType(StrEnum):
    """Information type (信息类别). The first five are counted in the report's table 二."""

    REGULATION = "regulation"
    NORMATIVE_DOCUMENT = "normative_document"
    LICENSING_DECISION = "licensing_decision"
    PENALTY_DECISION = "penalty_decision"
    ENFORCEMENT_DECISION = "enforcement_decision"
    OTHER_DOCUMENT = "other_document"
    PLAN = "plan"
    STATISTICS = "statistics"
    BUDGET = "budget"
    PERSONNEL = "personnel"
    NOTICE = "notice"
    NEWS = "news"
    OTHER = "other"

    @property
    def label(self) -> str:
        return INFO_TYPE_LABELS[self]


INFO_TYPE_LABELS: dict[InfoType, str] = {
    InfoType.REGULATION: "规章",
    InfoType.NORMATIVE_DOCUMENT: "行政规范性文件",
    InfoType.LICENSING_DECISION: "行政许可决定",
    InfoType.PENALTY_DECISION: "行政处罚决定",
    InfoType.ENFORCEMENT_DECISION: "行政强制决定",
    InfoType.OTHER_DOCUMENT: "其他文件",
    InfoType.PLAN: "规划计划",
    InfoType.STATISTICS: "统计信息",
    InfoType.BUDGET: "财政预决算",
    InfoType.PERSONNEL: "人事信息",
    InfoType.NOTICE: "通知公告",
    InfoType.NEWS: "工作动态",
    InfoType.OTHER: "其他",
}

# Table 二 (2021 format, LAW.md §2.3): documents counted by issued / abolished / in force,
# decisions counted by number made in the year. Keys are the report JSON's.
DOCUMENT_TYPES_IN_REPORT: dict[InfoType, str] = {
    InfoType.REGULATION: "regulations",
    InfoType.NORMATIVE_DOCUMENT: "normative_documents",
}
DECISION_TYPES_IN_REPORT: dict[InfoType, str] = {
    InfoType.LICENSING_DECISION: "licensing",
    InfoType.PENALTY_DECISION: "penalty",
    InfoType.ENFORCEMENT_DECISION: "enforcement",
}


class Validity(StrEnum):
    """有效性 (LAW.md §4.4 c): shown on every entry page of a normative document."""

    VALID = "valid"
    EXPIRED = "expired"
    ABOLISHED = "abolished"

    @property
    def label(self) -> str:
        return {"valid": "有效", "expired": "失效", "abolished": "废止"}[self.value]


class DisclosureMethod(StrEnum):
    """公开方式 as catalogue pages print it."""

    PROACTIVE = "proactive"
    CONDITIONAL = "conditional"

    @property
    def label(self) -> str:
        return {"proactive": "主动公开", "conditional": "依申请公开"}[self.value]


# 主题分类: the top level of the subject list used by 中国政府网's 政策文件库 and the
# catalogues modelled on it (LAW.md §4.3 shows "综合政务\\政务公开" as a value). The
# second level varies by site, so entries may add it after a backslash.
SUBJECT_CATEGORIES: tuple[str, ...] = (
    "国务院组织机构",
    "综合政务",
    "国民经济管理、国有资产监管",
    "财政、金融、审计",
    "国土资源、能源",
    "农业、林业、水利",
    "工业、交通",
    "商贸、海关、旅游",
    "市场监管、安全生产监管",
    "城乡建设、环境保护",
    "科技、教育",
    "文化、广电、新闻出版",
    "卫生、体育",
    "人口与计划生育、妇女儿童工作",
    "劳动、人事、监察",
    "公安、安全、司法",
    "民政、扶贫、救灾",
    "民族、宗教",
    "对外事务",
    "港澳台侨工作",
    "国防",
    "其他",
)


def subject_is_known(value: str) -> bool:
    return value.split("\\", 1)[0] in SUBJECT_CATEGORIES


# LAW.md §4.4 (b): 索引号 = 前段码 (the publisher's code) "/" 4-digit year "-" 5-digit serial.
# Agencies on this platform use their 18-character 统一社会信用代码 as 前段码 (the 阳江 form).
INDEX_SERIAL_DIGITS = 5
INDEX_NUMBER_RE = re.compile(r"^(?P<code>[0-9A-Z]{9,18})/(?P<year>\d{4})-(?P<serial>\d{5})$")


class IndexNumberError(ValueError):
    pass


def format_index_number(*, agency_code: str, year: int, serial: int) -> str:
    """The index number is computed, never typed: it is unique and never changes."""
    if not 1 <= serial < 10**INDEX_SERIAL_DIGITS:
        raise IndexNumberError(f"{year}年的索引号流水号已用尽（最多99999条）。")
    return f"{agency_code}/{year:04d}-{serial:0{INDEX_SERIAL_DIGITS}d}"


def parse_index_number(value: str) -> tuple[str, int, int]:
    match = INDEX_NUMBER_RE.match(value.strip())
    if match is None:
        raise IndexNumberError(f"索引号“{value}”格式不正确，应为“机构代码/年份-5位流水号”。")
    return match["code"], int(match["year"]), int(match["serial"])


def publication_due(*, formed_on: date, calendar: WorkingDayCalendar) -> date:
    """The last day Art. 26 allows for publishing information formed or changed on a date."""
    return calendar.nth_working_day_after(formed_on, PUBLISH_WITHIN_WORKING_DAYS)
