"""Reading admin pages as a browser would: the geometry the map widget rendered and posts back."""

import html
import json
import re

from django.contrib.gis.geos import GEOSGeometry, MultiPolygon
from django.test import Client
from django.urls import reverse

_TEXTAREA = re.compile(r'<textarea id="id_geom"[^>]*>(?P<value>.*?)</textarea>', re.S)
_EXTERNAL = re.compile(r"""<(?:script|link)\b[^>]*\b(?:src|href)=["']?(?:https?:)?//""", re.I)


def admin_url(model: type, view: str, *args: object) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def widget_value(page: str) -> str:
    """The serialized geometry in the map widget's textarea (Web Mercator GeoJSON)."""
    match = _TEXTAREA.search(page)
    assert match, "no map widget on the page"
    return html.unescape(match["value"])


def external_assets(page: str) -> list[str]:
    """Script and stylesheet tags that would load something from another host."""
    return _EXTERNAL.findall(page)


def mercator_polygon(*corners: tuple[float, float]) -> str:
    """A MultiPolygon as the widget posts it: GeoJSON in EPSG:3857."""
    ring = [*corners, corners[0]]
    return json.dumps({"type": "MultiPolygon", "coordinates": [[[list(c) for c in ring]]]})


def in_mercator(geom: GEOSGeometry) -> GEOSGeometry:
    return geom.transform(3857, clone=True)


def mercator_square(x: float, y: float, size: float) -> str:
    return mercator_polygon((x, y), (x + size, y), (x + size, y + size), (x, y + size))


def parcel_data(client: Client, parcel: object, **changes: object) -> dict[str, object]:
    """The parcel change form as the browser would post it unchanged, plus `changes`."""
    page = client.get(admin_url(type(parcel), "change", parcel.pk)).content.decode()
    data: dict[str, object] = {
        "cadastral_number": parcel.cadastral_number,
        "land_use": parcel.land_use,
        "address": parcel.address,
        "block": parcel.block_id or "",
        "source_srid": parcel.source_srid or "",
        "area_official_m2": parcel.area_official_m2 or "",
        "geom": widget_value(page),
    }
    data.update(changes)
    return data


def as_multipolygon(geojson: str, srid: int) -> MultiPolygon:
    geom = GEOSGeometry(geojson)
    geom.srid = 3857
    geom.transform(srid)
    return geom
