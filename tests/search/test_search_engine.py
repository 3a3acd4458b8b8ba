"""The search engine's behaviour: what is found, in which order, and how it is shown."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gongkai.search.engine import MAX_LIMIT, SearchIndex, SearchRequest
from gongkai.search.query import MAX_QUERY_LENGTH, Filters, QueryError
from gongkai.search.vocabulary import Vocabulary, VocabularyError, load_vocabulary
from tests.search.documents import found, make_doc


@pytest.mark.parametrize(
    ("word", "text"),
    [
        ("低保", "关于做好城乡低保对象动态管理工作的通知"),
        ("拆迁", "本项目涉及国有土地上房屋拆迁补偿安置方案"),
        ("预算", "区财政局关于2024年部门预算公开的说明"),
    ],
)
def test_two_character_word_is_found_inside_longer_text(
    index: SearchIndex, word: str, text: str
) -> None:
    index.index_documents(
        [make_doc(1, "工作通知", body=text), make_doc(2, "无关的标题", body="与此无关的内容")]
    )
    assert found(index, word) == ["1"]


def test_a_single_character_is_found_at_either_end_of_a_bigram(index: SearchIndex) -> None:
    index.index_documents(
        [
            make_doc(1, "税务公告"),
            make_doc(2, "关于个税的说明"),
            make_doc(3, "税"),
            make_doc(4, "无关"),
        ]
    )
    assert sorted(found(index, "税")) == ["1", "2", "3"]


def test_quoted_phrase_needs_its_characters_together(index: SearchIndex) -> None:
    index.index_documents(
        [
            make_doc(1, "通知", body="提高最低生活保障标准"),
            make_doc(2, "通知", body="最低工资标准和生活补贴"),
        ]
    )
    assert sorted(found(index, "最低 生活")) == ["1", "2"]
    assert found(index, '"最低 生活"') == ["1"]
    assert found(index, "“最低生活”") == ["1"]


def test_a_phrase_does_not_match_across_punctuation(index: SearchIndex) -> None:
    # 「保，保障」 has the bigrams 保 and 保障 next to each other; 「保保障」 is not in it.
    index.index_documents([make_doc(1, "社会保，保障工作"), make_doc(2, "社会保保障工作")])
    assert found(index, "会保保障") == ["2"]


def test_words_are_all_required(index: SearchIndex) -> None:
    index.index_documents([make_doc(1, "低保标准"), make_doc(2, "低保审批流程")])
    assert found(index, "低保 审批") == ["2"]


def test_exact_document_number_ranks_first(index: SearchIndex) -> None:
    index.index_documents(
        [
            make_doc(1, "硚政办关于2021年工作的通知", body="硚政办 2021 3号 硚政办 2021"),
            make_doc(2, "某项工作方案", document_number="硚政办〔2021〕3号"),
            make_doc(3, "硚政办〔2021〕3号文件的解读", body="解读硚政办〔2021〕3号"),
        ]
    )
    for typed in ("硚政办〔2021〕3号", "硚政办[2021]3号", " 硚政办（2021）3号 "):
        assert found(index, typed)[0] == "2", typed


def test_exact_index_number_ranks_first(index: SearchIndex) -> None:
    code = "11420104MB1234567X/2024-00012"
    index.index_documents(
        [make_doc(1, "2024年工作要点", body="2024 00012"), make_doc(2, "通知", index_number=code)]
    )
    assert found(index, code.lower())[0] == "2"


def test_title_match_ranks_above_body_match(index: SearchIndex) -> None:
    index.index_documents(
        [
            make_doc(1, "年度工作总结", body="预算" * 50),
            make_doc(2, "2024年预算公开", body="详见附件"),
        ]
    )
    assert found(index, "预算") == ["2", "1"]


def test_recency_breaks_ties(index: SearchIndex) -> None:
    index.index_documents(
        [
            make_doc(1, "低保标准调整通知", published=date(2020, 5, 1)),
            make_doc(2, "低保标准调整通知", published=date(2024, 5, 1)),
            make_doc(3, "低保标准调整通知", published=date(2022, 5, 1)),
        ]
    )
    assert found(index, "低保") == ["2", "3", "1"]


def test_sort_by_date_is_newest_first_whatever_the_score(index: SearchIndex) -> None:
    index.index_documents(
        [
            make_doc(1, "低保", body="低保" * 20, published=date(2020, 1, 1)),
            make_doc(2, "通知", body="提到一次低保", published=date(2024, 1, 1)),
        ]
    )
    assert found(index, "低保", sort="relevance") == ["1", "2"]
    assert found(index, "低保", sort="date") == ["2", "1"]


def test_filters_and_facet_counts(index: SearchIndex) -> None:
    index.index_documents(
        [
            make_doc(1, "预算公开", agency_code="A", subject="财政", published=date(2023, 1, 1)),
            make_doc(2, "预算执行", agency_code="A", subject="财政", published=date(2024, 1, 1)),
            make_doc(3, "预算说明", agency_code="B", subject="教育", validity="废止"),
            make_doc(4, "人事任免", agency_code="B", subject="人事"),
        ]
    )
    results = index.search(SearchRequest(text="预算"))
    assert results.total == 3
    assert dict(results.facets["agency"]) == {"A": 2, "B": 1}
    assert dict(results.facets["subject"]) == {"财政": 2, "教育": 1}
    assert dict(results.facets["validity"]) == {"有效": 2, "废止": 1}
    assert dict(results.facets["year"]) == {2023: 1, 2024: 2}

    assert sorted(found(index, "预算", filters=Filters(agency=("A",)))) == ["1", "2"]
    assert found(index, "预算", filters=Filters(agency=("A",), year=(2023,))) == ["1"]
    assert found(index, "预算", filters=Filters(validity=("废止",))) == ["3"]
    assert sorted(found(index, "", filters=Filters(agency=("B",)))) == ["3", "4"]
    filtered = index.search(SearchRequest(text="预算", filters=Filters(subject=("财政", "教育"))))
    assert filtered.total == 3


def _all_pages(index: SearchIndex, text: str, sort: str, limit: int) -> list[list[str]]:
    pages, after = [], None
    while True:
        results = index.search(SearchRequest(text=text, sort=sort, limit=limit, after=after))
        pages.append([hit.document.id for hit in results.hits])
        after = results.next_cursor
        if after is None:
            return pages


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_search_after_pages_are_disjoint_and_consecutive(index: SearchIndex, sort: str) -> None:
    # Many entries with equal text and some with equal dates: ties everywhere.
    docs = [
        make_doc(
            i,
            "关于低保资金发放的公示" if i % 3 else "低保资金",
            body="低保" * (i % 4 + 1),
            published=date(2020 + i % 5, 1 + i % 12, 1),
        )
        for i in range(57)
    ]
    index.index_documents(docs)
    single = found(index, "低保", sort=sort, limit=MAX_LIMIT)
    pages = _all_pages(index, "低保", sort, limit=10)
    assert [len(page) for page in pages] == [10, 10, 10, 10, 10, 7]
    flat = [doc_id for page in pages for doc_id in page]
    assert flat == single
    assert len(set(flat)) == 57


def test_pages_stay_disjoint_when_entries_are_published_in_between(index: SearchIndex) -> None:
    index.index_documents(
        make_doc(i, "预算公开", published=date(2023, 1, 1 + i)) for i in range(20)
    )
    first = index.search(SearchRequest(text="预算", sort="date", limit=10))
    index.index_documents([make_doc(99, "预算公开", published=date(2024, 1, 1))])
    second = index.search(
        SearchRequest(text="预算", sort="date", limit=10, after=first.next_cursor)
    )
    seen = {hit.document.id for hit in first.hits}
    assert not seen & {hit.document.id for hit in second.hits}
    assert len(seen | {hit.document.id for hit in second.hits}) == 20


@pytest.mark.parametrize("token", ["garbage", "eyJvIjoiZGF0ZSJ9", "x" * 500, "e30"])
def test_a_forged_cursor_is_refused_in_chinese(index: SearchIndex, token: str) -> None:
    index.index_documents([make_doc(1, "预算")])
    with pytest.raises(QueryError, match="翻页参数无效"):
        index.search(SearchRequest(text="预算", after=token))


def test_snippets_escape_html_from_documents_and_queries(index: SearchIndex) -> None:
    index.index_documents(
        [
            make_doc(
                1,
                "<b>低保</b>名单",
                body="前言" * 40 + '<script>alert("x")</script>城乡低保对象&名单' + "结尾" * 80,
            )
        ]
    )
    results = index.search(SearchRequest(text="<b>低保"))
    hit = results.hits[0]
    assert hit.title.html() == "<mark>&lt;b&gt;低保</mark>&lt;/b&gt;名单"
    snippet = hit.snippet.html()
    assert "<script>" not in snippet and "<img" not in snippet
    assert "alert(&quot;x&quot;)&lt;/script&gt;城乡<mark>低保</mark>对象&amp;名单" in snippet
    assert snippet.startswith("…") and snippet.endswith("…")
    assert hit.snippet.text().count("【低保】") == 1


def test_snippet_falls_back_to_attachment_text(index: SearchIndex) -> None:
    index.index_documents(
        [make_doc(1, "通知", body="正文没有该词", attachment_text="附件：拆迁补偿标准表")]
    )
    hit = index.search(SearchRequest(text="拆迁")).hits[0]
    assert hit.snippet.text() == "附件：【拆迁】补偿标准表"


def test_delete_removes_from_results(index: SearchIndex) -> None:
    index.index_documents([make_doc(1, "预算公开"), make_doc(2, "预算执行")])
    index.delete_documents(["1", "no-such-id"])
    assert found(index, "预算") == ["2"]


def test_reindexing_a_document_replaces_it(index: SearchIndex) -> None:
    index.index_documents([make_doc(1, "预算公开")])
    index.index_documents([make_doc(1, "决算公开")])
    assert found(index, "预算") == []
    assert found(index, "决算") == ["1"]


def test_a_reader_in_another_process_sees_writes_after_commit(tmp_path: Path) -> None:
    reader = SearchIndex(tmp_path / "search")
    writer = SearchIndex(tmp_path / "search")
    assert found(reader, "预算") == []
    writer.index_documents([make_doc(1, "预算公开")])
    assert found(reader, "预算") == ["1"]
    writer.delete_documents(["1"])
    assert found(reader, "预算") == []
    writer.rebuild([make_doc(2, "预算执行"), make_doc(3, "决算")])
    assert found(reader, "预算") == ["2"]
    assert [p.name for p in (tmp_path / "search").glob("g*")] == [reader._generation]


def test_rebuild_reports_progress_and_leaves_the_old_index_on_failure(index: SearchIndex) -> None:
    index.index_documents([make_doc(1, "预算公开")])
    steps: list[int] = []

    def broken():
        yield make_doc(2, "决算")
        raise RuntimeError("数据库中断")

    with pytest.raises(RuntimeError):
        index.rebuild(broken(), progress=steps.append)
    assert found(index, "预算") == ["1"]
    assert index.rebuild([make_doc(3, "决算"), make_doc(4, "决算")], progress=steps.append) == 2
    assert found(index, "预算") == []
    # A step per document indexed: the failed run broke while reading its sample.
    assert steps == [1, 1]


def test_did_you_mean_for_a_query_that_finds_nothing(index: SearchIndex) -> None:
    index.index_documents(
        [
            make_doc(1, "2024年部门预算公开"),
            make_doc(2, "区财政局预算执行情况"),
            make_doc(3, "城乡低保标准"),
        ]
    )
    results = index.search(SearchRequest(text="预箅"))
    assert results.total == 0 and results.suggestion == "预算"
    assert index.search(SearchRequest(text="低报 标准")).suggestion == "低保 标准"
    assert index.search(SearchRequest(text="算预")).suggestion == "预算"
    assert index.search(SearchRequest(text="预算")).suggestion is None
    assert index.search(SearchRequest(text="量子引力")).suggestion is None


def test_synonyms_find_each_other(vocab_index: SearchIndex) -> None:
    vocab_index.index_documents(
        [
            make_doc(1, "关于提高城乡最低生活保障标准的通知"),
            make_doc(2, "低保对象名单公示"),
            make_doc(3, "房屋征收补偿方案"),
        ]
    )
    assert sorted(found(vocab_index, "低保")) == ["1", "2"]
    assert sorted(found(vocab_index, "最低生活保障")) == ["1", "2"]
    assert found(vocab_index, "拆迁") == ["3"]
    hit = vocab_index.search(SearchRequest(text="拆迁")).hits[0]
    assert hit.title.text() == "【房屋征收】补偿方案"


def test_operator_vocabulary_file_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "vocabulary.json"
    path.write_text('{"synonyms": [["低保"]], "hot_terms": []}', encoding="utf-8")
    with pytest.raises(VocabularyError, match="至少两个"):
        load_vocabulary(path)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(VocabularyError, match="无法读取"):
        load_vocabulary(path)
    path.write_text('{"synonyms": [["医保", "医疗保险"]], "hot_terms": ["医保"]}', "utf-8")
    vocabulary = load_vocabulary(path)
    assert vocabulary.variants("医疗保险") == ("医疗保险", "医保")
    assert vocabulary.hot_terms == ("医保",)
    assert Vocabulary().variants("医保") == ("医保",)


def test_bad_requests_are_refused_in_chinese(index: SearchIndex) -> None:
    index.index_documents([make_doc(1, "预算")])
    with pytest.raises(QueryError, match="检索词过长"):
        index.search(SearchRequest(text="预" * (MAX_QUERY_LENGTH + 1)))
    with pytest.raises(QueryError, match="每页条数"):
        index.search(SearchRequest(text="预算", limit=0))
    with pytest.raises(QueryError, match="排序方式"):
        index.search(SearchRequest(text="预算", sort="random"))


@pytest.mark.parametrize("text", ["，。！", "\\", "*", "(", '"', "AND OR NOT", "预算 -拆迁"])
def test_query_syntax_characters_are_just_text(index: SearchIndex, text: str) -> None:
    index.index_documents([make_doc(1, "预算")])
    index.search(SearchRequest(text=text))


def test_an_empty_index_answers_with_nothing(index: SearchIndex) -> None:
    results = index.search(SearchRequest(text="预算"))
    assert results.hits == [] and results.total == 0 and results.next_cursor is None
