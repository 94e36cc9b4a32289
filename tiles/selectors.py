"""Reads for the tile documents."""

from importlib.resources import files

from django.conf import settings
from django.db import connection

from tiles.documents import Bounds

CITY_BOUNDS_SQL = (files("tiles") / "sql" / "city_bounds.sql").read_text(encoding="utf-8")


def city_bounds() -> Bounds:
    """West, south, east, north (degrees) of the city's registered districts, or of the
    deployment area (MAKON_AREA_BBOX) while none is registered."""
    with connection.cursor() as cursor:
        cursor.execute(CITY_BOUNDS_SQL)
        row = cursor.fetchone()
    if row is None or row[0] is None:
        west, south, east, north = settings.MAKON_AREA_BBOX
        return (west, south, east, north)
    return (float(row[0]), float(row[1]), float(row[2]), float(row[3]))
