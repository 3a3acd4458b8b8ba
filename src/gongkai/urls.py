from django.conf import settings
from django.urls import include, path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from gongkai.portal.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Images of the challenge on public forms past their rate thresholds.
    path("challenge/", include("captcha.urls")),
    path("", include("gongkai.applications.public.urls")),
    path("", include("gongkai.reports.public.urls")),
    path("", include("gongkai.reports.infographic_urls")),
    path("", include("gongkai.portal.urls")),
]

# Uploaded media (images) from the embedded server; a district deployment puts
# a web server in front and maps /media/ itself.
if settings.GONGKAI_SERVE_MEDIA:
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))

urlpatterns.append(path("", include(wagtail_urls)))
