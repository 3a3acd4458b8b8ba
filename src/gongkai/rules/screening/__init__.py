"""Pre-publication screening (issue 6 (5)): personal data, secret markings, dictionaries.

Pure Python. ``screen_text`` returns ``Finding`` objects (type, matched text, offsets,
line and column, masked preview, whether it blocks publication, correct form);
``mask_findings`` masks the personal data in one call. Dictionaries are data
(``dictionary.py`` describes the format; defaults in ``data/``).
"""

from gongkai.rules.screening.dictionary import (
    DictionaryEntry,
    DictionaryError,
    ScreeningDictionary,
    default_dictionary,
    parse_dictionary,
)
from gongkai.rules.screening.findings import (
    BLOCKING_TYPES,
    PERSONAL_DATA_TYPES,
    UNREADABLE_REASONS,
    Finding,
    FindingType,
    blocks_publication,
    unreadable_finding,
)
from gongkai.rules.screening.screen import StaleFindingsError, mask_findings, screen_text

__all__ = [
    "BLOCKING_TYPES",
    "PERSONAL_DATA_TYPES",
    "UNREADABLE_REASONS",
    "DictionaryEntry",
    "DictionaryError",
    "Finding",
    "FindingType",
    "ScreeningDictionary",
    "StaleFindingsError",
    "blocks_publication",
    "default_dictionary",
    "mask_findings",
    "parse_dictionary",
    "screen_text",
    "unreadable_finding",
]
