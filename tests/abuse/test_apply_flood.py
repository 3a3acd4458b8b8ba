"""One address cannot flood the agencies' queues: a challenge past a few filings an hour,
then a refusal; other addresses are not affected."""

from __future__ import annotations

import re
from typing import Any

import pytest
from captcha.models import CaptchaStore
from django.conf import settings
from django.test import Client

from gongkai.applications.models import Application
from tests.test_public_applications import apply_url, person

pytestmark = pytest.mark.django_db

FREE_FILINGS = settings.GONGKAI_FILINGS_FREE_PER_HOUR
MAX_FILINGS = settings.GONGKAI_FILINGS_MAX_PER_HOUR


def _page(client: Client, agency: Any, ip: str) -> str:
    return client.get(apply_url(agency), REMOTE_ADDR=ip).content.decode()


def _file(client: Client, agency: Any, ip: str, *, solve: bool = True, n: int = 0) -> Any:
    html = _page(client, agency, ip)
    data = person(description=f"某文件第{n}号")
    token = re.search(r'name="submission_token" value="([^"]+)"', html)
    data["submission_token"] = token.group(1) if token else ""
    key = re.search(r'name="challenge_0" value="([0-9a-f]+)"', html)
    if key is not None:
        data["challenge_0"] = key.group(1)
        answer = CaptchaStore.objects.get(hashkey=key.group(1)).response
        data["challenge_1"] = answer if solve else "-1"
    return client.post(apply_url(agency), data, REMOTE_ADDR=ip)


def test_the_first_filings_need_no_challenge(client: Client, district: Any) -> None:
    for n in range(FREE_FILINGS):
        assert 'name="challenge_0"' not in _page(client, district.a, "203.0.113.5")
        assert _file(client, district.a, "203.0.113.5", n=n).status_code == 302
    assert 'name="challenge_0"' in _page(client, district.a, "203.0.113.5")
    assert 'name="challenge_0"' not in _page(client, district.a, "198.51.100.1")


def test_past_the_threshold_a_filing_needs_the_challenge(client: Client, district: Any) -> None:
    for n in range(FREE_FILINGS):
        _file(client, district.a, "203.0.113.5", n=n)

    unsolved = _file(client, district.a, "203.0.113.5", solve=False, n=100)
    assert unsolved.status_code == 200
    assert "验证答案不正确" in unsolved.content.decode()
    assert Application.objects.count() == FREE_FILINGS

    assert _file(client, district.a, "203.0.113.5", n=101).status_code == 302
    assert Application.objects.count() == FREE_FILINGS + 1


def test_a_flood_is_refused_after_the_limit(client: Client, district: Any) -> None:
    for n in range(MAX_FILINGS):
        assert _file(client, district.a, "203.0.113.5", n=n).status_code == 302
    refused = client.get(apply_url(district.a), REMOTE_ADDR="203.0.113.5")
    posted = _file(client, district.b, "203.0.113.5", n=999)
    assert refused.status_code == posted.status_code == 429
    assert "提交过于频繁" in refused.content.decode()
    assert Application.objects.count() == MAX_FILINGS
    assert _file(client, district.a, "198.51.100.1", n=1000).status_code == 302
