"""The tantivy schema and how a SearchDocument becomes an index document.

Text is indexed as pre-tokenised bigram strings (see tokens.py) in fields that are
not stored; what the reader displays comes back from one stored JSON payload, so the
stored size is paid once per entry rather than per field.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date

import tantivy

from gongkai.search.document import SearchDocument
from gongkai.search.grams import PhraseGrams
from gongkai.search.tokens import reversed_bigrams, tokenize

ID = "id"
REFERENCE = "ref"  # exact 文号 and 索引号, normalised
TITLE = "title_t"
TITLE_GRAMS = "title_g"  # the title's frequent phrases, one token each (grams.py)
TITLE_REVERSED = "title_rev"  # for did-you-mean: bigrams ending with a character
CONTENT = "content_t"  # body, attachment text, 文号, 索引号, agency name
CONTENT_GRAMS = "content_g"
# Where a frequent phrase of a text field is looked up as one term.
GRAMS_OF = {TITLE: TITLE_GRAMS, CONTENT: CONTENT_GRAMS}
AGENCY = "agency"
SUBJECT = "subject"
INFO_TYPE = "info_type"
VALIDITY = "validity"
YEAR = "year"
SORT_KEY = "sort_key"
RECENCY = "recency"
PAYLOAD = "payload"

FACET_FIELDS = (AGENCY, SUBJECT, INFO_TYPE, VALIDITY, YEAR)

# sort_key = day number << 40 | 40 bits of a hash of the id: ordered by publication
# date, unique per entry, so "after this key" is an exact search-after cursor.
_DAY_ZERO = date(1900, 1, 1)
_ID_BITS = 40

# Recency breaks ties inside tantivy (weight_by_field multiplies the score by
# log2(2 + recency)): one day adds ~1.4e-7 of the score, above float32 resolution,
# so equal scores order newest first; a whole decade moves a score by only 0.05%.
_RECENCY_ZERO = date(2000, 1, 1)
RECENCY_PER_DAY = 2e-7

_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "【": "〔", "】": "〕", "(": "〔", ")": "〕"})
_SPACE = re.compile(r"\s+")


def reference_key(text: str) -> str:
    """文号/索引号 as typed or printed, in one form: 硚政办[2021]3号 → 硚政办〔2021〕3号."""
    folded = unicodedata.normalize("NFKC", text).translate(_BRACKETS)
    return _SPACE.sub("", folded).upper()


def sort_key(doc_id: str, published: date) -> int:
    digest = int.from_bytes(hashlib.blake2b(doc_id.encode(), digest_size=5).digest())
    return ((published - _DAY_ZERO).days << _ID_BITS) | digest


def recency(published: date) -> float:
    return max((published - _RECENCY_ZERO).days, 0) * RECENCY_PER_DAY


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field(ID, tokenizer_name="raw", index_option="basic")
    builder.add_text_field(REFERENCE, tokenizer_name="raw", index_option="basic")
    builder.add_text_field(TITLE, tokenizer_name="whitespace")
    builder.add_text_field(TITLE_REVERSED, tokenizer_name="whitespace", index_option="basic")
    builder.add_text_field(CONTENT, tokenizer_name="whitespace")
    for name in GRAMS_OF.values():  # term frequencies for BM25; no positions needed
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    for name in (AGENCY, SUBJECT, INFO_TYPE, VALIDITY):
        builder.add_text_field(name, tokenizer_name="raw", fast=True, index_option="basic")
    builder.add_unsigned_field(YEAR, indexed=True, fast=True)
    builder.add_unsigned_field(SORT_KEY, indexed=True, fast=True)
    builder.add_float_field(RECENCY, fast=True)
    builder.add_bytes_field(PAYLOAD, stored=True)
    return builder.build()


def content_text(doc: SearchDocument) -> str:
    return "\n".join(
        (doc.body, doc.attachment_text, doc.document_number, doc.index_number, doc.agency_name)
    )


def to_index_document(doc: SearchDocument, grams: PhraseGrams) -> tantivy.Document:
    if not doc.id:
        raise ValueError("检索文档缺少编号（id）。")
    indexed = tantivy.Document()
    indexed.add_text(ID, doc.id)
    for reference in (doc.index_number, doc.document_number):
        if reference.strip():
            indexed.add_text(REFERENCE, reference_key(reference))
    indexed.add_text(TITLE, tokenize(doc.title))
    indexed.add_text(TITLE_REVERSED, reversed_bigrams(doc.title))
    content = content_text(doc)
    indexed.add_text(CONTENT, tokenize(content))
    if grams:
        indexed.add_text(TITLE_GRAMS, grams.tokens(doc.title))
        indexed.add_text(CONTENT_GRAMS, grams.tokens(content))
    for name, value in (
        (AGENCY, doc.agency_code),
        (SUBJECT, doc.subject),
        (INFO_TYPE, doc.info_type),
        (VALIDITY, doc.validity),
    ):
        if value:
            indexed.add_text(name, value)
    indexed.add_unsigned(YEAR, doc.year)
    indexed.add_unsigned(SORT_KEY, sort_key(doc.id, doc.published))
    indexed.add_float(RECENCY, recency(doc.published))
    indexed.add_bytes(PAYLOAD, doc.to_json())
    return indexed
