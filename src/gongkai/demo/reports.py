"""Annual reports for the demo district.

The district big-data centre's 2021 report is the real one in
``shared/reference/qiaokou-2021-annual-report.txt``: its tables are all zero (it received
no application and holds no licensing, penalty or fee powers) and its text is shown as
the example of what an agency writes. The agencies with demo applications get last
year's report published through the whole review chain and this year's as a draft,
their tables counted from those applications.
"""

from __future__ import annotations

import datetime
from typing import Any

from gongkai.agencies.models import Agency
from gongkai.demo.applications import MAIN_AGENCY, OTHER_AGENCIES, _agency
from gongkai.reports.compose import compose_report, error_findings
from gongkai.reports.models import AnnualReport
from gongkai.reports.narrative import normalize_narrative
from gongkai.reports.proactive import figure_cells
from gongkai.reports.services import (
    do_approve_report,
    do_create_report,
    do_enter_figures,
    do_mark_final,
    do_save_narrative,
    do_submit_report,
)

REFERENCE_AGENCY = "dsj"
REFERENCE_YEAR = 2021
# The reference text carries no date; 31 January is the statutory deadline (Art. 49).
REFERENCE_PUBLISHED_ON = datetime.date(2022, 1, 31)
REFERENCE_SOURCE = "我中心无行政许可、处罚、行政事业性收费等工作职责，未制发规章和行政规范性文件"

# The reference report's text, paragraph by paragraph (line breaks of the PDF removed).
REFERENCE_NARRATIVE: dict[str, Any] = {
    "overview": [
        {
            "key": "proactive",
            "heading": "（一）政府信息主动公开情况",
            "text": "为全面贯彻落实《信息公开条例》《湖北省2021年政务公开工作要点》"
            "《全区政府网站及信息公开主体单位职责分工表》等文件要求，区大数据中心切实加强"
            "组织领导，认真履行信息公开工作职责，严格落实信息公开审批制度，密切结合我中心"
            "机构职能、业务工作、项目建设等实际，按要求及时公开信息公开指南、2021年部门预算、"
            "2020年部门决算、2021年工作总结和2022年工作计划，开展政府采购项目招投标意向公开，"
            "调整机构基本情况和领导信息，不断提高工作公开透明度，确保公开信息及时、高效、正确、"
            "完整。",
        },
        {
            "key": "applications",
            "heading": "（二）政府信息依申请公开情况",
            "text": "本年度我中心收到依申请公开申请0件。",
        },
        {
            "key": "management",
            "heading": "（三）政府信息管理情况",
            "text": "我中心严格按照《区大数据中心信息公开制度》要求，严格履行科室负责人初审，"
            "分管领导审核，主要负责人把关的审核流程，保障“公开不涉密，涉密不公开”，确保政府"
            "信息公开工作严谨、细致、完善。",
        },
        {
            "key": "platform",
            "heading": "（四）平台建设情况",
            "text": "按照区信息公开职责分工安排，我中心根据各单位需要，及时构建专题专栏，升级"
            "网站搜索引擎功能，整合服务资源，不断提升用户的满意度和体验感。今年以来完成网站"
            "升级改版，实现栏目更优化、检索更便利、信息关联更科学，构建了“学习贯彻十九届六中"
            "全会精神”、“宪法宣传周”等专题，组织全区各单位开展信息发布培训，节假日和重要时期"
            "加强人员巡检和系统检测，保障平台稳定运行。",
        },
        {
            "key": "oversight",
            "heading": "（五）监督保障情况",
            "text": "将政务公开工作纳入重要议事日程，党组会定期研究相关工作，明确分管领导，落实"
            "专人负责，严格依法依规开展信息公开工作。",
        },
    ],
    "proactive_note": "我中心无行政许可、处罚、行政事业性收费等工作职责。",
    "applications_note": "今年未收到和处理政府信息公开申请。",
    "appeals_note": "今年，未收到行政复议相关诉求。",
    "problems": "今年以来认真改进2020年信息公开工作中存在的问题与不足，根据我中心具体工作"
    "职责拟定,发布了区大数据中心信息公开指南，引导民众更快捷、更方便获取我中心的政务信息，"
    "公开依申请公开的电话、邮箱、申请表，明确依申请公开的方式方法、受理机构等，更加规范地"
    "开展依申请公开工作。完善党组监管制度，进一步夯实了信息公开发布审核流程，组织开展了"
    "丰富多样的保密工作培训，拟定工作秘密清单，强化工作人员保密责任意识，按照“以公开为"
    "原则，不公开为例外”的原则，确保“涉密不公开”。\n"
    "经认真自查，信息公开工作中还存在一些不足，除要求必须公开的事项外，主动公开业务工作的"
    "开展情况等简报信息还不够，下一步还需进一步提升主动公开的意识，确保信息公开质量，"
    "全方位展现我中心工作推进情况。",
    "other": "2021年度我中心收取政府信息处理费为0元。",
}

