"""The operator's screening dictionary reaches every screening of the platform."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from gongkai.disclosure.models import ScreeningTerm
from gongkai.disclosure.screening import platform_dictionary, screen_entry
from gongkai.rules.screening import screen_text
from tests.disclosure.test_catalogue import new_entry


def test_operator_terms_are_found_in_entries(catalogue: Any) -> None:
    ScreeningTerm.objects.create(
        kind="wording_error", term="测试区长张某", correct="测试区区长张某"
    )
    entry = new_entry(catalogue, body="<p>测试区长张某出席会议并讲话。</p>")
    [finding] = [f.finding for f in screen_entry(entry) if f.finding.type == "wording_error"]
    assert finding.text == "测试区长张某" and finding.correct == "测试区区长张某"
    assert not finding.blocking


def test_term_needs_its_correct_form(db: None) -> None:
    with pytest.raises(ValidationError, match="缺少正确写法"):
        ScreeningTerm(kind="typo", term="按装").full_clean()


def test_only_the_operator_edits_the_dictionary(catalogue: Any, client: Any) -> None:
    client.force_login(catalogue.user("a", "agency_admin"))
    assert client.get("/admin/screening_terms/").status_code in (302, 403)
    client.force_login(catalogue.operator)
    assert client.get("/admin/screening_terms/").status_code == 200
    response = client.post(
        "/admin/screening_terms/new/",
        {"kind": "sensitive_word", "term": "会议纪要初稿", "correct": "", "note": "未定稿"},
    )
    assert response.status_code == 302
    assert ScreeningTerm.objects.filter(term="会议纪要初稿").exists()


def test_the_kept_dictionary_follows_every_edit(db: None) -> None:
    def flagged(text: str) -> list[str]:
        return [f.text for f in screen_text(text, dictionary=platform_dictionary())]

    term = ScreeningTerm.objects.create(kind="sensitive_word", term="会议纪要初稿")
    other = ScreeningTerm.objects.create(kind="sensitive_word", term="征求意见稿")
    assert flagged("附会议纪要初稿一份") == ["会议纪要初稿"]
    term.term = "内部草稿"
    term.save()
    assert flagged("附会议纪要初稿一份") == []
    assert flagged("附内部草稿一份") == ["内部草稿"]
    other.delete()
    assert flagged("附征求意见稿一份") == []
    term.delete()
    assert flagged("附内部草稿一份") == []
