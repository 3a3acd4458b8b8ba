"""The isolation matrix (issue 17.1): every URL pattern × every role, with agency b's ids.

Each role — anonymous, an applicant of agency a holding their query code, each staff
role of agency a, the operator and the security and audit administrators — requests
every URL the project has (``routes``), with agency b's object ids in the arguments, by
GET and by POST. No response may carry agency b's markers (``world``), and agency b's
rows are the same afterwards. The three platform roles run the platform: they may see
(the operator change) b's content, never an applicant's personal data.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from gongkai.agencies.models import AGENCY_ROLES
from tests.isolation.routes import (
    EXCLUDED,
    EXPLICIT,
    KNOWN_CRASHES,
    all_routes,
    unresolved,
    urls_for,
)
from tests.isolation.world import World, snapshot_b

# The platform's three administrators (三员分立) run the platform, not agencies' cases:
# like the operator they may see content and configuration, never an applicant's data.
PLATFORM = ("operator", "security_admin", "audit_admin")
ROLES = ["anonymous", "applicant", *(role.value for role in AGENCY_ROLES), *PLATFORM]
DENIED = {302, 400, 403, 404, 405}


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _client(world: World, role: str) -> Client:
    client = Client()
    if role in PLATFORM:
        client.force_login(getattr(world.district, role))
    elif role != "anonymous" and role != "applicant":
        client.force_login(world.district.user("a", role))
    if role == "applicant":
        unlocked = client.post("/track/", world.applicant)
        assert unlocked.status_code == 200 and b"QXB" not in unlocked.content
    return client


def _post_data(world: World) -> dict[str, Any]:
    """What every POST carries: agency b's ids under the names forms use for them."""
    b = world.b
    return {
        "application": [b["waiting"].pk, b["application"].pk],
        "id": [b["page"].pk],
        "page": b["page"].pk,
        "document": b["document"].pk,
        "image": b["image"].pk,
        "letter": b["letter"].pk,
        "agency": world.district.b.pk,
        "user": world.district.user("b", "editor").pk,
        "reason": "跨机构测试",
        "title": "被篡改",
    }


def _request(client: Client, method: str, url: str, data: Any) -> tuple[int, bytes, str]:
    """One request in a savepoint of its own: a failing one cannot abort the test's
    transaction (PostgreSQL), and what it wrote before failing is undone."""
    try:
        with transaction.atomic():
            response = client.get(url) if method == "get" else client.post(url, data)
            return response.status_code, _body(response), ""
    except Exception as error:
        return 500, b"", f"{type(error).__name__}: {error}"[:300]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_no_url_leaks_or_changes_agency_b_data(world: World, role: str) -> None:
    personal_only = role in PLATFORM
    markers = world.markers(personal_only=personal_only, case_numbers=role != "audit_admin")
    before = snapshot_b(world, personal_only=personal_only)
    client = _client(world, role)
    user_id = client.session.get("_auth_user_id")
    leaks, crashes, requests = [], [], 0
    data = _post_data(world)
    for method in ("get", "post"):
        if method == "post" and role == "applicant":
            client = _client(world, role)  # the GETs may have ended the unlock
        for route in all_routes():
            for url in urls_for(route, world):
                status, body, error = _request(client, method, url, data)
                requests += 1
                if error and (method, route.route) not in KNOWN_CRASHES:
                    crashes.append((method, url, error))
                found = [m.decode(errors="replace") for m in markers if m in body]
                if found:
                    leaks.append((method.upper(), url, status, found))
                if user_id and client.session.get("_auth_user_id") != user_id:
                    client = _client(world, role)  # logged out by the request: back in
    assert not leaks, f"{role}: {len(leaks)} responses carry agency b's data: {leaks}"
    assert not crashes, f"{role}: {len(crashes)} requests crashed: {crashes}"
    after = snapshot_b(world, personal_only=personal_only)
    changed = [name for name in before if before[name] != after[name]]
    assert not changed, f"{role} changed agency b's {changed}"
    assert requests > 2 * len(all_routes())


def test_every_url_pattern_is_exercised_or_classified() -> None:
    """A URL added later fails here until the matrix can fill it or EXCLUDED says why."""
    routes = all_routes()
    missing = {r.route: unresolved(r) for r in routes if unresolved(r)}
    assert not missing, f"URL patterns the isolation matrix neither fills nor classifies: {missing}"
    known = {r.route for r in routes}
    stale = (set(EXPLICIT) | set(EXCLUDED)) - known
    assert not stale, f"classified patterns that no longer exist: {stale}"
    assert not set(EXPLICIT) & set(EXCLUDED)
