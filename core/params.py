"""Query and path parameters shared by the HTTP APIs: strict parsing, messages that name them.

Every parser returns None for a parameter that is absent or blank (as filters in HTML forms
arrive), and raises InvalidParameterError (400) for anything it cannot use.
"""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import TypeVar

from django.conf import settings
from django.contrib.gis.geos import Polygon

from core import cadastral_number
from core.exceptions import InvalidInputError

# A plain decimal number: no "nan", "inf", hex, underscores or non-ASCII digits, which float()
# and int() would otherwise accept.
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_DIGITS = re.compile(r"[0-9]+")
_ECHO_LENGTH = 40
# Largest value of a PostgreSQL bigint primary key.
MAX_DATABASE_ID = 2**63 - 1
# Points added along each edge of a bbox before it is projected, so the curved edges a lon/lat
# box has in a metric CRS are followed closely instead of being cut by a straight chord.
_EDGE_SEGMENTS = 16


T = TypeVar("T")


class InvalidParameterError(InvalidInputError):
    code = "invalid_parameter"


def echo(value: str) -> str:
    """`value` quoted for a message, shortened so a huge parameter is not sent back whole."""
    if len(value) > _ECHO_LENGTH:
        return f"{value[:_ECHO_LENGTH]!r}..."
    return repr(value)


def _present(raw: str | None) -> str | None:
    """`raw` without surrounding spaces, or None when it is absent or blank."""
    if raw is None or raw.strip() == "":
        return None
    return raw.strip()


@dataclass(frozen=True)
class BBox:
    """A lon/lat envelope in degrees (EPSG:4326): west, south, east, north."""

    west: float
    south: float
    east: float
    north: float

    def intersection(self, other: "BBox") -> "BBox | None":
        """The part both boxes share, or None when they share no area."""
        west, south = max(self.west, other.west), max(self.south, other.south)
        east, north = min(self.east, other.east), min(self.north, other.north)
        if west >= east or south >= north:
            return None
        return BBox(west=west, south=south, east=east, north=north)

    def polygon(self, *, srid: int) -> Polygon:
        """The box as a polygon in `srid`, densified in lon/lat before it is projected."""
        ring: list[tuple[float, float]] = []
        corners = [
            (self.west, self.south),
            (self.east, self.south),
            (self.east, self.north),
            (self.west, self.north),
            (self.west, self.south),
        ]
        for (x0, y0), (x1, y1) in pairwise(corners):
            ring.extend(
                (x0 + (x1 - x0) * step / _EDGE_SEGMENTS, y0 + (y1 - y0) * step / _EDGE_SEGMENTS)
                for step in range(_EDGE_SEGMENTS)
            )
        ring.append(ring[0])
        polygon = Polygon(ring, srid=4326)
        if srid != 4326:
            polygon.transform(srid)
        return polygon


def deployment_area() -> BBox:
    """The deployment envelope (settings.MAKON_AREA_BBOX) in degrees."""
    west, south, east, north = settings.MAKON_AREA_BBOX
    return BBox(west=west, south=south, east=east, north=north)


def bbox_search_polygon(bbox: BBox) -> Polygon | None:
    """`bbox` clipped to the deployment area, in the storage CRS; None when nothing is left.

    No registered geometry lies outside the deployment area, and a metric CRS such as UTM
    cannot project points far from its zone, so the box is clipped before it is projected.
    """
    clipped = bbox.intersection(deployment_area())
    if clipped is None:
        return None
    return clipped.polygon(srid=int(settings.MAKON_SRID))


def parse_bbox(raw: str | None, *, name: str = "bbox") -> BBox | None:
    """Parse `minlon,minlat,maxlon,maxlat` in degrees (EPSG:4326, RFC 7946 order)."""
    text = _present(raw)
    if text is None:
        return None
    shape = f"{name} must be minlon,minlat,maxlon,maxlat in degrees (EPSG:4326)"
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != 4:
        raise InvalidParameterError(f"{shape}: got {len(parts)} value(s) in {echo(text)}.")
    labels = ("minlon", "minlat", "maxlon", "maxlat")
    numbers: list[float] = []
    for label, part in zip(labels, parts, strict=True):
        if not _DECIMAL.fullmatch(part):
            raise InvalidParameterError(f"{shape}: {label} {echo(part)} is not a number.")
        number = float(part)
        if not math.isfinite(number):
            raise InvalidParameterError(f"{shape}: {label} {echo(part)} is not a finite number.")
        numbers.append(number)
    west, south, east, north = numbers
    for label, value, limit in (
        ("minlon", west, 180),
        ("minlat", south, 90),
        ("maxlon", east, 180),
        ("maxlat", north, 90),
    ):
        if not -limit <= value <= limit:
            raise InvalidParameterError(
                f"{shape}: {label} {value:g} is outside -{limit}..{limit}"
                + (" (are longitude and latitude swapped?)." if limit == 90 else ".")
            )
    if west >= east:
        raise InvalidParameterError(
            f"{shape}: minlon {west:g} must be less than maxlon {east:g} "
            f"(boxes across the antimeridian are not supported)."
        )
    if south >= north:
        raise InvalidParameterError(
            f"{shape}: minlat {south:g} must be less than maxlat {north:g}."
        )
    return BBox(west=west, south=south, east=east, north=north)


def parse_choice(raw: str | None, *, name: str, choices: Iterable[str]) -> str | None:
    """One of `choices`, exactly as written there."""
    value = _present(raw)
    if value is None:
        return None
    allowed = list(choices)
    if value not in allowed:
        raise InvalidParameterError(f"{name} {echo(value)} is not one of: {', '.join(allowed)}.")
    return value


def parse_positive_int(raw: str | None, *, name: str, maximum: int = MAX_DATABASE_ID) -> int | None:
    """A whole number from 1 to `maximum`, in ASCII digits."""
    value = _present(raw)
    if value is None:
        return None
    if not _DIGITS.fullmatch(value):
        raise InvalidParameterError(
            f"{name} must be a whole number of 1 or more, not {echo(value)}."
        )
    number = int(value) if len(value) <= 20 else maximum + 1
    if not 1 <= number <= maximum:
        raise InvalidParameterError(f"{name} must be between 1 and {maximum}, not {echo(value)}.")
    return number


def parse_code(raw: str | None, *, name: str, max_length: int) -> str | None:
    """An identifier such as an area code: printable, no spaces, at most `max_length` long."""
    value = _present(raw)
    if value is None:
        return None
    if len(value) > max_length:
        raise InvalidParameterError(
            f"{name} is {len(value)} characters long; codes have at most {max_length}."
        )
    if not value.isprintable() or any(char.isspace() for char in value):
        raise InvalidParameterError(f"{name} {echo(value)} contains spaces or control characters.")
    return value


def parse_cadastral_number(
    raw: str | None, *, name: str, level: cadastral_number.Level
) -> cadastral_number.CadastralNumber | None:
    """A cadastral number of `level` (core.cadastral_number), refused naming `name`."""
    value = _present(raw)
    if value is None:
        return None
    try:
        return cadastral_number.parse(value, level=level)
    except InvalidInputError as error:
        raise InvalidParameterError(f"{name}: {error.message}") from None


def require(value: T | None, *, name: str) -> T:
    """`value` from one of the parsers above, refusing a parameter that was left blank."""
    if value is None:
        raise InvalidParameterError(f"{name} is required.")
    return value
