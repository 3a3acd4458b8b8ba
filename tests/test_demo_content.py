"""A demo people believe (issue 15, point 9), built as ``gongkai demo`` builds it.

Seen before: every body the same boilerplate, no attachment anywhere, no topic column,
区应急局 publishing 城乡低保 notices, 春节值班 notices dated June, five entries of one 文号
series under one title, and ``gongkai demo`` silent for minutes. One test, because
building the district is the slow part; each part of it is a function below.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Any

import pytest
from click.testing import CliRunner
from django.test import Client
from django.utils import timezone
from wagtail.models import GroupPagePermission

from gongkai.audit.context import acting
from gongkai.cli import main
from gongkai.demo.build import AGENCIES
from gongkai.disclosure.models import (
    CatalogueEntryPage,
    EntryAttachment,
    ScreeningVerdict,
    TopicColumnPage,
)
from gongkai.disclosure.permissions import agency_of_collection
from gongkai.disclosure.services.catalogue import do_withdraw_entry
from gongkai.extraction import extract_text
from gongkai.rules.catalogue import InfoType
from gongkai.rules.document_number import series_of
from gongkai.workcalendar.bundled import bundled_schedule, holiday_names
from gongkai.workcalendar.services import do_load_schedule

# What the title names → the months it can be issued in (an independent reading of the
# calendar, not the demo's own table).
SEASONS = {
    "元旦": {12},
    "春节": {12, 1, 2},
    "清明": {3, 4},
    "劳动节": {4, 5},
    "端午": {5, 6},
    "中秋": {8, 9},
    "国庆": {9},
    "寒假": {1},
    "暑假": {6, 7},
    "秋季开学": {8},
    "汛期": {4, 5, 6, 7, 8},
    "防汛": {4, 5, 6, 7, 8},
    "冬春": {10, 11, 12, 1, 2},
    "八一": {7, 8},
}
# Figures of a period are published after it ends.
PERIOD_ENDS = {"第一季度": 4, "上半年": 7, "第二季度": 7, "前三季度": 10, "第三季度": 10}
# Whose business a word in a title is: only these agencies may publish it.
STREETS = {"宗关街道", "汉正街道", "古田街道", "韩家墩街道"}
OWNERS = {
    "低保": {"区民政局", *STREETS},
    "招生": {"区教育局"},
    "食品经营许可": {"区市场监管局"},
    "食品安全监督抽检": {"区市场监管局"},
    "退役士兵": {"区退役军人局"},
    "优抚": {"区退役军人局"},
    "房屋征收": {"区住更局"},
    "防汛": {"区应急局", "区政府", "区住更局", *STREETS},
}


@pytest.fixture
def demo(db: None, settings: Any, tmp_path: Any) -> str:
    """``gongkai demo --per-year 4`` on the test database; returns what it printed."""
    settings.HOME = str(tmp_path)  # the demo rebuilds the search index: a throwaway one
    today = timezone.localdate()
    with acting(channel="cli"):
        for year in (today.year - 1, today.year):
            do_load_schedule(
                schedule=bundled_schedule(year), names=holiday_names(year), today=today
            )
    result = CliRunner().invoke(main, ["demo", "--per-year", "4"])
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


def test_the_demo_reads_like_a_real_district(demo: str) -> None:
    today = timezone.localdate()
    entries = list(
        CatalogueEntryPage.objects.filter(live=True).select_related("agency").order_by("pk")
    )
    short = {name: short for _, name, short, _, _ in AGENCIES}
    progress_is_printed(demo)
    bodies_differ_across_entries_and_types(entries)
    agencies_publish_their_own_subjects(entries, short)
    titles_and_dates_agree(entries)
    a_series_has_distinct_titles_in_date_order(entries)
    last_years_entries_carry_attachments(entries, today)
    two_topic_columns_hold_entries()
    attachments_are_public_only_while_their_entry_is()


def progress_is_printed(output: str) -> None:
    lines = output.splitlines()
    phases = [line for line in lines if line.startswith("【") and line.endswith("……")]
    assert [p[:5] for p in phases] == ["【1/5】", "【2/5】", "【3/5】", "【4/5】", "【5/5】"]
    assert sum(line.endswith("秒）。") for line in lines) == 5  # each phase says its time
    for _, name, *_ in AGENCIES:
        assert f"机构：{name}，新建账号6个" in lines
        assert any(line.startswith(f"目录：{name}，发布") for line in lines), name
    assert sum(line.startswith("依申请公开：") for line in lines) >= 5
    assert any(line.startswith("全文检索索引：") for line in lines)
    # Progress comes before the logins, line by line, not at the end in one block.
    assert lines.index(phases[0]) < lines.index(phases[1]) < lines.index(phases[-1])


def bodies_differ_across_entries_and_types(entries: list[CatalogueEntryPage]) -> None:
    bodies = [e.body for e in entries]
    assert len(set(bodies)) == len(bodies)
    # The first two paragraphs that are not headings: no opening shared by many entries.
    openings = Counter(tuple(re.findall(r"<p>(?!<b>)(.*?)</p>", b)[:2]) for b in bodies)
    assert openings.most_common(1)[0][1] <= len(bodies) * 0.05, openings.most_common(3)
    by_type: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        by_type[entry.info_type].append(entry.body)
    assert {
        InfoType.NORMATIVE_DOCUMENT,
        InfoType.OTHER_DOCUMENT,
        InfoType.NOTICE,
        InfoType.NEWS,
        InfoType.STATISTICS,
        InfoType.BUDGET,
        InfoType.PERSONNEL,
        InfoType.PLAN,
        InfoType.PENALTY_DECISION,
        InfoType.LICENSING_DECISION,
    } <= set(by_type)
    # Each type has its own kind of text.
    markers = {
        InfoType.NORMATIVE_DOCUMENT: "第一条",
        InfoType.PENALTY_DECISION: "行政复议",
        InfoType.LICENSING_DECISION: "准予行政许可",
        InfoType.STATISTICS: "同比",
        InfoType.BUDGET: "元",
    }
    for info_type, marker in markers.items():
        assert all(marker in body for body in by_type[info_type]), info_type
    assert not any("第一条" in body for body in by_type[InfoType.NEWS])
    assert all(len(re.sub("<[^>]+>", "", body)) > 120 for body in bodies)
    assert all(e.summary and e.summary != e.title for e in entries)


def agencies_publish_their_own_subjects(
    entries: list[CatalogueEntryPage], short: dict[str, str]
) -> None:
    found = 0
    for word, owners in OWNERS.items():
        publishers = {short[e.agency.name] for e in entries if word in e.title}
        assert publishers <= owners, (word, publishers - owners)
        found += bool(publishers)
    assert found >= len(OWNERS) // 2
    emergency = [e for e in entries if short[e.agency.name] == "区应急局"]
    assert emergency and not any("低保" in e.title + e.body for e in emergency)


def titles_and_dates_agree(entries: list[CatalogueEntryPage]) -> None:
    seasonal = 0
    for entry in entries:
        for word, months in SEASONS.items():
            if word in entry.title:
                seasonal += 1
                assert entry.formed_on.month in months, (entry.title, entry.formed_on)
                assert entry.published_on.month in months, (entry.title, entry.published_on)
        for word, month in PERIOD_ENDS.items():
            if word in entry.title:
                year = int(re.search(r"(\d{4})年", entry.title).group(1))
                assert entry.formed_on >= date(year, month, 1), (entry.title, entry.formed_on)
        for year in re.findall(r"(\d{4})年", entry.title):
            if "元旦" in entry.title:  # announced in the December before
                assert int(year) == entry.formed_on.year + 1, (entry.title, entry.formed_on)
            else:
                assert 0 <= entry.formed_on.year - int(year) <= 1, (entry.title, entry.formed_on)
        assert entry.formed_on <= entry.published_on
    assert seasonal >= 10


def a_series_has_distinct_titles_in_date_order(entries: list[CatalogueEntryPage]) -> None:
    by_agency: dict[int, list[str]] = defaultdict(list)
    series: dict[tuple[int, str], list[CatalogueEntryPage]] = defaultdict(list)
    for entry in entries:
        by_agency[entry.agency_id].append(entry.title)
        if entry.document_number:
            series[(entry.agency_id, series_of(entry.document_number))].append(entry)
    for titles in by_agency.values():
        assert len(set(titles)) == len(titles)
    assert len(series) >= 10
    for members in series.values():
        assert len({e.title for e in members}) == len(members)
        numbers = defaultdict(list)
        for entry in members:
            found = re.search(r"〔(\d{4})〕第?(\d+)号", entry.document_number)
            numbers[int(found.group(1))].append((entry.formed_on, int(found.group(2))))
        for year in numbers.values():
            serials = [n for _, n in sorted(year)]
            assert serials == sorted(serials) and len(set(serials)) == len(serials)


def last_years_entries_carry_attachments(entries: list[CatalogueEntryPage], today: date) -> None:
    recent = [e for e in entries if e.published_on > today - timedelta(days=365)]
    attached = [e for e in recent if e.attachments.exists()]
    assert 0.12 <= len(attached) / len(recent) <= 0.18, (len(attached), len(recent))
    kinds = set()
    for entry in attached:
        for attachment in entry.attachments.select_related("document__collection"):
            document = attachment.document
            kinds.add(document.file_extension)
            assert agency_of_collection(document.collection) == entry.agency
            assert entry.body.count(attachment.title) == 1  # the 附件 note names it
            with document.open_file() as handle:
                text = extract_text(handle.read(), document.filename)
            assert len(text) > 20, document.title
        verdict = ScreeningVerdict.objects.get(revision_id=entry.live_revision_id)
        assert not verdict.blocking and entry.live_revision.content["attachments"]
    assert kinds == {"pdf", "docx", "xlsx"}


def two_topic_columns_hold_entries() -> None:
    topics = TopicColumnPage.objects.live()
    assert topics.count() == 2
    client = Client()
    for topic in topics:
        members = topic.entries.live()
        assert members.exists(), topic.title
        # Created as the operator creates them: theirs to publish.
        assert GroupPagePermission.objects.filter(
            page=topic, permission__codename="publish_page", group__name="角色：平台运营方"
        ).exists()
        page = client.get(topic.url).content.decode()
        assert members.order_by("-published_on", "-pk").first().title in page  # newest first


def attachments_are_public_only_while_their_entry_is() -> None:
    attachment = EntryAttachment.objects.select_related("entry", "document").first()
    document, entry = attachment.document, attachment.entry.specific
    assert Client().get(document.url).status_code == 200
    page = Client().get(entry.url).content.decode()
    assert attachment.title in page and document.url in page
    final = entry.agency.memberships.get(role="final_approver").user
    do_withdraw_entry(entry=entry, user=final, reason="演示：撤回后附件不再公开")
    assert Client().get(document.url).status_code == 404
