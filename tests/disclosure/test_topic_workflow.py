"""Topic columns (专题专栏) go to a workflow whose task has holders (issue 13, The chain).

Before: the operator's new topic column went to Wagtail's default 「Moderators approval」,
whose 「Moderators」 group is empty, and locked there.
"""

from __future__ import annotations

from typing import Any

import lxml.html
from django.test import Client

from gongkai.disclosure.models import CatalogueEntryPage, TopicColumnPage
from gongkai.disclosure.services.topics import TOPIC_TASK_NAME, TOPIC_WORKFLOW_NAME
from tests.disclosure.test_review_chain_http import client_for, edit_form, with_action


def create_form(client: Client, url: str) -> dict[str, Any]:
    document = lxml.html.fromstring(client.get(url).content.decode())
    form = document.xpath("//form[@data-edit-form]")[0]
    data: dict[str, Any] = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value or "")
    return data


def test_operator_topic_column_is_reviewed_by_the_operator_and_published(
    catalogue: Any,
) -> None:
    from gongkai.portal.models import HomePage

    home = HomePage.objects.get()
    operator = client_for(catalogue.operator)
    url = f"/admin/pages/add/disclosure/topiccolumnpage/{home.pk}/"
    data = create_form(operator, url)
    data.update({"title": "优化营商环境专题", "slug": "yingshang", "action-submit": "1"})
    response = operator.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    topic = TopicColumnPage.objects.get(slug="yingshang")
    state = topic.current_workflow_task_state
    assert topic.current_workflow_state.workflow.name == TOPIC_WORKFLOW_NAME
    assert state.task.name == TOPIC_TASK_NAME
    task = state.task.specific
    assert [g.name for g in task.groups.all()] == ["角色：平台运营方"]
    # The operator holds the task (no empty Moderators group), an agency's staff does not.
    assert not task.locked_for_user(topic, catalogue.operator)
    assert task.get_actions(topic, catalogue.user("a", "agency_admin")) == []

    approve = with_action(edit_form(operator, topic.pk), "approve")
    assert operator.post(f"/admin/pages/{topic.pk}/edit/", approve).status_code == 302
    assert TopicColumnPage.objects.get(pk=topic.pk).live


def test_agency_entries_keep_the_three_level_chain(catalogue: Any) -> None:
    from tests.disclosure.test_catalogue import new_entry

    entry = new_entry(catalogue)
    assert isinstance(entry, CatalogueEntryPage)
    assert entry.get_workflow().name == "主动公开三级审核"
