from django.urls import path

from gongkai.site_identity import views

app_name = "site_identity"

urlpatterns = [
    path("favicon.ico", views.favicon, name="favicon"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap/", views.sitemap_page, name="sitemap"),
    path("open-data/", views.open_data, name="open_data"),
]
