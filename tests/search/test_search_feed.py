"""The catalogue's change feed: written with the change, followed by each node's index."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, transaction
from django.utils import timezone

from gongkai.disclosure.services.catalogue import do_withdraw_entry
from gongkai.search import feed, source
from gongkai.search.engine import SearchRequest
from gongkai.search.follow import catch_up
from gongkai.search.indexing import rebuild, search, search_index
from gongkai.search.models import SearchChange
from gongkai.search.position import FeedPosition
from tests.portal.catalogue import publish


@pytest.fixture
def node(catalogue: Any, settings: Any, tmp_path: Path) -> Iterator[Any]:
    """A district with its catalogue, and this process's index in a home of its own."""
    settings.HOME = tmp_path
    yield catalogue


def _titles(text: str) -> list[str]:
    return sorted(hit.document.title for hit in search(SearchRequest(text=text)).hits)


def _publish(district: Any, title: str, row: int) -> Any:
    return publish(district.a, user=district.operator, row=row, title=title)


def _rewind_position_to(through: int) -> None:
    """As if the node had stopped (or crashed) right after applying change ``through``."""
    with search_index().updating() as update:
        update.apply(position=FeedPosition(through))


@pytest.mark.django_db
def test_the_change_is_recorded_in_the_publishing_transaction(node: Any) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        _publish(node, "关于调整城乡低保标准的通知", 1)
        assert SearchChange.objects.count() == 1
        raise RuntimeError("the publication fails after the page was published")
    assert not SearchChange.objects.exists()

    entry = _publish(node, "关于调整城乡低保标准的通知", 1)
    do_withdraw_entry(entry=entry, user=node.operator, reason="内容有误")
    assert list(SearchChange.objects.values_list("page_id", flat=True)) == [entry.pk, entry.pk]


@pytest.mark.django_db
def test_the_index_follows_publications_and_withdrawals_after_commit(
    node: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        kept = _publish(node, "城乡低保资金发放公示", 1)
        withdrawn = _publish(node, "低保对象名单公示", 2)
    assert _titles("低保") == ["低保对象名单公示", "城乡低保资金发放公示"]
    with django_capture_on_commit_callbacks(execute=True):
        do_withdraw_entry(entry=withdrawn, user=node.operator, reason="含个人信息")
    assert _titles("低保") == [kept.title]
    assert catch_up().applied == 0  # nothing new: repeated catch-ups change nothing


@pytest.mark.django_db
def test_a_crash_before_the_position_is_stored_applies_the_changes_again(node: Any) -> None:
    rebuild()
    start = search_index().position()
    assert start is not None
    _publish(node, "城乡低保资金发放公示", 1)
    assert catch_up().applied == 1
    _rewind_position_to(start.through)  # the index commit landed, the position did not
    assert catch_up().applied == 1
    assert _titles("低保") == ["城乡低保资金发放公示"]


@pytest.mark.django_db
def test_changes_made_during_a_rebuild_are_applied_after_it(
    node: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = _publish(node, "城乡低保资金发放公示", 1)
    read = source.catalogue_documents

    def read_then_withdraw(ids: Any = None) -> Iterator[Any]:
        yield from read(ids)
        # The catalogue has been read; the entry is withdrawn before the rebuild ends.
        do_withdraw_entry(entry=entry, user=node.operator, reason="内容有误")

    monkeypatch.setattr(source, "catalogue_documents", read_then_withdraw)
    rebuild()
    monkeypatch.undo()
    assert _titles("低保") == ["城乡低保资金发放公示"]  # the rebuild read it while published
    # SQLite: the withdrawal is the one change to apply. PostgreSQL: this test's own
    # transaction is still open, so nothing it wrote is settled (feed.py) and the rebuild
    # follows from before both; applying the publication again is harmless.
    assert catch_up().applied == (1 if connection.vendor == "sqlite" else 2)
    assert _titles("低保") == []


@pytest.mark.django_db
def test_a_node_without_a_position_or_behind_a_restored_database_rebuilds(node: Any) -> None:
    _publish(node, "城乡低保资金发放公示", 1)
    assert catch_up().rebuilt is not None  # a new node: nothing to follow from yet
    assert catch_up().rebuilt is None
    _publish(node, "低保对象名单公示", 2)
    catch_up()
    SearchChange.objects.all().delete()  # the database was restored from before the feed
    assert catch_up().rebuilt is not None


@pytest.mark.django_db
def test_pruning_keeps_what_a_live_node_needs_and_a_passed_node_rebuilds(node: Any) -> None:
    now = timezone.now()
    rebuild()
    before = search_index().position()
    assert before is not None
    for row, title in enumerate(["城乡低保资金发放公示", "低保对象名单公示", "低保标准"], 1):
        _publish(node, title, row)
    SearchChange.objects.update(created_at=now - feed.RETENTION - timedelta(days=1))
    catch_up()
    _rewind_position_to(before.through)  # this node stopped before the three changes

    # Another node applied them; this one, seen just now, has not: nothing it needs goes.
    feed.report_position(node="other", label="other", position=feed.feed_end(), now=now)
    feed.report_position(node="this", label="this", position=before.through, now=now)
    assert feed.prune(now=now) == 0
    assert catch_up().rebuilt is None
    assert len(_titles("低保")) == 3

    # Silent for longer than the retention: it is forgotten, and passed.
    _rewind_position_to(before.through)
    feed.report_position(
        node="this", label="this", position=before.through, now=now - feed.RETENTION * 2
    )
    assert feed.prune(now=now) == 2  # the newest change is always kept
    assert feed.pruned_through() > before.through
    assert catch_up().rebuilt is not None
    assert _titles("低保") == ["低保对象名单公示", "低保标准", "城乡低保资金发放公示"]
