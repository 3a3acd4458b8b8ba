"""Demo catalogue: years of entries per agency, with documents abolished along the way and
a few drafts waiting at each step of the review chain.

Everything is generated from fixed seeds, so two demo runs build the same catalogue; the
history is published the way an imported catalogue is (the import path), and the drafts
go through the real workflow.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.agencies.models import Agency, Role
from gongkai.disclosure.bulk import bulk_publish
from gongkai.disclosure.models import AgencyCataloguePage, CatalogueEntryPage, ColumnPage
from gongkai.disclosure.services.catalogue import ensure_agency_catalogue
from gongkai.disclosure.services.importing import CatalogueRow
from gongkai.rules.catalogue import InfoType, Validity

FIRST_YEAR = 2021
# (column key, info type, subject, title patterns); {a} is the agency's short name, {y} the year.
KINDS: list[tuple[str, InfoType, str, list[str]]] = [
    (
        "regulations",
        InfoType.NORMATIVE_DOCUMENT,
        "综合政务",
        [
            "{a}关于印发《{y}年政务公开工作要点》的通知",
            "{a}关于进一步规范行政规范性文件管理的通知",
            "{a}关于印发《重大行政决策程序规定》的通知",
            "{a}关于印发《政府信息公开申请办理规范》的通知",
        ],
    ),
    (
        "regulations",
        InfoType.OTHER_DOCUMENT,
        "综合政务",
        [
            "{a}关于做好{y}年度安全生产工作的通知",
            "{a}关于开展{y}年度“双随机、一公开”监管工作的通知",
            "{a}关于做好{y}年春节期间值班工作的通知",
        ],
    ),
    (
        "plans",
        InfoType.PLAN,
        "国民经济管理、国有资产监管",
        [
            "{a}{y}年工作计划",
            "{a}{y}年工作总结",
            "{a}“十四五”专项规划实施情况中期评估报告",
        ],
    ),
    (
        "statistics",
        InfoType.STATISTICS,
        "国民经济管理、国有资产监管",
        [
            "{a}{y}年第一季度主要统计数据",
            "{a}{y}年上半年主要统计数据",
            "{a}{y}年前三季度主要统计数据",
        ],
    ),
    (
        "budget",
        InfoType.BUDGET,
        "财政、金融、审计",
        [
            "{a}{y}年部门预算公开",
            "{a}{y}年部门决算公开",
            "{a}{y}年“三公”经费预算情况说明",
        ],
    ),
    (
        "licensing",
        InfoType.LICENSING_DECISION,
        "市场监管、安全生产监管",
        [
            "{a}行政许可决定书（{a}许准字〔{y}〕第{n}号）",
        ],
    ),
    (
        "penalty_enforcement",
        InfoType.PENALTY_DECISION,
        "市场监管、安全生产监管",
        [
            "{a}行政处罚决定书（{a}罚决字〔{y}〕第{n}号）",
        ],
    ),
    (
        "penalty_enforcement",
        InfoType.ENFORCEMENT_DECISION,
        "市场监管、安全生产监管",
        [
            "{a}行政强制决定书（{a}强字〔{y}〕第{n}号）",
        ],
    ),
    (
        "procurement",
        InfoType.NOTICE,
        "财政、金融、审计",
        [
            "{a}{y}年政府集中采购项目实施情况",
            "{a}办公设备采购项目中标公告",
        ],
    ),
    (
        "livelihood",
        InfoType.NOTICE,
        "民政、扶贫、救灾",
        [
            "{a}{y}年城乡低保标准调整公告",
            "{a}关于做好{y}年高校毕业生就业创业工作的通知",
            "{a}{y}年医疗救助资金发放情况公示",
        ],
    ),
    (
        "emergencies",
        InfoType.NOTICE,
        "公安、安全、司法",
        [
            "{a}{y}年防汛抗旱应急预案",
            "{a}关于{y}年汛期地质灾害防范的预警信息",
        ],
    ),
    (
        "civil_service",
        InfoType.PERSONNEL,
        "劳动、人事、监察",
        [
            "{a}{y}年公开招聘工作人员公告",
            "{a}{y}年公开招聘拟录用人员公示",
        ],
    ),
    (
        "inspections",
        InfoType.NOTICE,
        "市场监管、安全生产监管",
        [
            "{a}{y}年食品安全监督抽检结果公告",
            "{a}{y}年安全生产执法检查情况通报",
        ],
    ),
]
ENFORCING = {"scj", "cgj", "yjj", "wjj"}  # agencies that make decisions under Art. 20 (六)
# The big-data centre issues no normative documents: its reference report's table 二 is zero.
NO_DOCUMENTS = {"dsj"}
DECISIONS = (InfoType.LICENSING_DECISION, InfoType.PENALTY_DECISION, InfoType.ENFORCEMENT_DECISION)
BODY = [
    "为深入贯彻落实《中华人民共和国政府信息公开条例》，进一步提高工作透明度，结合工作实际，现就有关事项通知如下。",
    "各单位要高度重视，明确责任分工，细化工作措施，确保各项任务按时保质完成。",
    "本通知自印发之日起施行。执行中遇到的问题，请及时向{a}反映。",
    "联系电话：027-83851234（工作日上午9:00—12:00，下午14:00—17:30）。",
]


def _row(
    *, agency: Agency, short: str, column: ColumnPage, kind: tuple, year: int, n: int, rng: Any
) -> CatalogueRow:
    _key, info_type, subject, patterns = kind
    title = rng.choice(patterns).format(a=short, y=year, n=n)
    formed = date(year, 1, 1) + timedelta(days=rng.randrange(0, 330))
    lag = rng.choice([2, 3, 5, 7, 10, 14, 40])  # now and then later than Art. 26 allows
    number = ""
    if info_type in (InfoType.NORMATIVE_DOCUMENT, InfoType.OTHER_DOCUMENT):
        prefix = short.removeprefix("区").removesuffix("局").removesuffix("街道")[:2]
        kind_char = "规" if info_type == InfoType.NORMATIVE_DOCUMENT else "发"
        number = f"硚{prefix}{kind_char}〔{year}〕{n}号"
    body = "".join(f"<p>{p.format(a=agency.name)}</p>" for p in BODY)
    return CatalogueRow(
        row=n,
        column=column,
        title=title,
        formed_on=formed,
        published_on=formed + timedelta(days=lag),
        subject=subject,
        info_type=info_type.value,
        document_number=number,
        summary=title,
        keywords=short,
        body=body,
    )


def build_demo_catalogue(*, today: date, per_year: int = 50) -> int:
    """Publish ``per_year`` entries a year since 2021 for every agency without entries."""
    from gongkai.demo.build import AGENCIES

    User = get_user_model()
    operator = User.objects.get(username="operator")
    created = 0
    for index, (slug, name, short, _kind, _parent) in enumerate(AGENCIES):
        agency = Agency.objects.get(name=name)
        branch = ensure_agency_catalogue(agency=agency)
        if CatalogueEntryPage.objects.filter(agency=agency).exists():
            continue
        rng = random.Random(index)
        columns = {c.key: c for c in ColumnPage.objects.child_of(branch).exclude(key="")}
        kinds = [
            k
            for k in KINDS
            if k[0] in columns
            and (k[1] not in DECISIONS or slug in ENFORCING)
            and (k[1] != InfoType.NORMATIVE_DOCUMENT or slug not in NO_DOCUMENTS)
        ]
        by_column: dict[int, list[CatalogueRow]] = {}
        for year in range(FIRST_YEAR, today.year + 1):
            count = per_year if year < today.year else per_year * today.month // 12
            for n in range(1, count + 1):
                kind = rng.choice(kinds)
                column = columns[kind[0]]
                row = _row(agency=agency, short=short, column=column, kind=kind, year=year,
                           n=n, rng=rng)  # fmt: skip
                if row.published_on < today:
                    by_column.setdefault(column.pk, []).append(row)
        with transaction.atomic():
            for rows in by_column.values():
                created += bulk_publish(column=rows[0].column, rows=rows, owner=operator)
            normative = CatalogueEntryPage.objects.filter(
                agency=agency, info_type=InfoType.NORMATIVE_DOCUMENT
            ).order_by("published_on")
            _abolish_some(list(normative), today=today, rng=rng)
    _drafts_in_review(today=today)
    return created


def _abolish_some(entries: list[CatalogueEntryPage], *, today: date, rng: Any) -> None:
    """A third of the older normative documents are abolished or expire later on."""
    for entry in entries[: len(entries) * 2 // 3 : 3]:
        ended = entry.published_on + timedelta(days=rng.randrange(200, 900))
        if ended >= today:
            continue
        validity = Validity.ABOLISHED if rng.random() < 0.7 else Validity.EXPIRED
        CatalogueEntryPage.objects.filter(pk=entry.pk).update(
            validity=validity.value, validity_changed_on=ended
        )


def _drafts_in_review(*, today: date) -> None:
    """In 区政府办: one draft at each step of the chain, and one held by the screening."""
    from gongkai.demo.build import AGENCIES

    User = get_user_model()
    name = next(n for s, n, *_ in AGENCIES if s == "qzfb")
    agency = Agency.objects.get(name=name)
    branch = AgencyCataloguePage.objects.get(agency=agency)
    column = ColumnPage.objects.child_of(branch).get(key="regulations")
    if CatalogueEntryPage.objects.filter(agency=agency, live=False).exists():
        return
    from gongkai.agencies.selectors import roles_of
    from gongkai.disclosure.services.catalogue import do_create_entry
    from gongkai.rules.catalogue import CONFIDENTIALITY_CHECKLIST

    def member(role: Role) -> Any:
        users = User.objects.filter(memberships__agency=agency, memberships__role=role)
        user = users.first()
        assert user is not None and role in roles_of(user, agency)
        return user

    editor = member(Role.EDITOR)
    steps = [
        ("关于开展2026年政务公开标准化规范化工作的通知（待初审）", 0, ""),
        ("关于印发《政务新媒体管理办法》的通知（待保密审查）", 1, ""),
        ("关于公布区级行政许可事项清单的通知（待分管领导审核）", 2, ""),
        ("2026年度区级困难群众救助名单公示（含未脱敏身份证号）", 3,
         "<p>救助对象：王某某，身份证号420104198001010012，住址汉正街。</p>"),
    ]  # fmt: skip
    clear = {key: "no" for key, _ in CONFIDENTIALITY_CHECKLIST}
    for title, approved_steps, body in steps:
        entry = do_create_entry(
            column=column,
            user=editor,
            title=title,
            formed_on=today - timedelta(days=5),
            subject="综合政务",
            info_type=InfoType.OTHER_DOCUMENT.value,
            body=body or "<p>为进一步做好相关工作，现将有关事项通知如下。</p>",
        )
        entry.get_workflow().start(entry, editor)
        reviewers = [
            (Role.FIRST_REVIEWER, {}),
            (Role.FIRST_REVIEWER, {"comment": "", **clear}),
            (Role.SECOND_REVIEWER, {}),
        ]
        for role, data in reviewers[:approved_steps]:
            entry.refresh_from_db()
            state = entry.current_workflow_task_state
            state.task.specific.on_action(state, member(role), "approve", **data)
