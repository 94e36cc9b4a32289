from django.urls import path

from gis.api import views

urlpatterns = [
    path("admin-areas/", views.AdminAreaListApi.as_view(), name="admin-area-list"),
    path("admin-areas/<str:code>/", views.AdminAreaDetailApi.as_view(), name="admin-area-detail"),
    path(
        "infrastructure/",
        views.InfrastructureSegmentListApi.as_view(),
        name="infrastructure-segment-list",
    ),
    path(
        "infrastructure/<str:segment_id>/",
        views.InfrastructureSegmentDetailApi.as_view(),
        name="infrastructure-segment-detail",
    ),
    path("cameras/", views.CameraListApi.as_view(), name="camera-list"),
    path("cameras/<str:camera_id>/", views.CameraDetailApi.as_view(), name="camera-detail"),
]
