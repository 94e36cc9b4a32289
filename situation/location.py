"""Where an incident or appeal is: geometry checks, the city boundary and the district.

Geometry arrives in any CRS the caller states (GeoJSON from the APIs: EPSG:4326) and is kept in
the deployment CRS (MAKON_SRID). A location must lie in the city: inside the city's AdminArea
when one is loaded, else inside the deployment envelope (MAKON_AREA_BBOX).
"""

from django.contrib.gis.gdal import GDALException
from django.contrib.gis.geos import GEOSException, GEOSGeometry, Point
from django.utils.translation import gettext as _

from core.exceptions import InvalidGeometryError
from core.geo import storage_srid
from core.params import deployment_area
from gis.models import AdminArea
from situation.errors import OutsideCityError

#: Geometry types an incident may have: a point, a line (a pipe, a road) or an area.
INCIDENT_GEOMETRY_TYPES = frozenset(
    {"Point", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}
)


def to_storage(
    geom: GEOSGeometry, *, allowed: frozenset[str] = INCIDENT_GEOMETRY_TYPES
) -> GEOSGeometry:
    """`geom` checked (type, validity, coordinates) and transformed to the storage CRS."""
    if geom.geom_type not in allowed:
        names = ", ".join(sorted(allowed))
        raise InvalidGeometryError(
            _("The location must be one of %(types)s, not %(type)s.")
            % {"types": names, "type": geom.geom_type}
        )
    if geom.empty:
        raise InvalidGeometryError(_("The location is empty."))
    if not geom.valid:
        raise InvalidGeometryError(
            _("The location is not a valid geometry: %(reason)s.") % {"reason": geom.valid_reason}
        )
    source = geom.srid or 4326
    if source == 4326:
        west, south, east, north = geom.extent
        if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
            raise InvalidGeometryError(
                _("Coordinates must be longitude -180..180 and latitude -90..90 (in that order).")
            )
    stored = geom.clone()
    stored.srid = source
    if source != storage_srid():
        try:
            stored.transform(storage_srid())
        except (GEOSException, GDALException):
            raise InvalidGeometryError(
                _("The location cannot be placed on the city's map.")
            ) from None
    return stored


def point_from_lonlat(longitude: float, latitude: float) -> Point:
    """A point from degrees; coordinates out of range are refused."""
    if not (-180 <= longitude <= 180 and -90 <= latitude <= 90):
        raise InvalidGeometryError(
            _("Coordinates must be longitude -180..180 and latitude -90..90.")
        )
    return Point(longitude, latitude, srid=4326)


def ensure_in_city(geom: GEOSGeometry) -> None:
    """Refuse a location (in the storage CRS) that is not wholly inside the city."""
    cities = AdminArea.objects.filter(level=AdminArea.Level.CITY)
    if cities.exists():
        if not cities.filter(geom__covers=geom).exists():
            raise OutsideCityError(_("The location is outside the city."))
        return
    envelope = deployment_area()
    west, south, east, north = geom.transform(4326, clone=True).extent
    if not (
        envelope.west <= west
        and east <= envelope.east
        and envelope.south <= south
        and north <= envelope.north
    ):
        raise OutsideCityError(_("The location is outside the area this system serves."))


def district_of(geom: GEOSGeometry) -> AdminArea | None:
    """The district containing a representative point of `geom` (storage CRS), if any."""
    anchor = geom.point_on_surface if geom.geom_type != "Point" else geom
    return (
        AdminArea.objects.filter(level=AdminArea.Level.DISTRICT, geom__covers=anchor)
        .order_by("code")
        .first()
    )
