"""Makon's URL map."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("api/", include("cadastre.api.urls")),
    path("api/", include("gis.api.urls")),
    path("tiles/", include("tiles.urls")),
    path("", include("accounts.urls")),
    path("", include("audit.urls")),
    path("", include("documents.urls")),
    path("", include("extracts.urls")),
    path("", include("portal.urls")),
    path("", include("situation.urls")),
    path("", include("situation.console_urls")),
    path("", include("payments.urls")),
    path("", include("citymap.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
