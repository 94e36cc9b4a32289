"""Tile arithmetic and small builders for the tile tests (real rows, tiny geometry).

Coordinates are metres from SITE, a point in Tashkent lying at least 220 m from the edges of
its tiles at zooms 12 to 16, so a few small features share one tile at each of those zooms.
"""

import gzip
import itertools
import math

import mapbox_vector_tile
from django.contrib.gis.geos import GEOSGeometry, LineString, MultiPolygon, Point, Polygon
from django.http import HttpResponse
from django.test import Client
from pyproj import Transformer

from gis.models import AdminArea, Camera, InfrastructureNode, InfrastructureSegment
from tests.geometry import ORIGIN_X, ORIGIN_Y
from tests.geometry import point as origin_point
from tests.geometry import rectangle as origin_rectangle
from tiles.layers import LAYERS
from tiles.models import CachedTile

LAYER_NAMES = tuple(LAYERS)

_to_lonlat = Transformer.from_crs("EPSG:32642", "EPSG:4326", always_xy=True)
_counter = itertools.count(1)
WORLD = 20037508.342789244
SITE = (-2050.0, -1150.0)


def rect(x: float, y: float, width: float, height: float) -> MultiPolygon:
    return origin_rectangle(SITE[0] + x, SITE[1] + y, width, height)


def sq(x: float, y: float, size: float = 20.0) -> MultiPolygon:
    return rect(x, y, size, size)


def pt(x: float, y: float) -> Point:
    return origin_point(SITE[0] + x, SITE[1] + y)


def tile_at(x: float, y: float, z: int) -> tuple[int, int, int]:
    """The tile (z, x, y) holding the point (x, y) metres from SITE."""
    lon, lat = _to_lonlat.transform(ORIGIN_X + SITE[0] + x, ORIGIN_Y + SITE[1] + y)
    n = 2**z
    column = int((lon + 180.0) / 360.0 * n)
    row = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return (z, column, row)


def tile_bounds(z: int, x: int, y: int, *, buffer: float = 64 / 4096) -> Polygon:
    """The tile envelope in EPSG:3857 widened by `buffer` tile widths, as the cache stores it."""
    size = 2 * WORLD / 2**z
    west, north = -WORLD + x * size, WORLD - y * size
    margin = size * buffer
    return Polygon.from_bbox(
        (west - margin, north - size - margin, west + size + margin, north + margin)
    )


def in_3857(geom: GEOSGeometry) -> GEOSGeometry:
    return geom.transform(3857, clone=True)


def get_tile(client: Client, layer: str, z: int, x: int, y: int, **headers: str) -> HttpResponse:
    return client.get(f"/tiles/{layer}/{z}/{x}/{y}.pbf", headers=headers)


def decode(response: HttpResponse) -> dict:
    """The decoded MVT layers of a 200 answer, whatever its Content-Encoding."""
    assert response.status_code == 200, response.content
    data = response.content
    if response.get("Content-Encoding") == "gzip":
        data = gzip.decompress(data)
    return mapbox_vector_tile.decode(data) if data else {}


def features(client: Client, layer: str, tile: tuple[int, int, int], source: str) -> list[dict]:
    return decode(get_tile(client, layer, *tile)).get(source, {}).get("features", [])


def cached() -> set[tuple[str, int, int, int]]:
    return set(CachedTile.objects.values_list("layer", "zoom", "x", "y"))


def make_areas(*, district: str = "10:01") -> dict[str, AdminArea]:
    """City, district, mahalla and block 10:01:01:01:01 nested around SITE."""
    city = AdminArea.objects.create(
        level=AdminArea.Level.CITY,
        code="10",
        name_uz="Toshkent",
        geom=rect(-8000, -8000, 16000, 16000),
    )
    district_area = AdminArea.objects.create(
        level=AdminArea.Level.DISTRICT,
        code=district,
        name_uz="Yunusobod tumani",
        parent=city,
        geom=rect(-4000, -4000, 8000, 8000),
    )
    mahalla = AdminArea.objects.create(
        level=AdminArea.Level.MAHALLA,
        code=f"{district}:01:01",
        name_uz="Bodomzor MFY",
        parent=district_area,
        geom=rect(-1000, -1000, 3000, 2000),
    )
    block = AdminArea.objects.create(
        level=AdminArea.Level.BLOCK,
        code=f"{district}:01:01:01",
        name_uz="1-kvartal",
        parent=mahalla,
        geom=rect(-100, -100, 300, 200),
    )
    return {"city": city, "district": district_area, "mahalla": mahalla, "block": block}


def make_segment(
    *, network: str, x: float = 0, y: float = 0, length: float = 200
) -> InfrastructureSegment:
    start = pt(x, y)
    return InfrastructureSegment.objects.create(
        network=network,
        name="Amir Temur ko'chasi",
        geom=LineString((start.x, start.y), (start.x + length, start.y), srid=start.srid),
    )


def make_node(
    *, network: str = "water", kind: str = "hydrant", x: float = 0, y: float = 0
) -> InfrastructureNode:
    return InfrastructureNode.objects.create(network=network, kind=kind, geom=pt(x, y))


def make_camera(*, x: float = 0, y: float = 0, **fields: object) -> Camera:
    return Camera.objects.create(
        name=fields.pop("name", f"Kamera {next(_counter)}"),
        kind=fields.pop("kind", Camera.Kind.PTZ),
        direction_deg=fields.pop("direction_deg", 90.0),
        field_of_view_deg=fields.pop("field_of_view_deg", 60.0),
        range_m=fields.pop("range_m", 80.0),
        stream_ref=fields.pop("stream_ref", "rtsp://10.20.30.40:554/secret-stream-7781"),
        geom=pt(x, y),
        **fields,
    )
