"""The portal's own routes, mounted before Wagtail's catch-all page route."""

from __future__ import annotations

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from gongkai.portal import api, views
from gongkai.portal.feeds import AgencyAtomFeed, AgencyFeed, ColumnAtomFeed, ColumnFeed
from gongkai.portal.sitemaps import SITEMAPS

app_name = "portal"

urlpatterns = [
    path("catalogue/", views.catalogue, name="catalogue"),
    path("search/", views.search, name="search"),
    path("display/", views.display, name="display"),
    path("print/<int:entry_id>/", views.entry_print, name="entry_print"),
    path("xxgk/", views.xxgk, name="xxgk"),
    path("xxgk/<slug:key>/", views.xxgk_column, name="xxgk_column"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "portal:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("feeds/column/<int:column_id>/rss.xml", ColumnFeed(), name="column_rss"),
    path("feeds/column/<int:column_id>/atom.xml", ColumnAtomFeed(), name="column_atom"),
    path("feeds/agency/<str:agency_code>/rss.xml", AgencyFeed(), name="agency_rss"),
    path("feeds/agency/<str:agency_code>/atom.xml", AgencyAtomFeed(), name="agency_atom"),
    path("api/openapi.json", api.openapi, name="api_schema"),
    path("api/catalogue/", api.catalogue_list, name="api_catalogue"),
    path("api/catalogue/<str:entry_id>/", api.catalogue_detail, name="api_entry"),
    path("api/search/", api.search, name="api_search"),
    path("api/reports/", api.report_list, name="api_reports"),
    path("api/reports/<str:agency_code>/<str:year>/", api.report_detail, name="api_report"),
]
