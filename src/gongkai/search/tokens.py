"""Chinese text as search tokens: overlapping character bigrams, plus whole Latin words.

Word segmentation (jieba) misses about 7% of the substrings people type, because a
dictionary cuts 最低生活保障 differently from how a citizen remembers it. Bigrams miss
none: any run of two or more Chinese characters is found as the phrase of its
bigrams, so every substring of every indexed text is searchable.

tantivy's Python bindings cannot run a Python tokenizer inside the index, so text is
pre-tokenised here into space-separated tokens and indexed with tantivy's whitespace
tokenizer; the original text is stored separately for display and snippets.
"""

from __future__ import annotations

import re
import unicodedata

# CJK Unified Ideographs, Extension A and the compatibility block: the characters of
# government text. Latin letters and digits form words of their own (文号 years, GB/T).
_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9a-z]+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# Emitted between two runs when the first ends with the character the second starts
# with (「…保，保…」). Without it the bigram chain of 「…保保…」 would continue across
# the comma and a phrase query would match text that does not contain it.
BOUNDARY = "|"


def normalize(text: str) -> str:
    """Fold width and case so ２０２１ and 2021, GB and gb are one token."""
    return unicodedata.normalize("NFKC", text).lower()


def is_cjk(char: str) -> bool:
    return bool(_CJK.fullmatch(char))


def runs(text: str) -> list[str]:
    """The maximal runs of Chinese characters or of Latin letters and digits."""
    return _RUN.findall(normalize(text))


def run_tokens(run: str) -> list[str]:
    """One run as tokens: bigrams of a Chinese run, the word itself otherwise."""
    if len(run) < 2 or not is_cjk(run[0]):
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def tokenize(text: str) -> str:
    """The whitespace-separated token string tantivy indexes for ``text``."""
    out: list[str] = []
    previous = ""
    for run in runs(text):
        if previous and previous[-1] == run[0]:
            out.append(BOUNDARY)
        out.extend(run_tokens(run))
        previous = run
    return " ".join(out)


def reversed_bigrams(text: str) -> str:
    """Bigrams written backwards, so suggestions can look up 「?保」 as a prefix 「保?」."""
    return " ".join(
        token[::-1]
        for run in runs(text)
        if is_cjk(run[0]) and len(run) > 1
        for token in run_tokens(run)
    )
