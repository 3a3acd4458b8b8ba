"""Rich text saved outside the editor (shell, migration, import) is sanitised for the public.

Wagtail's ``|richtext`` renders the stored HTML as it is; public pages, the print view and
the API go through nh3 (portal/richtext.py) instead.
"""

from __future__ import annotations

from typing import Any

from django.test import Client

HOSTILE = (
    "<p>低保标准调整<script>alert('x')</script></p>"
    '<p><img src="/x.png" onerror="alert(1)" class="richtext-image left" alt="图"></p>'
    '<p><a href="javascript:alert(2)">点此</a> <a href="/xxgk/">信息公开</a></p>'
    '<p onclick="alert(3)" style="background:url(javascript:alert(4))">正文</p>'
)


def _assert_clean(html: str) -> None:
    assert "alert" not in html, html
    assert "低保标准调整" in html and "正文" in html and "点此" in html
    assert 'href="/xxgk/"' in html and 'class="richtext-image left"' in html


def test_a_script_or_handler_in_an_entry_body_never_reaches_a_visitor(
    portal: Any, client: Client
) -> None:
    entry = portal.publish("hostile", title="关于低保的通知", body=HOSTILE)

    page = client.get(entry.url).content.decode()
    printed = client.get(f"/print/{entry.pk}/").content.decode()
    api = client.get(f"/api/catalogue/{entry.pk}/").json()["body_html"]

    for html in (page[page.index("低保标准调整") - 200 :], printed, api):
        _assert_clean(html)
