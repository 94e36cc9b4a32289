from django.urls import path

from citymap import views

urlpatterns = [
    path("", views.city_map, name="city-map"),
    path("parcel/<str:cadastral_number>/", views.parcel_map, name="city-map-parcel"),
    path("building/<str:cadastral_number>/", views.building_map, name="city-map-building"),
]
