"""Demo catalogue: years of entries per agency, with documents abolished along the way and
a few drafts waiting at each step of the review chain.

Everything is generated from fixed seeds, so two demo runs build the same catalogue; the
history is published the way an imported catalogue is (the import path), and the drafts
go through the real workflow.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Role
from gongkai.demo.attachments import (
    Attachment,
    AttachmentQuota,
    Workshop,
    attachment_for,
    kinds_for,
    published_revision,
    store,
)
from gongkai.demo.bodies import Facts, Genre, Text, compose, to_html
from gongkai.demo.organisation import agency_phone
from gongkai.demo.planning import Planned, plan_year
from gongkai.demo.progress import Say, quiet
from gongkai.demo.subjects import SUBJECTS, Subject
from gongkai.demo.topics import build_demo_topics, join_topics
from gongkai.disclosure.bulk import bulk_publish
from gongkai.disclosure.models import AgencyCataloguePage, CatalogueEntryPage, ColumnPage
from gongkai.disclosure.services.catalogue import ensure_agency_catalogue
from gongkai.disclosure.services.importing import PUBLISHED_AT, CatalogueRow
from gongkai.disclosure.verdicts import ensure_verdict
from gongkai.rules.catalogue import InfoType, Validity

FIRST_YEAR = 2021


@dataclass(frozen=True)
class _Draft:
    """A planned entry with its facts and composed text, before it becomes a row."""

    planned: Planned
    facts: Facts
    text: Text

    @property
    def genre(self) -> Genre:
        return self.planned.matter.genre

    @property
    def topic_column(self) -> str:
        return self.planned.matter.topic_column


def _draft(
    planned: Planned, *, agency: Agency, short: str, subject: Subject, phone: str, rng: Any
) -> _Draft:
    matter = planned.matter
    assert planned.formed is not None
    facts = Facts(
        agency=agency.name,
        short=short,
        title=planned.title,
        formed=planned.formed,
        topic=matter.topic,
        upper=subject.upper,
        duties=subject.duties,
        addressee=subject.addressee,
        phone=phone,
        basis=matter.basis,
        item=planned.item,
        street=planned.street,
        number=planned.document_number,
        points=matter.points,
        figures=matter.figures,
        topics=_work_topics(subject),
    )
    return _Draft(planned, facts, compose(matter.genre, facts, rng))


def _work_topics(subject: Subject) -> tuple[str, ...]:
    """What a work plan or summary of the agency reports on: its substantive matters, not
    its own budget, purchases or staff."""
    substantive = {Genre.NOTICE, Genre.NORMATIVE, Genre.STATISTICS, Genre.ANNOUNCEMENT}
    return tuple(
        dict.fromkeys(
            m.topic
            for m in subject.matters
            if m.genre in substantive and m.column not in ("budget", "procurement")
        )
    )


def _row(draft: _Draft, *, column: ColumnPage, n: int, attachments: list[str]) -> CatalogueRow:
    planned, facts = draft.planned, draft.facts
    assert planned.formed is not None and planned.published is not None
    keywords = [facts.topic] + ([facts.item] if len(facts.item) > 1 else [])
    return CatalogueRow(
        row=n,
        column=column,
        title=planned.title,
        formed_on=planned.formed,
        published_on=planned.published,
        subject=planned.matter.subject,
        info_type=planned.matter.info_type.value,
        document_number=planned.document_number,
        summary=draft.text.summary[:500],
        keywords="，".join(keywords)[:200],
        body=to_html(draft.text, facts=facts, attachments=attachments),
    )


@dataclass(frozen=True)
class _AgencyPlan:
    """An agency's entries to publish, and which of them carry which attachment."""

    slug: str
    agency: Agency
    columns: dict[str, ColumnPage]
    drafts: list[_Draft]
    chosen: dict[int, Attachment]
    rng: Any

    def filename(self, index: int) -> str:
        published = self.drafts[index].planned.published
        assert published is not None
        return f"{self.slug}-{published:%Y%m%d}-{index}.{self.chosen[index].kind}"


