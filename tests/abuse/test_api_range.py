"""The open-data API answers numbers out of the database's range as missing, never with a 500."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

HUGE = "3447733688017810358272"


@pytest.mark.parametrize(
    "url",
    [
        f"/api/catalogue/{HUGE}/",
        f"/api/catalogue/{2**63}/",
        f"/api/reports/AAAA/{HUGE}/",
    ],
)
def test_out_of_range_ids_are_not_found(client: Client, district: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "不存在" in response.json()["error"]


@pytest.mark.parametrize("query", [f"year={HUGE}", f"page={HUGE}", f"per_page={HUGE}"])
def test_out_of_range_query_numbers_are_refused_clearly(
    client: Client, district: Any, query: str
) -> None:
    response = client.get(f"/api/catalogue/?{query}")
    assert response.status_code in {400, 404}
    assert response.json()["error"]


@pytest.mark.parametrize(
    "url", ["/api/catalogue/abc/", "/api/catalogue/%C2%B9/", "/api/reports/X/19a9/"]
)
def test_non_numeric_ids_are_json_not_found(client: Client, district: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_other_methods_are_not_allowed_not_forbidden(district: Any, method: str) -> None:
    client = Client(enforce_csrf_checks=True)
    for url in ("/api/catalogue/", "/api/catalogue/1/", "/api/search/", "/api/reports/"):
        assert getattr(client, method)(url).status_code == 405, (method, url)
