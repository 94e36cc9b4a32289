"""Input parsing shared by the situation APIs: strict coordinates and GeoJSON geometry."""

import json
import math
import re
from typing import Any

from django.contrib.gis.gdal import GDALException
from django.contrib.gis.geos import GEOSException, GEOSGeometry, Point
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.exceptions import InvalidGeometryError

# A plain decimal number: float() would also take "nan", "inf", "1_0" and non-ASCII digits.
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_GEOJSON_TYPES = {"Point", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}


def parse_coordinate(raw: object, *, name: str, low: float, high: float) -> float:
    """A coordinate in degrees from text or a JSON number, within `low`..`high`."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        value = float(raw)
        if not math.isfinite(value):
            raise InvalidGeometryError(
                _("%(name)s is not a finite number of degrees.") % {"name": name}
            )
    elif isinstance(raw, str) and raw.strip():
        text = raw.strip()
        if not _DECIMAL.fullmatch(text):
            raise InvalidGeometryError(
                _("%(name)s %(value)s is not a number of degrees.")
                % {"name": name, "value": repr(text[:40])}
            )
        value = float(text)
    else:
        raise InvalidGeometryError(
            _("%(name)s is required (a number of degrees).") % {"name": name}
        )
    if not low <= value <= high:
        raise InvalidGeometryError(
            _("%(name)s %(value)s is outside %(low)s..%(high)s degrees.")
            % {"name": name, "value": f"{value:g}", "low": f"{low:g}", "high": f"{high:g}"}
        )
    return value


def point_from_params(longitude: object, latitude: object) -> Point:
    """A point (EPSG:4326) from longitude and latitude parameters."""
    lon = parse_coordinate(longitude, name="longitude", low=-180, high=180)
    lat = parse_coordinate(latitude, name="latitude", low=-90, high=90)
    return Point(lon, lat, srid=4326)


def geometry_from_geojson(value: Any, *, name: str = "geometry") -> GEOSGeometry:
    """A GEOS geometry (EPSG:4326) from a GeoJSON geometry object (RFC 7946)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise InvalidGeometryError(_("%(name)s is not JSON.") % {"name": name}) from None
    if not isinstance(value, dict) or "type" not in value or "coordinates" not in value:
        raise InvalidGeometryError(
            _("%(name)s must be a GeoJSON geometry object with type and coordinates.")
            % {"name": name}
        )
    if value["type"] not in _GEOJSON_TYPES:
        allowed = ", ".join(sorted(_GEOJSON_TYPES))
        raise InvalidGeometryError(
            _("%(name)s type must be one of %(types)s.") % {"name": name, "types": allowed}
        )
    try:
        geom = GEOSGeometry(json.dumps(value))
    except (GEOSException, GDALException, ValueError, TypeError):
        raise InvalidGeometryError(
            _("%(name)s has malformed coordinates.") % {"name": name}
        ) from None
    geom.srid = 4326
    return geom


@extend_schema_field(OpenApiTypes.OBJECT)
class GeoJsonGeometryField(serializers.Field):
    """A GeoJSON geometry in EPSG:4326 (longitude first), parsed and checked."""

    default_error_messages = {"invalid": "{message}"}

    def to_internal_value(self, data: Any) -> GEOSGeometry:
        try:
            return geometry_from_geojson(data, name=self.field_name or "geometry")
        except InvalidGeometryError as error:
            self.fail("invalid", message=error.message)
            raise  # unreachable: fail() raises

    def to_representation(self, value: GEOSGeometry) -> dict[str, Any]:
        return json.loads(value.transform(4326, clone=True).geojson)
