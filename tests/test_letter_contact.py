"""Letters name whom to call, from the agency's settings, and quote the request cleanly.

Issue 16.1: an applicant holding a letter must see a contact person and a phone number
(not only an office name), and a request typed as a sentence is quoted without a second
full stop (「…测算依据。”。」).
"""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.agencies.services import do_update_guide_details
from gongkai.applications.services import handling, intake
from gongkai.audit.context import SYSTEM, acting
from tests.test_applications import PERSON, office, officer  # noqa: F401  (fixture)

TODAY = date(2026, 11, 20)  # the date the services run on, never the machine's

pytestmark = pytest.mark.django_db


def test_a_letter_names_the_contact_person_and_phone(office):  # noqa: F811
    with acting(actor=SYSTEM, channel="cli"):
        do_update_guide_details(
            agency=office.a, office_contact="王敏", office_address="京汉大道118号"
        )
    with officer(office):
        receipt = intake.do_register_application(
            today=TODAY,
            agency=office.a,
            channel="in_person",
            received_on=date(2026, 9, 1),
            **{**PERSON, "description": "2024年老旧小区改造资金的测算依据。"},
        )
        answer = handling.do_answer(
            today=TODAY,
            application=receipt.application,
            on=date(2026, 9, 8),
            answer_type="disclosed",
        )
    text = "".join(answer.paragraphs)
    assert "联系人：王敏" in text and "电话：027-12345678" in text
    assert "地址：京汉大道118号" in text
    assert "测算依据”" in text and "。”。" not in text