def build_demo_catalogue(*, today: date, per_year: int = 50, say: Say = quiet) -> int:
    """Publish about ``per_year`` entries a year since 2021 for every agency without
    entries, each agency on its own subjects; ``say`` hears one line per agency."""
    operator = get_user_model().objects.get(username="operator")
    topics = build_demo_topics(operator=operator)
    say(f"专题专栏：{'、'.join(t.title for t in topics.values())}")
    plans = _plan_agencies(per_year=per_year, today=today)
    created = 0
    with Workshop() as workshop:
        files = {
            (plan.slug, i): workshop.make(
                attachment, draft=plan.drafts[i], filename=plan.filename(i)
            )
            for plan in plans
            for i, attachment in plan.chosen.items()
        }
        for plan in plans:
            data = {i: files[(plan.slug, i)].result() for i in plan.chosen}
            with transaction.atomic():
                ids, revisions = _publish_agency(plan, files=data, operator=operator)
                join_topics(
                    {ids[d.planned.title]: d.topic_column for d in plan.drafts if d.topic_column},
                    topics,
                )
                normative = CatalogueEntryPage.objects.filter(
                    agency=plan.agency, info_type=InfoType.NORMATIVE_DOCUMENT
                ).order_by("published_on")
                _abolish_some(list(normative), today=today, rng=plan.rng)
            for revision in revisions:  # after the commit: screening reads files in a child
                verdict = ensure_verdict(revision)
                if verdict.blocking:
                    raise ValidationError(f"演示附件未通过发布前筛查：{verdict.blocking_findings}")
            created += len(ids)
            say(f"目录：{plan.agency.name}，发布{len(ids)}条（其中{len(plan.chosen)}条带附件）")
    _drafts_in_review(today=today)
    return created


def _plan_agencies(*, per_year: int, today: date) -> list[_AgencyPlan]:
    """Every agency without entries: its drafts, and the attachments chosen across them."""
    from gongkai.demo.build import AGENCIES

    quota = AttachmentQuota(today=today)
    plans = []
    for index, (slug, name, short, _kind, _parent) in enumerate(AGENCIES):
        agency = Agency.objects.get(name=name)
        branch = ensure_agency_catalogue(agency=agency)
        if CatalogueEntryPage.objects.filter(agency=agency).exists():
            continue
        rng = random.Random(index)
        columns = {c.key: c for c in ColumnPage.objects.child_of(branch).exclude(key="")}
        drafts = _plan_agency(
            slug,
            agency=agency,
            short=short,
            index=index,
            columns=columns,
            per_year=per_year,
            today=today,
            rng=rng,
        )
        kinds = [(d.planned.published, kinds_for(d.genre, d.facts, d.text)) for d in drafts]
        chosen = {
            i: attachment_for(kind, genre=drafts[i].genre, facts=drafts[i].facts)
            for i, kind in quota.choose(kinds, rng).items()
        }
        plans.append(_AgencyPlan(slug, agency, columns, drafts, chosen, rng))
    return plans


def _plan_agency(
    slug: str,
    *,
    agency: Agency,
    short: str,
    index: int,
    columns: dict[str, ColumnPage],
    per_year: int,
    today: date,
    rng: Any,
) -> list[_Draft]:
    """The agency's entries since 2021, dated and composed, titles never repeated."""
    subject = SUBJECTS[slug]
    phone = agency_phone(index)
    used: set[str] = set()
    drafts: list[_Draft] = []
    for year in range(FIRST_YEAR, today.year + 1):
        count = per_year if year < today.year else per_year * today.month // 12
        for planned in plan_year(
            subject,
            short=short,
            year=year,
            count=count,
            columns=set(columns),
            used=used,
            today=today,
            rng=rng,
        ):
            drafts.append(
                _draft(planned, agency=agency, short=short, subject=subject, phone=phone, rng=rng)
            )
    return drafts


