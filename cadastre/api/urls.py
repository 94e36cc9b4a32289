from django.urls import path

from cadastre.api import views

urlpatterns = [
    path("search/", views.SearchApi.as_view(), name="search"),
    path("parcels/", views.ParcelListApi.as_view(), name="parcel-list"),
    path("parcels/<str:cadastral_number>/", views.ParcelDetailApi.as_view(), name="parcel-detail"),
    path("buildings/", views.BuildingListApi.as_view(), name="building-list"),
    path(
        "buildings/<str:cadastral_number>/",
        views.BuildingDetailApi.as_view(),
        name="building-detail",
    ),
]
