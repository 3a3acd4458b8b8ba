""" "Did you mean": a one-character correction drawn from the titles' own bigrams.

When a query finds nothing, each word that finds nothing is tried with one
character replaced, dropped or swapped with its neighbour; a variant qualifies when
every bigram of it occurs in some title, and the variant found in most titles wins.
Operator hot terms and synonyms are tried first: they are what people look for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import tantivy

from gongkai.search import schema as f
from gongkai.search.tokens import is_cjk, run_tokens
from gongkai.search.vocabulary import Vocabulary

CANDIDATES_PER_POSITION = 30
VARIANTS_CHECKED = 8


def _within_one_edit(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diffs) == 1 or (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _neighbours(searcher: tantivy.Searcher, word: str) -> Iterable[str]:
    for i in range(len(word)):
        if i > 0:  # bigrams starting with the previous character
            found = searcher.terms_with_prefix(f.TITLE, word[i - 1], limit=CANDIDATES_PER_POSITION)
            chars = [t[1] for t, _ in found if len(t) == 2]
        else:  # bigrams ending with the next character, read backwards
            found = searcher.terms_with_prefix(
                f.TITLE_REVERSED, word[1], limit=CANDIDATES_PER_POSITION
            )
            chars = [t[1] for t, _ in found if len(t) == 2]
        for char in chars:
            if char != word[i]:
                yield word[:i] + char + word[i + 1 :]
    if len(word) > 2:
        for i in range(len(word)):
            yield word[:i] + word[i + 1 :]
    for i in range(len(word) - 1):
        yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _plausible(searcher: tantivy.Searcher, word: str) -> int:
    """The rarest bigram's title frequency: zero when some bigram is in no title."""
    return min(searcher.doc_freq(f.TITLE, token) for token in run_tokens(word))


def correct_word(
    searcher: tantivy.Searcher,
    word: str,
    vocabulary: Vocabulary,
    count: Callable[[str], int],
) -> str | None:
    """A variant of ``word`` one edit away that finds entries, or None."""
    if len(word) < 2 or not all(is_cjk(c) for c in word):
        return None
    known = [t for t in (*vocabulary.hot_terms, *vocabulary.synonyms) if _within_one_edit(word, t)]
    for term in known:
        if count(term):
            return term
    scored = {v: _plausible(searcher, v) for v in dict.fromkeys(_neighbours(searcher, word))}
    best = sorted((v for v in scored if scored[v] > 0), key=lambda v: -scored[v])
    found = [(count(v), v) for v in best[:VARIANTS_CHECKED]]
    found = [(n, v) for n, v in found if n > 0]
    return max(found)[1] if found else None
