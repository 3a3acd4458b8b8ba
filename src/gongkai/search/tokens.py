"""Chinese text as search tokens: overlapping character bigrams, plus whole Latin words.

Word segmentation (jieba) misses about 7% of the substrings people type, because a
dictionary cuts 最低生活保障 differently from how a citizen remembers it. Bigrams miss
none: any run of two or more Chinese characters is found as the phrase of its
bigrams, so every substring of every indexed text is searchable.

tantivy's Python bindings cannot run a Python tokenizer inside the index, so text is
pre-tokenised here into space-separated tokens and indexed with tantivy's whitespace
tokenizer; the original text is stored separately for display and snippets. Indexing
a million entries tokenises about a gigabyte of text, so the bigrams are made by C
loops (a regular expression finds the runs, ``map`` pairs their characters).
"""

from __future__ import annotations

import re
import unicodedata

# CJK Unified Ideographs and Extension A: the characters of government text. Latin
# letters and digits form words of their own (文号 years, GB/T).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_RUN = re.compile(f"[{_HAN}]+|[0-9a-z]+")
_HAN_RUN = re.compile(f"[{_HAN}]+")
_HAN_CHAR = re.compile(f"[{_HAN}]")
_HAN_FIRST = "\u3400"  # every run starting at or above it is a Chinese run
# Text that NFKC would change in a way that matters here: full-width letters and
# digits (２０２１), compatibility ideographs.
_NEEDS_NFKC = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uf900-\ufaff]")


def normalize(text: str) -> str:
    """Fold width and case so ２０２１ and 2021, GB and gb are one token."""
    return unicodedata.normalize("NFKC", text).lower()


def fold(text: str) -> str:
    """Text as the index sees it: lower case, NFKC only where it changes the runs.

    Indexing folds a gigabyte of text for a million entries and almost none of it needs
    NFKC (full-width digits and letters, compatibility ideographs), so it is skipped.
    """
    if _NEEDS_NFKC.search(text):
        text = unicodedata.normalize("NFKC", text)
    return text.lower()


def han_runs(folded: str) -> list[str]:
    """The maximal runs of Chinese characters in text already folded."""
    return _HAN_RUN.findall(folded)


def is_cjk(char: str) -> bool:
    return bool(_HAN_CHAR.fullmatch(char))


def runs(text: str) -> list[str]:
    """The maximal runs of Chinese characters or of Latin letters and digits."""
    return _RUN.findall(normalize(text))


def run_tokens(run: str) -> list[str]:
    """A query run as the tokens it must match: the bigrams of a Chinese run."""
    if len(run) < 2 or not is_cjk(run[0]):
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def tokenize(text: str) -> str:
    """The whitespace-separated token string tantivy indexes for ``text``.

    最低生活 becomes "最低 低生 生活 活": the run's last character is kept as a token
    of its own. It keeps one run's bigram chain from continuing into the next run's
    (「…保，保障」 must not match 保保障), and a one-character run is found by it.
    """
    out: list[str] = []
    for run in _RUN.findall(fold(text)):
        if len(run) > 1 and run[0] >= _HAN_FIRST:
            out.append(" ".join(map(str.__add__, run[:-1], run[1:])))
            out.append(run[-1])
        else:
            out.append(run)
    return " ".join(out)


def reversed_bigrams(text: str) -> str:
    """Bigrams written backwards, so suggestions can look up 「?保」 as a prefix 「保?」."""
    return " ".join(token[::-1] for token in tokenize(text).split() if len(token) == 2)
