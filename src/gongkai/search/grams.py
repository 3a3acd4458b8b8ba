"""Frequent phrases indexed as single tokens, so a broad phrase needs no position checks.

A run of Chinese characters is found as the phrase of its bigrams, and a phrase query
checks positions in every entry holding all of those bigrams. Boilerplate — 政府信息公开,
为进一步加强, 如对本公示内容有异议 — is in a large share of a catalogue, and at a million
entries checking its positions costs a hundred milliseconds or more per query, while
one term's postings cost a few. (Lucene's CommonGrams answers the same problem for
pairs of stop words.) The expensive strings are the frequent ones, so they are mined
from the catalogue when the index is rebuilt: every run of MIN_LENGTH–MAX_LENGTH
Chinese characters found in at least MIN_SHARE of a sample of entries.

Every occurrence of such a string in an entry's content is indexed as one token of a
field without positions (overlapping matches included), so that token finds exactly
the entries whose content contains the string: a query word that is a frequent gram
becomes one term lookup with the same matches as its phrase. Only cost changes.

The list is fixed per index generation (``grams.json`` in it): entries indexed later
use the same list, and a word not on it is matched by bigram phrase as before. An index
that started empty and grew entry by entry has no list; once it holds REMINE_MINIMUM
entries, or REMINE_FACTOR times as many as when its list was mined, the nightly job
(jobs.py) rebuilds it so the list follows the catalogue.
"""

from __future__ import annotations

import json
import logging
import math
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ahocorasick_rs import AhoCorasick

from gongkai.search.tokens import fold, han_runs

MIN_LENGTH = 3  # two characters are one bigram term already
MAX_LENGTH = 10
MIN_SHARE = 0.005  # of the sampled entries
MIN_ENTRIES = 20  # below this a phrase is cheap whatever its share
SAMPLE_SIZE = 20_000
FILE_NAME = "grams.json"

logger = logging.getLogger(__name__)
# Below this many entries every phrase is cheap; above it, mine again at each doubling.
REMINE_MINIMUM = 1_000
REMINE_FACTOR = 2


def mine(
    texts: Iterable[str], *, min_share: float = MIN_SHARE, min_entries: int = MIN_ENTRIES
) -> list[str]:
    """The strings of MIN_LENGTH–MAX_LENGTH characters that many of ``texts`` contain.

    Level by level: a string of n characters can be frequent only if both its first
    and its last n-1 characters are, so each level looks only where the last one
    left frequent strings, and the work stays near one pass per level.
    """
    documents = [[r for r in han_runs(fold(text)) if len(r) >= MIN_LENGTH] for text in texts]
    threshold = max(math.ceil(min_share * len(documents)), min_entries)
    found: list[str] = []
    frequent: set[str] | None = None
    for length in range(MIN_LENGTH, MAX_LENGTH + 1):
        counts: Counter[str] = Counter()
        for doc_runs in documents:
            seen: set[str] = set()
            for run in doc_runs:
                for start in range(len(run) - length + 1):
                    gram = run[start : start + length]
                    if frequent is None or (gram[:-1] in frequent and gram[1:] in frequent):
                        seen.add(gram)
            counts.update(seen)
        frequent = {gram for gram, count in counts.items() if count >= threshold}
        if not frequent:
            break
        found.extend(sorted(frequent))
    return found


class PhraseGrams:
    """One generation's frequent grams: what to index, and which query runs use them."""

    def __init__(self, grams: Iterable[str] = (), *, entries: int = 0) -> None:
        self.words = frozenset(grams)
        self.entries = entries  # how many the index held when the list was mined
        self._automaton: AhoCorasick | None = None  # built on first use: readers never need it

    def __len__(self) -> int:
        return len(self.words)

    def tokens(self, text: str) -> str:
        """Every occurrence of every gram in ``text``, space-separated."""
        if not self.words:
            return ""
        if self._automaton is None:
            self._automaton = AhoCorasick(sorted(self.words))
        return " ".join(self._automaton.find_matches_as_strings(fold(text), overlapping=True))

    def outdated(self, entries_now: int) -> bool:
        """Whether the index has grown enough since mining that the list may be stale."""
        return entries_now >= max(REMINE_MINIMUM, REMINE_FACTOR * self.entries)

    def save(self, directory: Path) -> None:
        path = Path(directory) / FILE_NAME
        temporary = path.with_suffix(".tmp")
        data = {"entries": self.entries, "grams": sorted(self.words)}
        temporary.write_text(json.dumps(data, ensure_ascii=False))
        temporary.replace(path)

    @classmethod
    def load(cls, directory: Path) -> PhraseGrams:
        """The generation's grams; none for an index never rebuilt or an unreadable list.

        The list only saves work: without it every word is a bigram phrase with the
        same matches, so a damaged file costs speed, never answers, and the nightly
        job (which then sees no mined entries) rebuilds it.
        """
        path = Path(directory) / FILE_NAME
        try:
            data = json.loads(path.read_text())
            return cls(data["grams"], entries=int(data["entries"]))
        except FileNotFoundError:
            return cls()
        except (ValueError, KeyError, TypeError) as error:
            logger.error("检索索引的高频短语表%s无法读取（%r），暂按短语检索。", path, error)
            return cls()
