"""Routes of the operator console (the page, its live stream and its reads) and of the
citizen's appeal page that feeds it."""

from django.urls import path

from situation import console_citizen, console_views

urlpatterns = [
    path("situation/", console_views.console_page, name="situation-console"),
    path("appeal/", console_citizen.citizen_appeal_page, name="situation-citizen-appeal"),
    path("situation/stream/", console_views.console_stream, name="situation-stream"),
    path(
        "api/situation/console/incidents/<str:incident_id>/surroundings/",
        console_views.IncidentSurroundingsApi.as_view(),
        name="situation-console-surroundings",
    ),
    path(
        "api/situation/console/dashboard/",
        console_views.ConsoleDashboardApi.as_view(),
        name="situation-console-dashboard",
    ),
    path(
        "api/situation/console/camera-wedges/",
        console_views.CameraWedgesApi.as_view(),
        name="situation-console-camera-wedges",
    ),
]
