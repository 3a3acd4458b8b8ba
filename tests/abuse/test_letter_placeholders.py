"""Letter templates take plain ``{name}`` placeholders only.

A format specification (``{applicant:中>1000000}``) once rendered a megabyte-wide letter
for 20 s inside the confirming transaction; attribute and index access reach into
Python objects. They are refused when saved, with a Chinese message, and a template
that holds one anyway (saved before this check) is never rendered.
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from gongkai.applications.letters.render import fill_placeholders
from gongkai.applications.models import Application, LetterTemplate
from gongkai.applications.services import intake
from gongkai.applications.services.templates import do_save_letter_template
from tests.test_applications import PERSON, office, officer  # noqa: F401  (office: a fixture)

TODAY = date(2026, 11, 20)  # the date the services run on, never the machine's

HOSTILE = [
    "{applicant:中>1000000}",
    "{applicant:>{receipt_number}}",
    "{applicant!r}",
    "{applicant.__class__}",
    "{applicant[0]}",
    "{0}",
    "{}",
]


@pytest.mark.parametrize("body", HOSTILE)
def test_hostile_placeholders_are_refused_at_save(office: Any, body: str) -> None:  # noqa: F811
    with officer(office), pytest.raises(ValidationError) as refused:
        do_save_letter_template(
            agency=office.a, kind="receipt", title="回执", body=f"您好{body}，已收到。"
        )
    message = " ".join(refused.value.messages)
    assert "占位符" in message and "{名称}" in message, message
    assert not LetterTemplate.objects.exists()


@pytest.mark.parametrize("body", HOSTILE)
def test_a_stored_hostile_template_is_never_rendered(office: Any, body: str) -> None:  # noqa: F811
    LetterTemplate.objects.create(agency=office.a, kind="receipt", title="回执", body=body)
    started = time.monotonic()
    with officer(office), pytest.raises(ValidationError):
        intake.do_register_application(
            today=TODAY,
            agency=office.a,
            channel="in_person",
            received_on=date(2026, 9, 1),
            **PERSON,
        )
    assert time.monotonic() - started < 5
    assert not Application.objects.exists()  # the whole registration rolled back


def test_plain_placeholders_and_doubled_braces_still_work() -> None:
    assert (
        fill_placeholders("{applicant}：{{不是占位符}}", {"applicant": "张三"})
        == "张三：{不是占位符}"
    )
