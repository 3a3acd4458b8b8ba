"""Every page a person reaches from the menus reads in Chinese, for every role.

The test client logs in as each role, starts from the back office's home and its menu,
follows the links it finds (one URL per shape: /admin/pages/7/edit/ stands for every
page's editor), and fails on English in visible text, labels and tooltips. The public
portal is crawled the same way, anonymously. JS-rendered text is the browser suite's
(tests/browser/test_chinese_ui.py).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from lxml import html

from gongkai.agencies.models import AGENCY_ROLES
from tests.english_text import page_english
from tests.portal.conftest import portal  # noqa: F401 (fixture)

# Links that change state on GET, download files, or are not pages.
SKIP = re.compile(
    r"logout|/delete/|/unpublish/|/unlock/|/lock/|/copy/|/move/|jsi18n|/export|"
    r"\.(?:xml|json|csv|xlsx|pdf|docx|zip|png|jpg|ico|txt)$|/documents/\d+/|/media/|"
    r"/feeds/|/api/|/preview|/challenge/|/sitemap-|/display/|/images/\d+/\d+/|/usage/"
)
MAX_PAGES = 120


def shape(path: str) -> str:
    """/admin/pages/17/edit/ and /admin/pages/23/edit/ are the same screen."""
    return re.sub(r"/\d+(?=/|$)", "/<n>", path)


def links(content: bytes, prefix: str) -> Iterable[str]:
    document = html.fromstring(content)
    for href in document.xpath("//a/@href"):
        parts = urlsplit(href)
        if parts.netloc or not parts.path.startswith(prefix):
            continue
        yield parts.path
    # The sidebar menu is JSON for the admin's scripts.
    for script in document.xpath('//script[@type="application/json"]/text()'):
        for path in re.findall(r'"(/admin/[^"?#]*)', script):
            if path.startswith(prefix):
                yield path


def crawl(client: Client, start: list[str], prefix: str, allowed: list[str]) -> dict[str, Any]:
    """URL → English snippets, for the pages under ``prefix`` reachable from ``start``."""
    seen: set[str] = set()
    queue = deque(start)
    problems: dict[str, Any] = {}
    visited = 0
    while queue and visited < MAX_PAGES:
        path = queue.popleft()
        if shape(path) in seen or SKIP.search(path):
            continue
        seen.add(shape(path))
        response = client.get(path)
        visited += 1
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        english = page_english(response.content.decode(), allowed=allowed)
        if english:
            problems[path] = english
        queue.extend(links(response.content, prefix))
    return problems


def usernames(district: Any) -> list[str]:
    platform = (district.operator, district.security_admin, district.audit_admin)
    return [user.username for user in (*district.staff.values(), *platform)]


def test_login_page_is_chinese(client: Client, db: None) -> None:
    response = client.get("/admin/login/")
    assert page_english(response.content.decode()) == []
    response = client.post("/admin/login/", {"username": "nobody", "password": "wrong-pass"})
    assert page_english(response.content.decode()) == []


PLATFORM = ("operator", "security_admin", "audit_admin")


@pytest.mark.parametrize("role", [*(r.value for r in AGENCY_ROLES), *PLATFORM])
def test_back_office_is_chinese_for_every_role(
    client: Client,
    portal: Any,  # noqa: F811
    role: str,
) -> None:
    district = portal.district
    user = getattr(district, role) if role in PLATFORM else district.user("a", role)
    client.force_login(user)
    problems = crawl(client, ["/admin/"], "/admin/", usernames(district))
    assert problems == {}


def test_portal_is_chinese(client: Client, portal: Any) -> None:  # noqa: F811
    problems = crawl(client, ["/", "/catalogue/", "/sitemap/", "/open-data/"], "/", [])
    assert problems == {}


def test_not_found_pages_are_chinese(client: Client, district: Any) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert page_english(response.content.decode()) == []
    client.force_login(district.user("a", "editor"))
    response = client.get("/admin/no-such-screen/")
    assert response.status_code == 404
    assert page_english(response.content.decode()) == []
