"""How OpenStreetMap tags become Makon values.

Tables here are bound into the OSM SQL as parameter arrays; the camera direction parser runs in
Python because OSM writes bearings in three forms (a number, a compass point, a range).
"""

import re
from dataclasses import dataclass

from cadastre.models import Building
from gis.models import Camera, Network

# building=* values and the Building.use they mean. building=yes (or an unknown value) says
# nothing; such a building is identified by building:use, then amenity/shop/office, or refused.
BUILDING_USE = {
    Building.Use.HOUSE: (
        "house",
        "detached",
        "semidetached_house",
        "terrace",
        "bungalow",
        "farm",
        "cabin",
    ),
    Building.Use.APARTMENTS: ("apartments", "residential", "dormitory"),
    Building.Use.COMMERCIAL: (
        "commercial",
        "retail",
        "office",
        "supermarket",
        "kiosk",
        "hotel",
        "bank",
    ),
    Building.Use.PUBLIC: (
        "public",
        "civic",
        "government",
        "school",
        "kindergarten",
        "university",
        "college",
        "hospital",
        "clinic",
        "mosque",
        "church",
        "synagogue",
        "religious",
        "train_station",
        "transportation",
        "stadium",
        "sports_hall",
        "fire_station",
        "museum",
        "theatre",
    ),
    Building.Use.INDUSTRIAL: ("industrial", "warehouse", "factory", "manufacture", "service"),
    Building.Use.AUXILIARY: (
        "garage",
        "garages",
        "shed",
        "roof",
        "hut",
        "carport",
        "barn",
        "greenhouse",
        "toilets",
        "parking",
        "transformer_tower",
    ),
}

# amenity=* values that make an otherwise unspecified building public.
PUBLIC_AMENITIES = (
    "school",
    "kindergarten",
    "college",
    "university",
    "hospital",
    "clinic",
    "townhall",
    "police",
    "fire_station",
    "library",
    "place_of_worship",
    "courthouse",
    "post_office",
    "community_centre",
    "theatre",
)

# substance=* of man_made=pipeline and the network it belongs to.
PIPELINE_NETWORK = {
    "water": Network.WATER,
    "gas": Network.GAS,
    "sewage": Network.SEWER,
    "heat": Network.HEATING,
    "hot_water": Network.HEATING,
}
POWER_LINES = ("line", "minor_line", "cable")
# highway=* values of roads that do not exist yet.
PLANNED_HIGHWAYS = ("proposed", "construction")

CAMERA_KIND = {"fixed": Camera.Kind.FIXED, "dome": Camera.Kind.DOME, "panning": Camera.Kind.PTZ}

COMPASS_POINTS = (
    "N",
    "NNE",
    "NE",
    "ENE",
    "E",
    "ESE",
    "SE",
    "SSE",
    "S",
    "SSW",
    "SW",
    "WSW",
    "W",
    "WNW",
    "NW",
    "NNW",
)
COMPASS_BEARING = {point: index * 22.5 for index, point in enumerate(COMPASS_POINTS)}

_NUMBER = r"\s*([0-9]+(?:\.[0-9]+)?)\s*"
_BEARING = re.compile(rf"^{_NUMBER}$")
_RANGE = re.compile(rf"^{_NUMBER}-{_NUMBER}$")


@dataclass(frozen=True)
class Direction:
    """Where a camera looks: bearing in degrees (0 = north) and, for a range, its width."""

    bearing_deg: float
    field_of_view_deg: float | None = None


class DirectionError(ValueError):
    pass


def _bearing(text: str, raw: str) -> float:
    value = float(text)
    if value > 360:
        raise DirectionError(f"camera:direction {raw!r} is more than 360 degrees")
    return value % 360


def direction_parse(raw: str) -> Direction:
    """Parse an OSM camera:direction: `45`, `NE`, or a range `90-180` (clockwise from-to).

    A range gives the middle as the bearing and its width as the field of view. camera:angle is
    the tilt from the horizontal and says nothing about either.
    """
    text = raw.strip()
    if text.upper() in COMPASS_BEARING:
        return Direction(bearing_deg=COMPASS_BEARING[text.upper()])
    if match := _BEARING.match(text):
        return Direction(bearing_deg=_bearing(match.group(1), raw))
    if match := _RANGE.match(text):
        start = _bearing(match.group(1), raw)
        end = _bearing(match.group(2), raw)
        width = (end - start) % 360
        if width == 0:
            raise DirectionError(f"camera:direction {raw!r} is a range of zero width")
        return Direction(bearing_deg=(start + width / 2) % 360, field_of_view_deg=width)
    raise DirectionError(
        f"camera:direction {raw!r} is not a bearing (degrees, a compass point such as NE, "
        "or a range such as 90-180)"
    )
