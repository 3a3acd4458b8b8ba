"""The demo's topic columns (专题专栏), created the way the operator creates them.

The operator adds a topic column under the home page and publishes it (the topic
workflow's task is theirs, :mod:`gongkai.disclosure.services.topics`); creating the
page grants its permissions and attaches that workflow. Entries of any agency join it
through their 专题专栏 field — the demo's matters name the column their entries join.
"""

from __future__ import annotations

from typing import Any

from gongkai.demo.subjects import TOPIC_COLUMNS
from gongkai.disclosure.models import CatalogueEntryPage, TopicColumnPage


def build_demo_topics(*, operator: Any) -> dict[str, TopicColumnPage]:
    """The demo's topic columns by slug, created and published by the operator if missing."""
    from gongkai.portal.setup import ensure_site

    home = ensure_site()
    topics = {}
    for title, slug, intro in TOPIC_COLUMNS:
        topic = TopicColumnPage.objects.filter(slug=slug).first()
        if topic is None:
            topic = home.add_child(
                instance=TopicColumnPage(
                    title=title, slug=slug, intro=f"<p>{intro}</p>", owner=operator, live=False
                )
            )
        if not topic.live:
            operator = type(operator).objects.get(pk=operator.pk)  # Wagtail caches rights
            topic.save_revision(user=operator).publish(user=operator)
            topic.refresh_from_db()
        topics[slug] = topic
    return topics


def join_topics(entries: dict[int, str], topics: dict[str, TopicColumnPage]) -> None:
    """Entry pk → topic slug: the entries join their topic columns (bulk, as loaded)."""
    through = CatalogueEntryPage.topics.through
    through.objects.bulk_create(
        through(catalogueentrypage_id=entry, topiccolumnpage_id=topics[slug].pk)
        for entry, slug in entries.items()
    )
