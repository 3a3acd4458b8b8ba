"""Web security: the GONGKAI_HTTPS switch and the headers every response carries.

The switch is read when the settings load, so it is tested in a fresh process: Django's
deploy check must be clean with it, and the settings it produces are then applied here to
see what a browser behind the proxy gets (a redirect to HTTPS except for the health
check, HSTS, secure cookies, a form posted from the configured address accepted).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client, override_settings
from wagtail.documents import get_document_model

import gongkai
from gongkai.disclosure.permissions import agency_collection
from tests.portal.catalogue import enable_page_cache

GONGKAI = str(Path(sys.executable).with_name("gongkai"))
BASE_URL = "https://gk.example.gov.cn"
YEAR = 365 * 24 * 3600


def _environment(home: Path, **variables: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GONGKAI_", "DJANGO_")) and k != "DATABASE_URL"
    }
    return {**env, "GONGKAI_HOME": str(home), **variables}


def _deploy_check(home: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [GONGKAI, "manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=_environment(home, **variables),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


HTTPS_ON = {"GONGKAI_HTTPS": "true", "GONGKAI_BASE_URL": BASE_URL}


def test_the_https_switch_makes_the_deploy_check_clean(tmp_path: Path) -> None:
    result = _deploy_check(tmp_path, **HTTPS_ON)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_without_the_switch_the_deploy_check_warns(tmp_path: Path) -> None:
    result = _deploy_check(tmp_path)
    assert result.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in result.stderr, check


def test_the_switch_wants_an_https_base_url(tmp_path: Path) -> None:
    result = _deploy_check(tmp_path, GONGKAI_HTTPS="true", GONGKAI_BASE_URL="http://gk.example")
    assert result.returncode != 0
    assert "gongkai.W001" in result.stderr and "GONGKAI_BASE_URL" in result.stderr


SWITCHED = (
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "CSRF_TRUSTED_ORIGINS",
    "GONGKAI_TRUST_X_FORWARDED_FOR",
)


def _settings_with(home: Path, **variables: str) -> dict[str, Any]:
    """The switched settings as ``gongkai.settings`` computes them from ``variables``."""
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {SWITCHED!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=_environment(home, DJANGO_SETTINGS_MODULE="gongkai.settings", **variables),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def https_settings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    values = _settings_with(tmp_path_factory.mktemp("https"), **HTTPS_ON)
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


def test_the_switch_turns_everything_on(https_settings: dict[str, Any]) -> None:
    assert https_settings["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert https_settings["SECURE_SSL_REDIRECT"] is True
    assert https_settings["SECURE_HSTS_SECONDS"] == YEAR
    assert https_settings["SESSION_COOKIE_SECURE"] is True
    assert https_settings["CSRF_COOKIE_SECURE"] is True
    assert BASE_URL in https_settings["CSRF_TRUSTED_ORIGINS"]
    assert https_settings["GONGKAI_TRUST_X_FORWARDED_FOR"] is True


def test_the_older_cookie_setting_still_secures_cookies_alone(tmp_path: Path) -> None:
    values = _settings_with(tmp_path, GONGKAI_SECURE_COOKIES="true")
    assert values["SESSION_COOKIE_SECURE"] is True and values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_SSL_REDIRECT"] is False and values["SECURE_HSTS_SECONDS"] == 0
    assert values["GONGKAI_TRUST_X_FORWARDED_FOR"] is False


@pytest.mark.django_db
def test_behind_the_proxy_plain_http_is_redirected_but_the_health_check(
    https_settings: dict[str, Any],
) -> None:
    with override_settings(**https_settings):
        plain = Client().get("/track/")
        health = Client().get("/healthz")
        secure = Client().get("/track/", headers={"x-forwarded-proto": "https"})
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/track/"
    assert health.status_code == 200
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == f"max-age={YEAR}; includeSubDomains"
    assert secure.cookies["csrftoken"]["secure"] is True


@pytest.mark.django_db
def test_a_form_posted_from_the_configured_address_passes_the_origin_check(
    https_settings: dict[str, Any],
) -> None:
    proxy = {"x-forwarded-proto": "https"}
    with override_settings(**https_settings):
        client = Client(enforce_csrf_checks=True)
        client.get("/track/", headers=proxy)
        token = client.cookies["csrftoken"].value
        form = {"csrfmiddlewaretoken": token, "receipt_number": "YSQ1", "query_code": "x"}
        ours = client.post("/track/", form, headers={**proxy, "origin": BASE_URL})
        foreign = client.post("/track/", form, headers={**proxy, "origin": "https://evil.example"})
    assert ours.status_code != 403
    assert foreign.status_code == 403


# --- headers on every response ----------------------------------------------------------


def _policy(response: Any) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def _assert_common_headers(response: Any, *, frames: str = "DENY") -> None:
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == frames


@pytest.mark.django_db
def test_portal_pages_run_no_inline_script_and_are_framed_by_nobody(client: Client) -> None:
    for url in ("/track/", "/apply/", "/catalogue/", "/search/?q=低保", "/no-such-page/"):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        _assert_common_headers(response)
        policy = _policy(response)
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"], url
        assert policy["frame-ancestors"] == ["'none'"], url
        assert policy["object-src"] == ["'none'"], url
        assert policy["form-action"] == ["'self'"], url


def test_a_file_response_carries_the_headers_too(client: Client, db: None) -> None:
    response = client.get("/favicon.ico")
    assert response.streaming
    _assert_common_headers(response)
    assert "Content-Security-Policy" in response


def test_an_attachment_may_load_nothing_and_be_framed_only_by_our_pages(district: Any) -> None:
    document = get_document_model().objects.create(
        title="通知",
        file=ContentFile(b"%PDF-1.4 notice", name="notice.pdf"),
        collection=agency_collection(district.a),
    )
    client = Client()
    client.force_login(district.user("a", "editor"))
    response = client.get(document.url)
    assert response.status_code == 200 and response.streaming
    _assert_common_headers(response, frames="SAMEORIGIN")
    assert _policy(response) == {"default-src": ["'none'"], "frame-ancestors": ["'self'"]}


def test_the_back_office_policy_allows_wagtails_inline_scripts_and_its_preview_frame(
    district: Any,
) -> None:
    client = Client()
    client.force_login(district.user("a", "editor"))
    response = client.get("/admin/")
    assert response.status_code == 200
    _assert_common_headers(response)
    policy = _policy(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_the_sign_in_pages_allow_no_inline_script(client: Client) -> None:
    response = client.get("/admin/login/")
    assert response.status_code == 200
    _assert_common_headers(response)
    assert _policy(response)["script-src"] == ["'self'"]


@pytest.mark.django_db
def test_a_page_from_the_page_cache_keeps_its_headers(client: Client, settings: Any) -> None:
    enable_page_cache(settings)
    first = client.get("/catalogue/")
    second = client.get("/catalogue/")
    assert (first["X-Portal-Cache"], second["X-Portal-Cache"]) == ("miss", "hit")
    _assert_common_headers(second)
    assert _policy(second)["script-src"] == ["'self'"]


# --- templates: what the policy would refuse ------------------------------------------

TEMPLATES = sorted(Path(gongkai.__file__).parent.glob("**/templates/**/*.html"))
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|<[^>]*\sstyle\s*=", re.IGNORECASE)


def _public(text: str) -> bool:
    """A portal page, or a standalone page shown to the public (the error pages)."""
    return '{% extends "portal/base.html" %}' in text or "<!DOCTYPE html>" in text


def test_no_template_of_ours_runs_inline_script() -> None:
    assert len(TEMPLATES) > 50
    offending = [
        str(path)
        for path in TEMPLATES
        if INLINE_SCRIPT.search(path.read_text()) or HANDLER.search(path.read_text())
    ]
    assert offending == []


def test_no_public_template_of_ours_has_inline_style() -> None:
    public = [path for path in TEMPLATES if _public(path.read_text())]
    assert len(public) > 20
    assert [str(path) for path in public if INLINE_STYLE.search(path.read_text())] == []
