"""Wrong codes against one receipt number slow strangers down without locking out its applicant.

Past a few failures on a number from anywhere, every lookup of that number needs a solved
challenge; there is no hard block for the number, so the applicant with the right code
always gets through. An address that keeps guessing is still blocked outright.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from captcha.models import CaptchaStore
from django.test import Client

from gongkai.applications.public.throttle import CHALLENGE_AFTER_PER_NUMBER, FAILURES_PER_CLIENT
from tests.test_public_applications import submitted

pytestmark = pytest.mark.django_db


def _track(client: Client, number: str, code: str, ip: str, **extra: str) -> Any:
    data = {"receipt_number": number, "query_code": code, **extra}
    return client.post("/track/", data, REMOTE_ADDR=ip)


def _answer(html: str) -> dict[str, str]:
    key = re.search(r'name="challenge_0" value="([0-9a-f]+)"', html)
    assert key is not None, html
    return {
        "challenge_0": key.group(1),
        "challenge_1": CaptchaStore.objects.get(hashkey=key.group(1)).response,
    }


def test_a_hammered_number_asks_for_a_challenge_not_a_block(client: Client, district: Any) -> None:
    application, code = submitted(client, district.a)
    number = application.receipt_number
    for n in range(CHALLENGE_AFTER_PER_NUMBER * 10):  # a botnet, one guess per address
        _track(Client(), number, "WRONGCODE2", ip=f"192.0.2.{n + 1}")

    applicant = Client()
    asked = _track(applicant, number, code, ip="198.51.100.7")
    html = asked.content.decode()
    assert asked.status_code == 200
    assert "请完成验证" in html
    assert "待确认" not in html  # the right code alone is not enough while the number is hot

    answered = _track(applicant, number, code, ip="198.51.100.7", **_answer(html))
    assert answered.status_code == 200
    assert "待确认" in answered.content.decode()


def test_a_wrong_answer_is_refused_and_a_new_challenge_shown(client: Client, district: Any) -> None:
    application, code = submitted(client, district.a)
    for n in range(CHALLENGE_AFTER_PER_NUMBER):
        _track(Client(), application.receipt_number, "WRONGCODE2", ip=f"192.0.2.{n + 1}")
    html = _track(client, application.receipt_number, code, ip="198.51.100.7").content.decode()
    wrong = {**_answer(html), "challenge_1": "-1"}

    again = _track(client, application.receipt_number, code, ip="198.51.100.7", **wrong)

    assert "待确认" not in again.content.decode()
    assert "验证答案不正确" in again.content.decode()
    assert 'name="challenge_0"' in again.content.decode()


def test_other_numbers_need_no_challenge(client: Client, district: Any) -> None:
    application, code = submitted(client, district.a)
    for n in range(CHALLENGE_AFTER_PER_NUMBER + 3):
        _track(Client(), "YSQ2026000099999", "WRONGCODE2", ip=f"192.0.2.{n + 1}")
    assert (
        "待确认"
        in _track(client, application.receipt_number, code, "198.51.100.7").content.decode()
    )


def test_one_address_guessing_is_still_blocked(client: Client, district: Any) -> None:
    application, code = submitted(client, district.a)
    for _ in range(FAILURES_PER_CLIENT):
        _track(client, "YSQ2026000099999", "WRONGCODE2", ip="203.0.113.9")
    assert _track(client, application.receipt_number, code, ip="203.0.113.9").status_code == 429
