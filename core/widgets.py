"""Map widgets that work inside a closed network: every script and style comes from Makon.

Django's GIS widgets load OpenLayers from a CDN and draw OpenStreetMap tiles; a government
network has neither. This widget loads the OpenLayers build that `bin/makon` copies from npm
into the static files (`vendor/ol/`), and draws the districts from Makon's own API as the
background instead of remote tiles. Drawing and editing are Django's `OLMapWidget.js`.
"""

from typing import Any

from django.contrib.gis.forms.widgets import OpenLayersWidget
from django.urls import get_script_prefix

# GeoJSON FeatureCollection in EPSG:4326; the map still works when it answers an error.
CONTEXT_LAYER_PATH = "api/admin-areas/?level=district&page_size=100"


class MakonMapWidget(OpenLayersWidget):
    """Draw and edit one geometry on a Web Mercator map over Makon's district outlines."""

    template_name = "core/widgets/map.html"
    map_srid = 3857
    default_lon = 69.28  # Tashkent
    default_lat = 41.31
    default_zoom = 11

    class Media:
        # No `extend`: the parent's media point at a CDN.
        extend = False
        css = {
            "all": ("vendor/ol/ol.css", "gis/css/ol3.css", "core/css/map_widget.css"),
        }
        js = ("vendor/ol/ol.js", "gis/js/OLMapWidget.js", "core/js/map_widget.js")

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__()
        for key in ("default_lon", "default_lat", "default_zoom"):
            self.attrs[key] = getattr(self, key)
        if attrs:
            self.attrs.update(attrs)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget_id = context.get("id") or f"id_{name}"
        context["id"] = widget_id
        context["options_id"] = f"{widget_id}_options"
        context["map_options"] = {
            "id": widget_id,
            "map_id": f"{widget_id}_map",
            "name": name,
            "module": context["module"],
            "geom_name": context["geom_type"],
            "map_srid": self.map_srid,
            "default_lon": float(context["default_lon"]),
            "default_lat": float(context["default_lat"]),
            "default_zoom": int(context["default_zoom"]),
            "context_url": get_script_prefix() + CONTEXT_LAYER_PATH,
            "read_only": bool(context.get("disabled")),
        }
        return context
