"""Two nodes, one database: what is published on one is found on the other.

Node 1 is this process (its own home; its task worker catches up on commit). Node 2
is ``gongkai search follow`` in another process with another home, as on a second
machine behind the same address. Runs on SQLite (a shared file) and PostgreSQL.
Committed data (the other process reads it) means flushing between tests, so what the
migrations created (Wagtail's root page and locale) is put back by a serialized rollback.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, transaction
from django.utils import timezone

from gongkai.disclosure.services.catalogue import do_withdraw_entry
from gongkai.search.engine import SearchRequest
from gongkai.search.indexing import search
from gongkai.search.models import SearchChange
from tests.portal.catalogue import publish
from tests.search.nodes import FollowerNode, database_url, wait_for

VISIBLE_WITHIN = 5.0  # seconds from commit on node 1 to a hit on node 2


def _local_titles(text: str) -> list[str]:
    results = search(SearchRequest(text=text, limit=100, facets=False))
    return sorted(hit.document.title for hit in results.hits)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_publication_on_one_node_is_found_on_another(
    catalogue: Any, settings: Any, tmp_path: Path
) -> None:
    settings.HOME = tmp_path / "node1"
    settings.HOME.mkdir()
    agency, operator = catalogue.a, catalogue.operator
    row = iter(range(1, 100))

    def publish_one(title: str) -> Any:
        with transaction.atomic():
            return publish(agency, user=operator, row=next(row), title=title)

    node2 = FollowerNode(tmp_path / "node2", database_url(connection.settings_dict), interval=0.2)
    node2.start()
    try:
        assert wait_for(node2.position, timeout=120) is not None, node2.output()

        delays = []
        for n in range(3):
            title = f"关于第{n + 1}批低保资金发放的公示"
            entry = publish_one(title)
            committed = time.monotonic()
            assert wait_for(lambda t=title: t in node2.titles("低保"), timeout=30)
            delays.append(time.monotonic() - committed)
            kept = entry
        assert max(delays) < VISIBLE_WITHIN, delays

        node2.stop()  # node 2 is down while node 1 publishes and withdraws
        before = node2.position()
        withdrawn = publish_one("低保对象名单（已撤回）")
        for n in range(3):
            publish_one(f"第{n + 1}季度低保标准调整通知")
        do_withdraw_entry(entry=withdrawn, user=operator, reason="含个人信息")
        do_withdraw_entry(entry=kept, user=operator, reason="内容有误")
        missed = SearchChange.objects.filter(id__gt=before).count()
        assert missed == 6

        node2.start()
        end = SearchChange.objects.order_by("-id").values_list("id", flat=True).first()
        assert wait_for(lambda: node2.position() == end, timeout=60), node2.output()
        expected = [f"关于第{n}批低保资金发放的公示" for n in (1, 2)] + [
            f"第{n}季度低保标准调整通知" for n in (1, 2, 3)
        ]
        assert node2.titles("低保") == sorted(expected)
        assert _local_titles("低保") == sorted(expected)  # node 1 agrees
        node2.stop()
        log = node2.output()
        # Caught up from its position, not rebuilt: the six changes it missed, applied once.
        assert log.count("重建索引") == 1 and "应用变更6条" in log, log
    finally:
        node2.stop()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite commits changes in the order it numbers them"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_committed_after_a_later_numbered_one_is_not_skipped(
    catalogue: Any, settings: Any, tmp_path: Path
) -> None:
    from gongkai.audit.context import SYSTEM, acting
    from gongkai.disclosure.models import CatalogueEntryPage
    from gongkai.search.indexing import refresh_documents, search_index

    settings.HOME = tmp_path
    agency, operator = catalogue.a, catalogue.operator
    edited = publish(catalogue.b, user=operator, row=1, title="低保标准（征求意见稿）")
    numbered, release = threading.Event(), threading.Event()

    def slow_edit() -> None:
        """An edit whose transaction takes its number first and commits last."""
        try:
            with acting(actor=SYSTEM), transaction.atomic():
                CatalogueEntryPage.objects.filter(pk=edited.pk).update(title="低保标准（正式稿）")
                refresh_documents([str(edited.pk)])
                numbered.set()
                release.wait(timeout=60)
        finally:
            connection.close()

    worker = threading.Thread(target=slow_edit)
    worker.start()
    try:
        assert numbered.wait(timeout=30)
        with transaction.atomic():
            publish(agency, user=operator, row=2, title="低保资金发放公示")
        # The later change is applied at once; the position waits below the running one.
        assert _local_titles("低保") == ["低保标准（征求意见稿）", "低保资金发放公示"]
        position = search_index().position()
        assert position is not None and position.beyond
        held = position.through
    finally:
        release.set()
        worker.join(timeout=60)
    slow = SearchChange.objects.filter(id__gt=held).order_by("id").first()
    assert slow is not None and slow.page_id == edited.pk
    assert _local_titles("低保") == ["低保标准（正式稿）", "低保资金发放公示"]
    position = search_index().position()
    end = SearchChange.objects.order_by("-id").values_list("id", flat=True).first()
    assert position is not None and position.through == end and not position.beyond


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no transaction ids")
@pytest.mark.django_db(transaction=True)
def test_a_writer_has_its_transaction_id_before_its_change_number() -> None:
    """A transaction whose first write is the feed row: its id must exist before
    ``nextval`` runs, else a later-numbered change could settle above it (feed.py).
    The race sits inside one INSERT, so the order of statements is what can be checked."""
    from django.test.utils import CaptureQueriesContext

    from gongkai.search.feed import record_changes

    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        record_changes([1], now=timezone.now())
    statements = [query["sql"] for query in queries.captured_queries]
    first_insert = next(i for i, sql in enumerate(statements) if sql.startswith("INSERT"))
    asked = [i for i, sql in enumerate(statements) if "pg_current_xact_id()" in sql]
    assert asked and asked[0] < first_insert, statements
    row = SearchChange.objects.get()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint")
        (xmax,) = cursor.fetchone()
    assert 0 < row.horizon < xmax  # a real 64-bit id, already assigned
