"""Precision and recall per finding type on the labelled corpus (corpus/README.md).

A finding counts as a true positive only with the labelled type and exact span. Both
figures must be at least 0.95 for every type; the table is printed with the results
(and quoted in the README).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from gongkai.rules.screening import FindingType, screen_text

CORPUS = Path(__file__).parent / "corpus"
LABEL = re.compile(r"⟦([a-z_]+):(.+?)⟧")
THRESHOLD = 0.95
TODAY = date(2026, 5, 1)


@dataclass(frozen=True)
class Labelled:
    text: str
    expected: frozenset[tuple[str, int, int]]  # (type, start, end)


def read_labelled(raw: str) -> Labelled:
    """Strip ⟦type:text⟧ labels, remembering where each labelled text ends up."""
    parts: list[str] = []
    expected = set()
    position = 0
    length = 0
    for label in LABEL.finditer(raw):
        kind, inner = label.groups()
        FindingType(kind)  # a typo in a label fails loudly
        before = raw[position : label.start()]
        parts.append(before)
        length += len(before)
        expected.add((kind, length, length + len(inner)))
        parts.append(inner)
        length += len(inner)
        position = label.end()
    parts.append(raw[position:])
    return Labelled("".join(parts), frozenset(expected))


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def score_corpus() -> tuple[dict[str, Score], list[str]]:
    scores = {str(kind): Score() for kind in FindingType}
    mistakes: list[str] = []
    for path in sorted(CORPUS.glob("*.txt")):
        labelled = read_labelled(path.read_text(encoding="utf-8"))
        found = {(str(f.type), f.start, f.end) for f in screen_text(labelled.text, today=TODAY)}
        for kind, start, end in found | labelled.expected:
            snippet = labelled.text[start:end]
            if (kind, start, end) in found and (kind, start, end) in labelled.expected:
                scores[kind].tp += 1
            elif (kind, start, end) in found:
                scores[kind].fp += 1
                mistakes.append(f"false positive {kind} {snippet!r} in {path.name}")
            else:
                scores[kind].fn += 1
                mistakes.append(f"missed {kind} {snippet!r} in {path.name}")
    return scores, mistakes


def test_labels_parse() -> None:
    labelled = read_labelled("甲⟦mobile:13812345678⟧乙⟦typo:按装⟧")
    assert labelled.text == "甲13812345678乙按装"
    assert labelled.expected == {("mobile", 1, 12), ("typo", 13, 15)}


def test_corpus_has_enough_of_every_type() -> None:
    counts: Counter[str] = Counter()
    for path in CORPUS.glob("*.txt"):
        counts.update(kind for kind, _, _ in read_labelled(path.read_text("utf-8")).expected)
    # Unreadable files are findings about a file, not about text: the corpus is text.
    text_kinds = [kind for kind in FindingType if kind is not FindingType.UNREADABLE]
    assert min(counts[str(kind)] for kind in text_kinds) >= 10, counts


def test_precision_and_recall_per_type(capsys: pytest.CaptureFixture[str]) -> None:
    scores, mistakes = score_corpus()
    table = [f"{'type':<15}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>8}"]
    for kind, score in scores.items():
        table.append(
            f"{kind:<15}{score.tp:>5}{score.fp:>5}{score.fn:>5}"
            f"{score.precision:>11.3f}{score.recall:>8.3f}"
        )
    with capsys.disabled():
        print("\nscreening corpus, precision and recall per type:")
        print("\n".join(table + mistakes))
    for kind, score in scores.items():
        assert score.precision >= THRESHOLD, (kind, mistakes)
        assert score.recall >= THRESHOLD, (kind, mistakes)
