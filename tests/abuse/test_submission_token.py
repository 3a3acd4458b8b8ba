"""The submission token is the server's, bound to this browser and to what was typed.

It makes a retried POST (double click, lost response) file once; it must not let anyone
else's browser — or a made-up token — reach an application, nor mint a new query code.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from gongkai.applications.models import Application
from tests.test_public_applications import apply_url, person, submit, track

pytestmark = pytest.mark.django_db


def _form_token(client: Client, agency: Any) -> str:
    html = client.get(apply_url(agency)).content.decode()
    found = re.search(r'name="submission_token" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def _code(client: Client, response: Any) -> str | None:
    page = client.get(response["Location"]).content.decode()
    found = re.search(r'id="query-code">([A-Z0-9]+)<', page)
    return found.group(1) if found else None


def test_a_replay_in_the_same_browser_files_once_and_mints_no_new_code(
    client: Client, district: Any
) -> None:
    data = person(submission_token=_form_token(client, district.a))
    first = submit(client, district.a, data)
    code = _code(client, first)
    stored = Application.objects.get()

    again = submit(client, district.a, data)

    assert again.status_code == 302
    assert Application.objects.count() == 1
    assert Application.objects.get().query_code_hash == stored.query_code_hash
    receipt = client.get(again["Location"]).content.decode()
    assert stored.receipt_number in receipt and 'id="query-code"' not in receipt
    assert code is not None
    assert "待确认" in track(client, stored.receipt_number, code).content.decode()


def test_another_browser_replaying_the_token_reaches_nothing(district: Any) -> None:
    applicant, stranger = Client(), Client()
    data = person(submission_token=_form_token(applicant, district.a))
    code = _code(applicant, submit(applicant, district.a, data))
    number = Application.objects.get().receipt_number
    hash_before = Application.objects.get().query_code_hash

    stranger.get(apply_url(district.a))
    replay = submit(stranger, district.a, data)

    # A stranger with the same token and the same data files their own application;
    # they never see the applicant's receipt, and the applicant's code still works.
    if replay.status_code == 302:
        page = stranger.get(replay["Location"]).content.decode()
        assert number not in page
    assert Application.objects.get(receipt_number=number).query_code_hash == hash_before
    assert "待确认" in track(applicant, number, code).content.decode()


@pytest.mark.parametrize("token", ["A" * 40, "", "forged:signature"])
def test_a_token_the_server_did_not_issue_is_refused(
    client: Client, district: Any, token: str
) -> None:
    client.get(apply_url(district.a))
    response = submit(client, district.a, person(submission_token=token))
    html = response.content.decode()
    assert response.status_code == 200
    assert "页面已过期" in html
    assert not Application.objects.exists()
    fresh = re.search(r'name="submission_token" value="([^"]+)"', html)
    assert fresh is not None and fresh.group(1) != token
    assert submit(client, district.a, person(submission_token=fresh.group(1))).status_code == 302


def test_the_same_token_with_other_content_is_another_application(
    client: Client, district: Any
) -> None:
    token = _form_token(client, district.a)
    submit(client, district.a, person(submission_token=token))
    submit(client, district.a, person(submission_token=token, description="另一份政府信息的名称"))
    assert Application.objects.count() == 2


def test_a_browser_without_the_submitter_cookie_is_asked_again(district: Any) -> None:
    client = Client()
    token = _form_token(client, district.a)
    client.cookies.pop("gongkai_submitter")
    response = submit(client, district.a, person(submission_token=token))
    assert response.status_code == 200 and "页面已过期" in response.content.decode()
    assert not Application.objects.exists()
