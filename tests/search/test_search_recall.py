"""Property: bigram search finds exactly the titles that contain the query.

Over a small alphabet (so characters repeat, runs touch across punctuation and
bigrams recur at run boundaries), any substring of two or more Chinese characters
of an indexed title is found, and no title without the query string is.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.search.engine import MAX_LIMIT, SearchIndex
from gongkai.search.vocabulary import Vocabulary
from tests.search.documents import found, make_doc

HAN = "低保预算拆迁公开政府信息"
RUN = re.compile(f"[{HAN}]+")

titles = st.lists(
    st.text(alphabet=HAN + "，。 0a", min_size=1, max_size=16), min_size=1, max_size=8
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title_list=titles, data=st.data())
def test_a_query_finds_exactly_the_titles_containing_it(
    tmp_path: Path, title_list: list[str], data: st.DataObject
) -> None:
    # tmp_path is shared by all examples: each gets a directory of its own.
    index = SearchIndex(Path(tempfile.mkdtemp(dir=tmp_path)), Vocabulary())
    index.index_documents(make_doc(i, title) for i, title in enumerate(title_list))
    runs = [run for title in title_list for run in RUN.findall(title) if len(run) > 1]
    if runs and data.draw(st.booleans()):  # a substring of a title, or any string
        run = data.draw(st.sampled_from(runs))
        start = data.draw(st.integers(0, len(run) - 2))
        query = run[start : data.draw(st.integers(start + 2, len(run)))]
    else:
        query = data.draw(st.text(alphabet=HAN, min_size=2, max_size=5))
    expected = {str(i) for i, title in enumerate(title_list) if query in title}
    assert set(found(index, query, limit=MAX_LIMIT)) == expected
