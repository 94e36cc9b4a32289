"""Form fields shared by the admin and the web forms: geometry as the register stores it."""

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.gis import forms as gis_forms
from django.contrib.gis.gdal import GDALException, OGRGeomType
from django.contrib.gis.geos import (
    GEOSException,
    GEOSGeometry,
    LinearRing,
    LineString,
    MultiLineString,
    MultiPoint,
    MultiPolygon,
    Point,
    Polygon,
)
from django.core.exceptions import ValidationError

# GEOS reports the place of a problem as "Reason[x y]" in the geometry's own CRS.
_REASON = re.compile(r"^(?P<reason>.*?)\s*\[(?P<x>[-+0-9.eE]+) (?P<y>[-+0-9.eE]+)\]$")

_MULTI = {"POLYGON": MultiPolygon, "LINESTRING": MultiLineString, "POINT": MultiPoint}

# Vertices a person did not move come back from the browser's Web Mercator a few nanometres
# off; anything closer than this to a stored vertex is that vertex.
UNMOVED_VERTEX_TOLERANCE_M = 1e-4

Vertex = tuple[float, float]


def _place_in_degrees(geom: GEOSGeometry, x: float, y: float) -> str:
    place = Point(x, y, srid=geom.srid)
    try:
        place.transform(4326)
    except (GEOSException, GDALException):
        return f"{x:.2f} {y:.2f} (EPSG:{geom.srid})"
    return f"{place.x:.6f} E, {place.y:.6f} N"


def geometry_problem(geom: GEOSGeometry) -> str | None:
    """Say what keeps `geom` out of the register (empty, invalid, outside the area), or None."""
    if geom.empty:
        return "The geometry is empty: draw at least one shape."
    if not geom.valid:
        reason = geom.valid_reason
        match = _REASON.match(reason)
        if match:
            where = _place_in_degrees(geom, float(match["x"]), float(match["y"]))
            reason = f"{match['reason']} near {where}"
        return (
            f"The geometry is not valid: {reason}. Redraw the boundary so it does not cross itself."
        )
    west, south, east, north = settings.MAKON_AREA_BBOX
    try:
        envelope = geom.envelope.transform(4326, clone=True)
    except (GEOSException, GDALException):
        return f"The geometry cannot be placed on the earth from EPSG:{geom.srid}."
    min_x, min_y, max_x, max_y = envelope.extent
    if min_x < west or max_x > east or min_y < south or max_y > north:
        return (
            f"The geometry lies outside the deployment area ({west}..{east} E, "
            f"{south}..{north} N): check its coordinate system."
        )
    return None


class StorageGeometryMixin:
    """A geometry form field that only accepts what the register can store.

    A single shape is promoted to its multi type, the value is transformed to the field's SRID
    by Django, and an empty, invalid or out-of-area geometry gets a message a person can act on
    instead of a database error.
    """

    geom_type: str
    error_messages: dict[str, Any]

    def to_python(self, value: Any) -> GEOSGeometry | None:
        geom = super().to_python(value)  # type: ignore[misc]
        single = self.geom_type.removeprefix("MULTI")
        if geom is not None and single != self.geom_type and geom.geom_type.upper() == single:
            geom = _MULTI[single](geom, srid=geom.srid)
        return geom

    def clean(self, value: Any) -> GEOSGeometry | None:
        try:
            geom = super().clean(value)  # type: ignore[misc]
        except ValidationError as error:
            if getattr(error, "code", None) == "invalid_geom_type":
                expected = OGRGeomType(self.geom_type).name
                raise ValidationError(
                    f"Expected a {expected} here.", code="invalid_geom_type"
                ) from error
            raise
        if geom is None:
            return None
        problem = geometry_problem(geom)
        if problem:
            raise ValidationError(problem, code="invalid_geometry")
        return geom


@cache
def storage_geometry_field(form_class: type[gis_forms.GeometryField]) -> type:
    """The StorageGeometryMixin variant of one of Django's geometry form field classes."""
    return type(f"Storage{form_class.__name__}", (StorageGeometryMixin, form_class), {})


def restore_unmoved_vertices(
    edited: GEOSGeometry,
    stored: GEOSGeometry,
    *,
    tolerance_m: float = UNMOVED_VERTEX_TOLERANCE_M,
) -> GEOSGeometry:
    """Put back the exact stored coordinates of every vertex of `edited` nobody moved.

    Both geometries must be in the same metric CRS. Shared boundaries between parcels rely on
    identical coordinates, so a round trip through the map must not nudge them.
    """
    if edited.srid != stored.srid:
        raise ValueError("Both geometries must be in the same CRS.")
    grid: dict[tuple[int, int], list[Vertex]] = {}
    for vertex in _vertices(stored):
        key = (int(vertex[0] // tolerance_m), int(vertex[1] // tolerance_m))
        grid.setdefault(key, []).append(vertex)

    def nearest(x: float, y: float) -> Vertex | None:
        cx, cy = int(x // tolerance_m), int(y // tolerance_m)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for vertex in grid.get((cx + dx, cy + dy), ()):
                    if abs(vertex[0] - x) <= tolerance_m and abs(vertex[1] - y) <= tolerance_m:
                        return vertex
        return None

    return _rebuild(edited, nearest)


def _rebuild(geom: GEOSGeometry, nearest: Callable[[float, float], Vertex | None]) -> GEOSGeometry:
    def move(points: Any) -> list[Vertex]:
        return [nearest(x, y) or (x, y) for x, y, *_ in points]

    kind = geom.geom_type
    if kind == "Point":
        return Point(*move([geom.coords])[0], srid=geom.srid)
    if kind == "LineString":
        return LineString(move(geom.coords), srid=geom.srid)
    if kind == "Polygon":
        return Polygon(*(LinearRing(move(ring.coords)) for ring in geom), srid=geom.srid)
    if kind in ("MultiPoint", "MultiLineString", "MultiPolygon"):
        return type(geom)(*(_rebuild(part, nearest) for part in geom), srid=geom.srid)
    raise ValueError(f"{kind} geometries are not edited on the map.")


def _vertices(geom: GEOSGeometry) -> list[Vertex]:
    found: list[Vertex] = []

    def walk(item: Any) -> None:
        if item and isinstance(item[0], float | int):
            found.append((float(item[0]), float(item[1])))
        else:
            for part in item:
                walk(part)

    walk(geom.coords)
    return found
