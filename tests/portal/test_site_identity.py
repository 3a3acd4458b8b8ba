"""The site's identity in every public page's footer, and the conventions around it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from gongkai.demo.identity import IDENTITY, build_demo_identity
from gongkai.portal.setup import ensure_site
from gongkai.site_identity.models import SiteIdentity
from tests.portal.catalogue import enable_page_cache

FOOTER_PAGES = ["/", "/catalogue/", "/sitemap/", "/open-data/", "/reports/"]


@pytest.fixture
def site(catalogue: Any, settings: Any) -> Any:
    """The home page and the agencies' branches, without published entries (faster)."""
    enable_page_cache(settings)
    ensure_site()
    return catalogue


@pytest.fixture
def identity(site: Any) -> SiteIdentity:
    return build_demo_identity()


@pytest.mark.parametrize("path", FOOTER_PAGES)
def test_every_page_footer_shows_the_identity(client: Client, identity: SiteIdentity, path: str):
    page = client.get(path).content.decode()
    footer = page[page.index('<footer class="site-footer">') :]
    for text in (
        "主办单位：武汉市硚口区人民政府办公室",
        "承办单位：武汉市硚口区大数据中心",
        "网站标识码：4201040000",
        "鄂ICP备00000000号-1",
        "鄂公网安备 42010402000000号",
        'href="https://beian.miit.gov.cn/"',
        'href="https://beian.mps.gov.cn/"',
        "我为政府网站找错",
        IDENTITY["error_report_url"].replace("&", "&amp;"),
        'alt="党政机关网站标识"',
    ):
        assert text in footer, text
    # The mark is a local image, and the footer links people, not raw XML or JSON.
    assert 'src="/media/images/' in footer
    assert 'href="/sitemap/"' in footer and 'href="/open-data/"' in footer
    assert "sitemap.xml" not in footer and "openapi.json" not in footer


def test_operator_edits_the_identity_in_the_admin(
    client: Client, site: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.get("/")  # cached before the edit: the edit must empty the page cache
    client.force_login(site.operator)
    url = client.get("/admin/settings/site_identity/siteidentity/", follow=True).request[
        "PATH_INFO"
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "site_name": "硚口区政府信息公开",
                "sponsor": "硚口区人民政府办公室",
                "organizer": "",
                "contact": "",
                "icp_number": "鄂ICP备12345678号",
                "police_number": "",
                "police_url": "",
                "site_code": "4201040001",
                "government_mark": "",
                "government_mark_url": "",
                "error_report_url": "https://example.gov.cn/zhaocuo/",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    home = client.get("/").content.decode()
    assert "<title>硚口区政府信息公开</title>" in home
    assert "主办单位：硚口区人民政府办公室" in home
    assert 'href="https://example.gov.cn/zhaocuo/"' in home


def test_agency_staff_cannot_edit_the_identity(client: Client, site: Any) -> None:
    client.force_login(site.user("a", "agency_admin"))
    response = client.get("/admin/settings/site_identity/siteidentity/")
    assert response.status_code in (302, 403)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("icp_number", "ICP12345678", "ICP备案号的格式"),
        ("police_number", "鄂公网安备 4201号", "公安备案号的格式"),
        ("site_code", "42010", "网站标识码为10位"),
    ],
)
def test_malformed_numbers_are_refused_in_chinese(
    db: None, field: str, value: str, message: str
) -> None:
    identity = SiteIdentity.load()
    setattr(identity, field, value)
    with pytest.raises(ValidationError) as error:
        identity.full_clean()
    assert message in str(error.value)


def test_home_title_is_not_doubled(client: Client, site: Any) -> None:
    home = client.get("/").content.decode()
    assert "<title>政府信息公开平台</title>" in home


def test_favicon_and_robots(client: Client, db: None) -> None:
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon["Content-Type"] == "image/x-icon"
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots
    assert "Sitemap: http://testserver/sitemap.xml" in robots


def test_readable_sitemap_lists_agencies_and_their_columns(client: Client, portal: Any) -> None:
    page = client.get("/sitemap/").content.decode()
    assert "测试区教育局" in page and "测试区民政局" in page
    assert "政府信息公开指南" in page
    # Entries are the catalogue's, not the map's.
    assert portal.entries["dibao"].title not in page
    assert client.get("/sitemap.xml")["Content-Type"].startswith("application/xml")


def test_open_data_page_describes_the_api(client: Client, db: None) -> None:
    page = client.get("/open-data/").content.decode()
    assert "/api/catalogue/" in page and "/api/openapi.json" in page


@pytest.mark.parametrize("path", ["/no-such-page/", "/catalogue/no/such/"])
def test_not_found_is_the_sites_own_page(client: Client, site: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    page = response.content.decode()
    assert "页面不存在" in page and "Not Found" not in page
    assert '<footer class="site-footer">' in page


def test_server_error_and_csrf_pages_need_no_database(rf: Any) -> None:
    from gongkai.site_identity import views

    error = views.server_error(rf.get("/"))
    assert error.status_code == 500 and "服务暂时不可用" in error.content.decode()
    csrf = views.csrf_failure(rf.post("/"), reason="CSRF cookie not set.")
    assert csrf.status_code == 403 and "页面已过期" in csrf.content.decode()


def test_error_pages_render_without_a_static_manifest(
    rf: Any, tmp_path: Any, settings: Any
) -> None:
    """An instance started without collectstatic: the stylesheet falls back to its plain
    address. (A failing error page made Django retry it in every middleware layer and a
    refused chunked upload hung its gunicorn worker.)"""
    from gongkai.site_identity import views

    settings.STATIC_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    csrf = views.csrf_failure(rf.post("/"), reason="CSRF cookie not set.")
    assert csrf.status_code == 403 and "页面已过期" in csrf.content.decode()
    assert 'href="/static/gongkai/standalone.css"' in csrf.content.decode()


def test_an_error_page_that_cannot_render_still_answers_in_chinese(
    rf: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gongkai.site_identity import standalone, views

    def broken(name: str) -> Any:
        raise RuntimeError("template missing")

    monkeypatch.setattr(standalone.loader, "get_template", broken)
    error = views.server_error(rf.get("/"))
    assert error.status_code == 500
    assert "<h1>服务暂时不可用</h1>" in error.content.decode()


def test_forbidden_and_bad_request_pages(rf: Any, db: None) -> None:
    from gongkai.site_identity import views

    assert "无权访问" in views.permission_denied(rf.get("/")).content.decode()
    assert "请求有误" in views.bad_request(rf.get("/")).content.decode()
