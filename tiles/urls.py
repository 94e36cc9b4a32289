from django.urls import path

from tiles import views

app_name = "tiles"

urlpatterns = [
    path("style.json", views.style_view, name="style"),
    path("<str:layer>.json", views.tilejson_view, name="tilejson"),
    path("<str:layer>/<str:z>/<str:x>/<str:y>.pbf", views.tile_view, name="tile"),
]
