"""Make sure the platform has its home page and a Wagtail site; idempotent."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from gongkai.portal.models import HomePage


def ensure_site() -> HomePage:
    with transaction.atomic():
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            if root is None:  # a flushed database: Wagtail's migration-made root is gone
                root = Page.add_root(instance=Page(title="根目录", slug="root", live=True))
            # Wagtail's initial migration creates a placeholder "Welcome" page.
            for placeholder in root.get_children().filter(content_type__model="page"):
                placeholder.delete()
            home = root.add_child(
                instance=HomePage(
                    title=settings.WAGTAIL_SITE_NAME,
                    slug="home",
                    intro="<p>本平台集中发布主动公开的政府信息，受理政府信息公开申请。</p>",
                )
            )
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=settings.WAGTAIL_SITE_NAME,
            )
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.site_name = settings.WAGTAIL_SITE_NAME
            site.save()
    return home
