"""The Django side: the catalogue's change feed reaches the index through retried tasks; the CLI."""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from wagtail.models import Page

from gongkai.cli import main
from gongkai.jobs.models import JobRun
from gongkai.portal.setup import ensure_site
from gongkai.search import engine
from gongkai.search.engine import SearchRequest
from gongkai.search.indexing import index_directory, refresh_documents, search
from tests.search.documents import make_doc


@pytest.fixture
def home(settings, tmp_path: Path) -> Iterator[Path]:
    settings.HOME = tmp_path
    yield tmp_path


def _titles(text: str) -> list[str]:
    return [hit.document.title for hit in search(SearchRequest(text=text)).hits]


def _page(title: str, description: str = "") -> Page:
    return ensure_site().add_child(
        instance=Page(title=title, slug=f"p{abs(hash(title))}", search_description=description)
    )


@pytest.mark.django_db
def test_refresh_follows_publication_and_withdrawal(
    home: Path, django_capture_on_commit_callbacks
) -> None:
    page = _page("城乡低保资金发放公示", "本月低保资金已发放")
    with django_capture_on_commit_callbacks(execute=True):
        refresh_documents([str(page.pk)])
    assert _titles("低保") == ["城乡低保资金发放公示"]
    hit = search(SearchRequest(text="低保")).hits[0]
    assert hit.document.url == page.url and "【低保】资金已发放" in hit.snippet.text()

    page.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        refresh_documents([str(page.pk)])
    assert _titles("低保") == []
    assert JobRun.objects.filter(status=JobRun.Status.SUCCEEDED).count() == 2


@pytest.mark.django_db
def test_updates_are_queued_only_when_the_transaction_commits(
    home: Path, django_capture_on_commit_callbacks
) -> None:
    page = _page("预算公开")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        refresh_documents([str(page.pk)])
    assert _titles("预算") == []
    for callback in callbacks:
        callback()
    assert _titles("预算") == ["预算公开"]
    page.delete()
    with django_capture_on_commit_callbacks(execute=True):
        refresh_documents([str(page.pk)])
    assert _titles("预算") == []


@pytest.mark.django_db
def test_an_update_that_cannot_write_is_retried(
    home: Path, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    monkeypatch.setattr(engine, "LOCK_WAIT_SECONDS", 0.1)
    page = _page("预算公开")
    index_directory().mkdir(parents=True)
    with open(index_directory() / "write.lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a running rebuild holds it
        with django_capture_on_commit_callbacks(execute=True):
            refresh_documents([str(page.pk)])
    run = JobRun.objects.get(name__endswith="catch_up")
    assert run.status == JobRun.Status.RETRYING
    assert "正在被其他进程写入" in run.last_error
    assert _titles("预算") == []


@pytest.mark.django_db
def test_cli_reindex_then_query(home: Path) -> None:
    _page("区财政局2024年部门预算公开", "预算公开说明")
    _page("人事任免通知")
    result = CliRunner().invoke(main, ["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "已重建检索索引" in result.output

    result = CliRunner().invoke(main, ["search", "query", "预算", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["total"] == 1
    assert data["hits"][0]["title"] == "区财政局2024年部门预算公开"
    assert set(data["hits"][0]) >= {"index_number", "title", "agency", "published", "snippet"}

    result = CliRunner().invoke(main, ["search", "query", "预箅"])
    assert result.exit_code == 0
    assert "共找到0条" in result.output and "您是不是要找：预算" in result.output


@pytest.mark.django_db
def test_cli_query_text_and_agency_filter(home: Path) -> None:
    from gongkai.search.indexing import search_index

    search_index().index_documents(
        [
            make_doc(1, "低保标准", agency_code="AAA", agency_name="测试区民政局"),
            make_doc(2, "低保名单", agency_code="BBB", agency_name="测试区财政局"),
        ]
    )
    result = CliRunner().invoke(main, ["search", "query", "低保", "--agency", "aaa"])
    assert result.exit_code == 0, result.output
    assert "共找到1条" in result.output
    assert "【低保】标准" in result.output and "测试区民政局" in result.output
    result = CliRunner().invoke(main, ["search", "query", "预" * 101])
    assert result.exit_code == 1 and "检索词过长" in result.output


def test_a_broken_vocabulary_file_keeps_the_last_good_one(home: Path, caplog) -> None:
    from gongkai.search.indexing import search_index, vocabulary_file

    path = vocabulary_file()
    path.parent.mkdir(parents=True)
    path.write_text('{"synonyms": [["医保", "医疗保险"]]}', encoding="utf-8")
    assert search_index().vocabulary.variants("医保") == ("医保", "医疗保险")
    path.write_text('{"synonyms": [["医保"]]}', encoding="utf-8")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert search_index().vocabulary.variants("医保") == ("医保", "医疗保险")
    assert "至少两个" in caplog.text


@pytest.mark.django_db
def test_the_nightly_job_rebuilds_from_the_catalogue_once_the_grams_are_outdated(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gongkai.search import grams
    from gongkai.search.indexing import search_index
    from gongkai.search.jobs import remine_grams

    monkeypatch.setattr(grams, "REMINE_MINIMUM", 2)
    search_index().index_documents([make_doc(1, "预算公开")])
    assert remine_grams.call_local() == "检索索引的高频短语表无需更新"
    search_index().index_documents([make_doc(2, "决算公开")])  # not in the catalogue
    assert "已重建" in remine_grams.call_local()
    # Rebuilt from the database, the source of truth: the stray documents are gone.
    assert _titles("公开") == []
    assert not search_index().grams_outdated()
