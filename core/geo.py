"""Small PostGIS expressions the ORM lacks, and the deployment's spatial settings."""

from django.conf import settings
from django.contrib.gis.db.models.functions import GeoFunc
from django.db.models import FloatField


class GeographyArea(GeoFunc):
    """Area in square metres on the WGS 84 ellipsoid, whatever the stored CRS."""

    template = "ST_Area(ST_Transform(%(expressions)s, 4326)::geography)"
    output_field = FloatField()


class GeographyLength(GeoFunc):
    """Length in metres on the WGS 84 ellipsoid, whatever the stored CRS."""

    template = "ST_Length(ST_Transform(%(expressions)s, 4326)::geography)"
    output_field = FloatField()


def storage_srid() -> int:
    """The metric CRS legal geometry is stored in (MAKON_SRID)."""
    return int(settings.MAKON_SRID)
