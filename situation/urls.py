"""Situation centre routes: operator and appeal APIs, Open311 GeoReport v2, photo files."""

from django.urls import include, path, re_path

from situation import open311, views

app_name = "situation"

_FORMAT = r"(?P<fmt>[a-z]+)"

urlpatterns = [
    path("", include("situation.api.urls")),
    path("situation/photos/<str:token>/", views.photo, name="photo"),
    re_path(rf"^open311/v2/discovery\.{_FORMAT}$", open311.discovery, name="open311-discovery"),
    re_path(rf"^open311/v2/services\.{_FORMAT}$", open311.service_list, name="open311-services"),
    re_path(
        rf"^open311/v2/services/(?P<code>[^/]+)\.{_FORMAT}$",
        open311.service_definition,
        name="open311-service",
    ),
    re_path(rf"^open311/v2/requests\.{_FORMAT}$", open311.requests, name="open311-requests"),
    re_path(
        rf"^open311/v2/requests/(?P<request_id>[^/]+)\.{_FORMAT}$",
        open311.request_detail,
        name="open311-request",
    ),
]
