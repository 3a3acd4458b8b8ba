"""Synonyms and hot terms: operator data, read from a JSON file.

Citizens search 低保 for what documents call 最低生活保障, and 拆迁 for 房屋征收;
the operator knows these pairs, so they are data, not code. The file is a plain
structure so the operator can edit it by hand (and a later admin model can write it):

    {"synonyms": [["低保", "最低生活保障"], ["拆迁", "房屋征收"]],
     "hot_terms": ["低保", "预算"]}

Each synonym group is symmetric: searching any member finds all of them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gongkai.search.tokens import normalize

BUNDLED = Path(__file__).with_name("data") / "vocabulary.json"


class VocabularyError(ValueError):
    """The operator's vocabulary file cannot be used; the message says why, in Chinese."""


@dataclass(frozen=True)
class Vocabulary:
    synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    hot_terms: tuple[str, ...] = ()

    def variants(self, word: str) -> tuple[str, ...]:
        """``word`` and its synonyms, ``word`` first."""
        return (word, *self.synonyms.get(word, ()))

    @classmethod
    def from_data(cls, data: Any, *, source: str = "词表") -> Vocabulary:
        if not isinstance(data, dict):
            raise VocabularyError(f"{source}应为一个 JSON 对象。")
        groups = data.get("synonyms", [])
        hot = data.get("hot_terms", [])
        if not isinstance(groups, list) or not all(
            isinstance(g, list) and len(g) >= 2 and all(isinstance(t, str) and t.strip() for t in g)
            for g in groups
        ):
            raise VocabularyError(f"{source}中 synonyms 应为同义词组的列表，每组至少两个非空词。")
        if not isinstance(hot, list) or not all(isinstance(t, str) and t.strip() for t in hot):
            raise VocabularyError(f"{source}中 hot_terms 应为非空字符串的列表。")
        synonyms: dict[str, list[str]] = {}
        for group in groups:
            terms = list(dict.fromkeys(normalize(t.strip()) for t in group))
            for term in terms:
                known = synonyms.setdefault(term, [])
                known.extend(t for t in terms if t != term and t not in known)
        return cls(
            synonyms={term: tuple(others) for term, others in synonyms.items()},
            hot_terms=tuple(dict.fromkeys(t.strip() for t in hot)),
        )


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """The operator's file at ``path`` if it exists, else the bundled defaults."""
    source = path if path is not None and path.exists() else BUNDLED
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise VocabularyError(f"无法读取检索词表 {source}：{error}") from None
    return Vocabulary.from_data(data, source=f"检索词表 {source}")
