"""Frequent grams: mined at rebuild, indexed as single tokens, invisible in the results.

The property that matters: a word looked up as one gram term finds exactly the
entries a bigram phrase finds — the entries whose text contains it — so the grams
change what a query costs and never what it finds.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.search import grams as grams_module
from gongkai.search.engine import MAX_LIMIT, SearchIndex
from gongkai.search.grams import FILE_NAME, MAX_LENGTH, PhraseGrams, mine
from gongkai.search.vocabulary import Vocabulary
from tests.search.documents import found, make_doc

HAN = "政府信息公开工作"
RUN = re.compile(f"[{HAN}]+")
# Boilerplate glued to random characters, with and without punctuation between, so
# frequent grams of every length recur, touch each other and cross run boundaries.
FRAGMENTS = ["政府信息公开", "信息公开工作", "公开", "开工作信", "政府"]


def _text(rng: random.Random, parts: int) -> str:
    out = []
    for _ in range(parts):
        out.append(rng.choice(FRAGMENTS) if rng.random() < 0.7 else rng.choice(HAN))
        out.append(rng.choice(["", "", "，", "。"]))
    return "".join(out)


def _corpus(count: int, seed: int) -> list[tuple[str, str]]:
    """(title, body) pairs; titles hold the same boilerplate, looked up in their own field."""
    rng = random.Random(seed)
    return [(_text(rng, rng.randint(1, 3)), _text(rng, rng.randint(2, 7))) for _ in range(count)]


CORPUS = _corpus(MAX_LIMIT - 10, seed=7)


def _holding(query: str) -> set[str]:
    """Ids of the entries whose title or body contains ``query`` (never across the two)."""
    return {str(i) for i, (title, body) in enumerate(CORPUS) if query in title or query in body}


@pytest.fixture(scope="module")
def mined(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    index = SearchIndex(tmp_path_factory.mktemp("grams") / "search", Vocabulary())
    index.rebuild(make_doc(i, title, body) for i, (title, body) in enumerate(CORPUS))
    return index


def test_mining_keeps_the_strings_many_entries_hold() -> None:
    texts = ["为进一步加强管理，现通知如下"] * 30 + ["罕见的一句话出现"] * 5
    grams = set(mine(texts, min_share=0.0, min_entries=20))
    assert {"为进一步加强管理", "进一步", "加强管理", "现通知如下"} <= grams
    assert not any("罕见" in gram for gram in grams)
    assert all(3 <= len(gram) <= MAX_LENGTH for gram in grams)
    assert not any("，" in gram for gram in grams)  # grams never cross punctuation


def test_mining_a_long_run_stops_at_the_longest_gram() -> None:
    grams = mine(["甲乙丙丁戊己庚辛壬癸子丑寅卯"] * 25, min_share=0.0, min_entries=20)
    assert max(len(gram) for gram in grams) == MAX_LENGTH


def test_every_overlapping_occurrence_becomes_a_token() -> None:
    grams = PhraseGrams(["政府信息", "信息公开", "政府信息公开"])
    tokens = grams.tokens("依据政府信息公开条例，信息公开").split()
    assert sorted(tokens) == sorted(["政府信息", "政府信息公开", "信息公开", "信息公开"])
    assert PhraseGrams().tokens("政府信息公开") == ""


def test_the_rebuild_mines_grams_and_keeps_them_with_the_generation(
    mined: SearchIndex,
) -> None:
    grams = mined.reader()[1]
    assert {"政府信息公开", "信息公开工作"} <= grams
    generation = mined.directory / (mined.directory / "current").read_text()
    assert PhraseGrams.load(generation).words == grams
    assert set(found(mined, '"政府信息公开"', limit=MAX_LIMIT)) == _holding("政府信息公开")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_gram_lookup_finds_exactly_what_the_phrase_finds(
    mined: SearchIndex, data: st.DataObject
) -> None:
    runs = [run for doc in CORPUS for text in doc for run in RUN.findall(text) if len(run) > 1]
    if data.draw(st.booleans()):  # a substring of some entry, or any string
        run = data.draw(st.sampled_from(runs))
        start = data.draw(st.integers(0, len(run) - 2))
        query = run[start : data.draw(st.integers(start + 2, min(len(run), start + 12)))]
    else:
        query = data.draw(st.text(alphabet=HAN, min_size=2, max_size=8))
    assert set(found(mined, f'"{query}"', limit=MAX_LIMIT)) == _holding(query)


def test_entries_indexed_after_the_rebuild_get_the_generation_grams(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "search", Vocabulary())
    index.rebuild(make_doc(i, "通知", "为进一步加强管理，现通知如下") for i in range(25))
    assert "进一步加强" in index.reader()[1]
    index.index_documents([make_doc("new", "公告", "必须进一步加强监督")])
    assert "new" in found(index, "进一步加强", limit=MAX_LIMIT)
    assert "new" not in found(index, "进一步加强管理", limit=MAX_LIMIT)


@pytest.mark.parametrize("damage", ["missing", "not json", '["进一步加强"]', '{"grams": 1}'])
def test_an_index_without_a_readable_grams_file_still_finds_by_phrase(
    tmp_path: Path, damage: str
) -> None:
    """The list only saves work: without it a word is a bigram phrase, same matches."""
    directory = tmp_path / "search"
    SearchIndex(directory, Vocabulary()).rebuild(
        make_doc(i, "通知", "为进一步加强管理" if i % 2 else "其他内容") for i in range(50)
    )
    generation = directory / (directory / "current").read_text()
    if damage == "missing":
        (generation / FILE_NAME).unlink()
    else:
        (generation / FILE_NAME).write_text(damage)
    fresh = SearchIndex(directory, Vocabulary())
    assert fresh.reader()[1] == frozenset()
    assert sorted(found(fresh, "进一步加强", limit=MAX_LIMIT), key=int) == [
        str(i) for i in range(1, 50, 2)
    ]


def test_an_index_grown_entry_by_entry_asks_for_mining_at_the_threshold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(grams_module, "REMINE_MINIMUM", 4)
    index = SearchIndex(tmp_path / "search", Vocabulary())
    assert not index.grams_outdated()  # nothing indexed yet
    index.index_documents(make_doc(i, "通知") for i in range(3))
    assert not index.grams_outdated()
    index.index_documents([make_doc(3, "通知")])
    assert index.grams_outdated()  # four entries, never mined
    index.rebuild(make_doc(i, "通知") for i in range(5))
    assert not index.grams_outdated()  # mined at five: again at ten
    index.index_documents(make_doc(i, "通知") for i in range(5, 9))
    assert not index.grams_outdated()
    index.index_documents([make_doc(9, "通知")])
    assert index.grams_outdated()
