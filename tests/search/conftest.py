"""A fresh index per test, with no vocabulary or with the bundled one."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.search.engine import SearchIndex
from gongkai.search.vocabulary import Vocabulary, load_vocabulary


@pytest.fixture
def index(tmp_path: Path) -> SearchIndex:
    return SearchIndex(tmp_path / "search", Vocabulary())


@pytest.fixture
def vocab_index(tmp_path: Path) -> SearchIndex:
    """An index with the bundled synonyms and hot terms."""
    return SearchIndex(tmp_path / "search", load_vocabulary(None))