def _publish_agency(
    plan: _AgencyPlan, *, files: dict[int, bytes], operator: Any
) -> tuple[dict[str, int], list[Any]]:
    """Publish the drafts in bulk and store the chosen attachments; returns the entries'
    ids by title and the revisions whose screening verdict is still to be stored."""
    by_column: dict[int, list[CatalogueRow]] = {}
    for n, draft in enumerate(plan.drafts):
        column = plan.columns[draft.planned.matter.column]
        listed = [plan.chosen[n].title] if n in plan.chosen else []
        by_column.setdefault(column.pk, []).append(
            _row(draft, column=column, n=n + 1, attachments=listed)
        )
    for rows in by_column.values():
        bulk_publish(column=rows[0].column, rows=rows, owner=operator)
    ids = dict(CatalogueEntryPage.objects.filter(agency=plan.agency).values_list("title", "pk"))
    editor = get_user_model().objects.get(username=f"{plan.slug}_editor")
    revisions = []
    for i, attachment in plan.chosen.items():
        planned = plan.drafts[i].planned
        assert planned.published is not None
        entry_id = ids[planned.title]
        store(
            entry_id=entry_id,
            attachment=attachment,
            data=files[i],
            filename=plan.filename(i),
            agency=plan.agency,
            editor=editor,
        )
        at = timezone.make_aware(datetime.combine(planned.published, PUBLISHED_AT))
        revisions.append(published_revision(entry_id=entry_id, editor=editor, at=at))
    return ids, revisions


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
    index, (_, name, short, *_) = next((i, a) for i, a in enumerate(AGENCIES) if a[0] == "qzfb")
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
    year = today.year
    steps = [
        (f"关于开展{year}年政务公开标准化规范化工作的通知（待初审）", "政务公开标准化", 0, ""),
        ("关于印发《政务新媒体管理办法》的通知（待保密审查）", "政务新媒体管理", 1, ""),
        ("关于公布区级行政许可事项清单的通知（待分管领导审核）", "行政许可事项清单管理", 2, ""),
        (f"{year}年度区级困难群众救助名单公示（含未脱敏身份证号）", "", 3,
         "<p>救助对象：王某某，身份证号420104198001010012，住址汉正街。</p>"),
    ]  # fmt: skip
    clear = {key: "no" for key, _ in CONFIDENTIALITY_CHECKLIST}
    privacy_note = "救助名单依法应当公示，是否脱敏请主要负责人把关时决定"
    subject = SUBJECTS["qzfb"]
    for title, topic, approved_steps, body in steps:
        formed = today - timedelta(days=5)
        facts = Facts(
            agency=name,
            short=short,
            title=title,
            formed=formed,
            topic=topic,
            upper=subject.upper,
            duties=subject.duties,
            addressee=subject.addressee,
            phone=agency_phone(index),
            basis="《中华人民共和国政府信息公开条例》",
        )
        entry = do_create_entry(
            column=column,
            user=editor,
            title=title,
            formed_on=formed,
            subject="综合政务",
            info_type=InfoType.OTHER_DOCUMENT.value,
            body=body
            or to_html(
                compose(Genre.NOTICE, facts, random.Random(title)), facts=facts, attachments=[]
            ),
        )
        entry.get_workflow().start(entry, editor)
        reviewers = [
            (Role.FIRST_REVIEWER, {}),
            # Screening found the ID number: 「否」 to the privacy question needs a reason.
            (
                Role.FIRST_REVIEWER,
                {"comment": "", **clear, **({"privacy_reason": privacy_note} if body else {})},
            ),
            (Role.SECOND_REVIEWER, {}),
        ]
        for role, data in reviewers[:approved_steps]:
            entry.refresh_from_db()
            state = entry.current_workflow_task_state
            state.task.specific.on_action(state, member(role), "approve", **data)
