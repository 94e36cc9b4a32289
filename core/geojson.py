"""GeoJSON output (RFC 7946): geometry re-projected and encoded by PostGIS, in the query."""

from django.contrib.gis.db.models.functions import AsGeoJSON, Transform

# 1e-8 degree is about a millimetre on the ground: finer than any survey, coarse enough to keep
# the output short.
GEOJSON_DECIMALS = 8


def geojson_4326(field: str = "geom") -> AsGeoJSON:
    """GeoJSON text of the geometry column `field` in EPSG:4326, longitude first."""
    return AsGeoJSON(Transform(field, 4326), precision=GEOJSON_DECIMALS)
