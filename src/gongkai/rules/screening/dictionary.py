"""Screening dictionaries: sensitive words, wrong names or titles, typos — as data.

Operators maintain these (issue 6 (5)); the defaults shipped in ``data/`` are a starting
point. One plain-text format serves the shipped files, ``gongkai screen --dictionary``
and, later, an export of the operator's table, so a list can move between them::

    # comment (to the end of the line)
    [sensitive_word]            # or [敏感词]
    仅供内部参考
    [wording_error]             # or [表述错误]: wrong => correct
    国家监察委 => 国家监委  !国家监察委员会
    [typo]                      # or [错别字]
    按装 => 安装  !按装修

``!WORD`` (or ``！WORD``) names an exception: a longer correct phrase that contains the wrong form
(按装修 — "按装修标准" is fine), so the entry does not fire inside it. ``->`` and ``→``
may stand for ``=>``. A later entry for the same term replaces an earlier one, so an
operator's file overrides the defaults.

Matching is one Aho-Corasick automaton over all terms (ahocorasick-rs, leftmost-longest):
one pass over the text whatever the number of terms. A regular-expression alternation
would try the terms one after another at every position, and Python's engine has no
first-character dispatch, so thousands of terms would make it crawl (bench/screening.py
compares the two).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources

from ahocorasick_rs import AhoCorasick, MatchKind

from gongkai.rules.screening.findings import FindingType, Match

DICTIONARY_TYPES = (FindingType.SENSITIVE_WORD, FindingType.WORDING_ERROR, FindingType.TYPO)
SECTION_NAMES = {
    **{str(kind): kind for kind in DICTIONARY_TYPES},
    **{kind.label: kind for kind in DICTIONARY_TYPES},
}
NEEDS_CORRECT_FORM = frozenset({FindingType.WORDING_ERROR, FindingType.TYPO})
MAX_TERM_LENGTH = 50
_ARROW = re.compile(r"\s*(?:=>|->|→)\s*")
_COMMENT = re.compile(r"(?:^|\s)#.*$")
_EXCEPTION_MARK = re.compile(r"[!！]")


class DictionaryError(ValueError):
    """A dictionary file that cannot be read; the message names the line, in Chinese."""


@dataclass(frozen=True, slots=True)
class DictionaryEntry:
    type: FindingType
    term: str
    correct: str | None = None
    exceptions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.type not in DICTIONARY_TYPES:
            raise DictionaryError(f"词库条目类型“{self.type}”不是敏感词、表述错误或错别字。")
        if not self.term or len(self.term) > MAX_TERM_LENGTH or self.term != self.term.strip():
            raise DictionaryError(
                f"词条“{self.term}”无效：不能为空、首尾不能有空格，且不超过{MAX_TERM_LENGTH}字。"
            )
        if self.type in NEEDS_CORRECT_FORM and not self.correct:
            raise DictionaryError(
                f"{self.type.label}词条“{self.term}”缺少正确写法（错误 => 正确）。"
            )
        if self.correct == self.term:
            raise DictionaryError(f"词条“{self.term}”的正确写法与错误写法相同。")
        for exception in self.exceptions:
            if self.term not in exception:
                raise DictionaryError(f"词条“{self.term}”的例外“{exception}”应包含该词条本身。")


class ScreeningDictionary:
    """A set of entries, one per term, and the matcher built from them."""

    def __init__(self, entries: Iterable[DictionaryEntry] = ()) -> None:
        self._entries: dict[str, DictionaryEntry] = {}
        for entry in entries:
            self._entries[entry.term] = entry

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def entries(self) -> tuple[DictionaryEntry, ...]:
        return tuple(self._entries.values())

    def merged(self, *others: ScreeningDictionary) -> ScreeningDictionary:
        """This dictionary with ``others`` laid over it (their entries win)."""
        return ScreeningDictionary(
            [*self.entries, *(entry for other in others for entry in other.entries)]
        )

    @functools.cached_property
    def _automaton(self) -> tuple[AhoCorasick, tuple[DictionaryEntry, ...]] | None:
        if not self._entries:
            return None
        entries = tuple(self._entries.values())
        terms = [entry.term for entry in entries]
        return AhoCorasick(terms, matchkind=MatchKind.LeftmostLongest), entries

    def find(self, text: str) -> Iterator[Match]:
        """Every term in ``text``, longest first at each position, skipping exceptions."""
        if self._automaton is None:
            return
        automaton, entries = self._automaton
        # The automaton takes UTF-8, which has no lone surrogates (a broken UTF-16 pair
        # from a PDF's text layer): one U+FFFD each keeps every offset where it was.
        text = _LONE_SURROGATE.sub("\ufffd", text)
        for index, start, end in automaton.find_matches_as_indexes(text):
            entry = entries[index]
            if any(_inside_exception(text, start, entry.term, x) for x in entry.exceptions):
                continue
            yield Match(entry.type, start, end, correct=entry.correct)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _inside_exception(text: str, start: int, term: str, exception: str) -> bool:
    offset = exception.find(term)
    while offset != -1:
        if offset <= start and text.startswith(exception, start - offset):
            return True
        offset = exception.find(term, offset + 1)
    return False


def parse_dictionary(content: str, *, source: str = "词库") -> ScreeningDictionary:
    """Read the format described in the module docstring; errors name ``source`` and line."""
    entries: list[DictionaryEntry] = []
    section: FindingType | None = None
    for number, raw in enumerate(content.splitlines(), start=1):
        line = _COMMENT.sub("", raw.lstrip("\ufeff")).strip()
        if not line:
            continue
        where = f"{source}第{number}行"
        if line.startswith("[") and line.endswith("]"):
            name = line[1:-1].strip()
            if name not in SECTION_NAMES:
                raise DictionaryError(
                    f"{where}：未知的分类“{name}”，应为 [sensitive_word]/[敏感词]、"
                    "[wording_error]/[表述错误] 或 [typo]/[错别字]。"
                )
            section = SECTION_NAMES[name]
            continue
        if section is None:
            raise DictionaryError(f"{where}：词条前应先写分类，例如 [typo]。")
        body, *exceptions = (part.strip() for part in _EXCEPTION_MARK.split(line))
        term, *rest = _ARROW.split(body, maxsplit=1)
        try:
            entries.append(
                DictionaryEntry(
                    type=section,
                    term=term.strip(),
                    correct=rest[0].strip() if rest else None,
                    exceptions=tuple(x for x in exceptions if x),
                )
            )
        except DictionaryError as error:
            raise DictionaryError(f"{where}：{error}") from None
    return ScreeningDictionary(entries)


DEFAULT_FILES = ("sensitive_words.txt", "wording_errors.txt", "typos.txt")


@functools.cache
def default_dictionary() -> ScreeningDictionary:
    """The lists shipped in ``data/`` (sources noted in each file)."""
    folder = resources.files(__package__) / "data"
    return ScreeningDictionary().merged(
        *(
            parse_dictionary(folder.joinpath(name).read_text("utf-8"), source=name)
            for name in DEFAULT_FILES
        )
    )