# Table 二 of the demo departments: invented, plausible figures (no real agency's).
_DEMO_FIGURES = {
    ("regulations", "issued"): 0,
    ("regulations", "abolished"): 0,
    ("regulations", "in_force"): 0,
    ("normative_documents", "issued"): 3,
    ("normative_documents", "abolished"): 1,
    ("normative_documents", "in_force"): 17,
    ("licensing", "decisions"): 126,
    ("penalty", "decisions"): 41,
    ("enforcement", "decisions"): 2,
    ("fees", "amount_wan_yuan"): 12.35,
}
_DEMO_SOURCE = "演示数据：本机关业务台账"

# What a department writes where the pre-filled text leaves a required part empty.
_DEMO_TEXT = {
    "proactive": "演示数据：本机关按照政府信息公开目录及时主动公开机构职能、政策文件和业务动态。",
    "applications": "演示数据：本机关依法受理和答复政府信息公开申请。",
    "management": "演示数据：本机关落实科室负责人初审、分管领导审核、主要负责人把关的审核流程。",
    "platform": "演示数据：本机关通过区政府门户网站政府信息公开专栏发布信息。",
    "oversight": "演示数据：本机关将政务公开工作纳入年度考核，明确专人负责。",
    "problems": "演示数据：主动公开的业务动态还不够及时，下一步将加强信息发布的日常管理。",
    "other": "演示数据：无其他需要报告的事项。",
}


def _publish(report: AnnualReport, *, published_on: datetime.date | None = None) -> AnnualReport:
    """Run a report through the review chain and publish it (the demo acts as operator)."""
    report = do_submit_report(report=report, comment="请审核")
    for comment in ("初审同意", "审核同意", "同意发布"):
        report = do_approve_report(report=report, comment=comment)
    return do_mark_final(report=report, published_on=published_on)


def _reference_report() -> AnnualReport | None:
    agency = _agency(REFERENCE_AGENCY)
    if AnnualReport.objects.filter(agency=agency, year=REFERENCE_YEAR).exists():
        return None
    report = do_create_report(agency=agency, year=REFERENCE_YEAR)
    do_enter_figures(
        report=report,
        entries={cell.key: (0, REFERENCE_SOURCE) for cell in figure_cells("2021")},
    )
    do_save_narrative(report=report, narrative=REFERENCE_NARRATIVE)
    return _publish(report, published_on=REFERENCE_PUBLISHED_ON)


def _department_reports(agency: Agency, today: datetime.date) -> int:
    """Last year published, this year a draft; each only if missing."""
    made = 0
    for year in (today.year - 1, today.year):
        if AnnualReport.objects.filter(agency=agency, year=year).exists():
            continue
        report = do_create_report(agency=agency, year=year)
        made += 1
        if year == today.year:
            continue
        do_enter_figures(
            report=report,
            entries={key: (value, _DEMO_SOURCE) for key, value in _DEMO_FIGURES.items()},
        )
        do_save_narrative(report=report, narrative=_written(report.narrative))
        if not error_findings(compose_report(report, today=today)):
            _publish(report, published_on=min(today, datetime.date(today.year, 1, 20)))
    return made


def _written(narrative: dict[str, Any]) -> dict[str, Any]:
    """The pre-filled text with every required part that is still empty written."""
    text = normalize_narrative(narrative)
    for part in text["overview"]:
        part["text"] = part["text"] or _DEMO_TEXT[part["key"]]
    for name in ("problems", "other"):
        text[name] = text[name] or _DEMO_TEXT[name]
    return text


def build_demo_reports(*, today: datetime.date) -> int:
    """Create the demo reports that are missing; return how many were created."""
    made = 1 if _reference_report() is not None else 0
    for slug in (MAIN_AGENCY, *OTHER_AGENCIES):
        made += _department_reports(_agency(slug), today)
    return made
