"""What a person typed, as words and phrases, and as the tantivy query that ranks them.

Ranking, from the issue: an exact 文号 or 索引号 match first, then entries whose
title holds every word, then body relevance (BM25); recency breaks ties (see
schema.RECENCY_PER_DAY). Each band is a constant far above the next, so no amount
of body relevance lifts an entry over a title match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import tantivy

from gongkai.search import schema as f
from gongkai.search.tokens import is_cjk, normalize, run_tokens, runs
from gongkai.search.vocabulary import Vocabulary

MAX_QUERY_LENGTH = 100
REFERENCE_BONUS = 1_000_000.0
TITLE_BONUS = 1_000.0
TITLE_WEIGHT = 2.0

# "…", “…”, 「…」 and 『…』 mark a phrase: its characters must appear together.
_PHRASE = re.compile(r'"([^"]*)"|“([^”]*)”|「([^」]*)」|『([^』]*)』')
_SPACE = re.compile(r"\s+")


class QueryError(ValueError):
    """A query that cannot be run; the message names what is wrong, in Chinese."""


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # as typed, stripped
    words: tuple[str, ...]  # normalised; each must occur as a contiguous string

    @property
    def is_empty(self) -> bool:
        return not self.words and not self.text


def parse(text: str) -> ParsedQuery:
    text = (text or "").strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"检索词过长：最多{MAX_QUERY_LENGTH}个字，现有{len(text)}个字。")
    words: list[str] = []
    for match in _PHRASE.finditer(text):
        phrase = _SPACE.sub("", next(g for g in match.groups() if g is not None))
        words.append(normalize(phrase))
    words.extend(normalize(word) for word in _SPACE.split(_PHRASE.sub(" ", text)))
    kept = tuple(dict.fromkeys(w for w in words if runs(w)))
    return ParsedQuery(text=text, words=kept)


def _run_query(
    schema: tantivy.Schema, field: str, run: str, grams: frozenset[str]
) -> tantivy.Query:
    if run in grams:  # the same matches as the phrase, without positions to check
        return tantivy.Query.term_query(schema, f.GRAMS_OF[field], run)
    tokens = run_tokens(run)
    if len(tokens) == 1:
        return tantivy.Query.term_query(schema, field, tokens[0])
    return tantivy.Query.phrase_query(schema, field, tokens)


def _single_character(schema: tantivy.Schema, field: str, char: str) -> tantivy.Query:
    # No unigram is indexed inside longer runs: one character is found as the first
    # or second half of a bigram, or as a run of its own.
    escaped = re.escape(char)
    return tantivy.Query.regex_query(schema, field, f"{escaped}.?|.{escaped}")


def word_runs(word: str) -> list[str]:
    """The runs an entry must contain to match ``word``.

    A lone character beside other runs (the 号 of 3号) is left out: it adds cost and
    no recall. A word that is one character keeps it.
    """
    parts = runs(word)
    return [p for p in parts if not (len(p) == 1 and is_cjk(p))] or parts


def _word_in_field(
    schema: tantivy.Schema, field: str, word: str, grams: frozenset[str]
) -> tantivy.Query | None:
    parts = word_runs(word)
    if len(parts) == 1 and len(parts[0]) == 1 and is_cjk(parts[0]):
        return _single_character(schema, field, parts[0])
    if not parts:
        return None
    clauses = [_run_query(schema, field, p, grams) for p in parts]
    if len(clauses) == 1:
        return clauses[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, c) for c in clauses])


def _any(queries: list[tantivy.Query]) -> tantivy.Query:
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])


def _all(queries: list[tantivy.Query]) -> tantivy.Query:
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in queries])


def word_query(
    schema: tantivy.Schema,
    field: str,
    word: str,
    vocabulary: Vocabulary,
    grams: frozenset[str],
) -> tantivy.Query | None:
    """``word`` or any of its synonyms in ``field``; ``grams`` are the index's (grams.py)."""
    variants = [
        q
        for v in vocabulary.variants(word)
        if (q := _word_in_field(schema, field, v, grams)) is not None
    ]
    return _any(variants) if variants else None


def build(
    schema: tantivy.Schema,
    parsed: ParsedQuery,
    vocabulary: Vocabulary,
    grams: frozenset[str],
) -> tantivy.Query:
    """The ranked query: exact reference, else every word in the title or the content."""
    exact = tantivy.Query.const_score_query(
        tantivy.Query.term_query(schema, f.REFERENCE, f.reference_key(parsed.text)),
        REFERENCE_BONUS,
    )
    in_title: list[tantivy.Query] = []
    in_either: list[tantivy.Query] = []
    for word in parsed.words:
        title = word_query(schema, f.TITLE, word, vocabulary, grams)
        content = word_query(schema, f.CONTENT, word, vocabulary, grams)
        if title is None or content is None:
            continue
        in_title.append(title)
        in_either.append(_any([tantivy.Query.boost_query(title, TITLE_WEIGHT), content]))
    if not in_either:
        return exact
    text = tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, q) for q in in_either]
        + [(tantivy.Occur.Should, tantivy.Query.const_score_query(_all(in_title), TITLE_BONUS))]
    )
    return _any([exact, text])


@dataclass(frozen=True)
class Filters:
    """Facet filters; several values of one facet mean any of them."""

    agency: tuple[str, ...] = ()
    subject: tuple[str, ...] = ()
    info_type: tuple[str, ...] = ()
    validity: tuple[str, ...] = ()
    year: tuple[int, ...] = ()

    def queries(self, schema: tantivy.Schema) -> list[tantivy.Query]:
        out = []
        for name, values in (
            (f.AGENCY, self.agency),
            (f.SUBJECT, self.subject),
            (f.INFO_TYPE, self.info_type),
            (f.VALIDITY, self.validity),
        ):
            if values:
                out.append(tantivy.Query.term_set_query(schema, name, list(values)))
        if self.year:
            out.append(tantivy.Query.term_set_query(schema, f.YEAR, list(self.year)))
        return out


def restrict(query: tantivy.Query, filters: list[tantivy.Query]) -> tantivy.Query:
    """``query`` limited by ``filters``, which match without changing the score."""
    if not filters:
        return query
    return tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, query)]
        + [(tantivy.Occur.Must, tantivy.Query.const_score_query(q, 0.0)) for q in filters]
    )
