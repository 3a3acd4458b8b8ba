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


# "²" is a digit to str.isdigit() but not to int(); 5,000 digits are past what int() reads.
# Both were 500s (found by tests/abuse/test_fuzz.py).
NOT_INT = ["%C2%B2", "9" * 5000]


@pytest.mark.parametrize(
    "query",
    [f"year={HUGE}", f"page={HUGE}", f"per_page={HUGE}"]
    + [f"{name}={value}" for name in ("year", "page", "per_page") for value in NOT_INT],
)
def test_out_of_range_query_numbers_are_refused_clearly(
    client: Client, district: Any, query: str
) -> None:
    response = client.get(f"/api/catalogue/?{query}")
    assert response.status_code in {400, 404}
    assert response.json()["error"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/catalogue/abc/",
        "/api/catalogue/%C2%B9/",
        "/api/reports/X/19a9/",
        f"/api/catalogue/{'9' * 5000}/",
        f"/api/reports/X/{'9' * 5000}/",
    ],
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


@pytest.mark.parametrize("value", NOT_INT)
def test_the_catalogue_page_ignores_a_year_that_is_no_number(
    client: Client, district: Any, value: str
) -> None:
    response = client.get(f"/catalogue/?year={value}")
    assert response.status_code == 200
    assert "应为四位数字，已忽略" in response.content.decode()
