"""Tiny deterministic geometries for tests, in the storage CRS (metres, EPSG:32642 by default).

The default origin lies in central Tashkent.
"""

from django.conf import settings
from django.contrib.gis.geos import MultiPolygon, Point, Polygon

ORIGIN_X = 523_400.0  # EPSG:32642 easting of central Tashkent (69.28 E)
ORIGIN_Y = 4_573_300.0  # northing of 41.31 N


def rectangle(x: float, y: float, width: float, height: float) -> MultiPolygon:
    """Axis-aligned rectangle with its south-west corner at (x, y) metres from the origin."""
    x0, y0 = ORIGIN_X + x, ORIGIN_Y + y
    ring = ((x0, y0), (x0 + width, y0), (x0 + width, y0 + height), (x0, y0 + height), (x0, y0))
    return MultiPolygon(Polygon(ring), srid=settings.MAKON_SRID)


def square(x: float, y: float, size: float = 20.0) -> MultiPolygon:
    return rectangle(x, y, size, size)


def point(x: float, y: float) -> Point:
    return Point(ORIGIN_X + x, ORIGIN_Y + y, srid=settings.MAKON_SRID)
