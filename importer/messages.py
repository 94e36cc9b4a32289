"""Readable reasons for refused features, from the codes the importer's SQL gives them.

A code is `name`, `name|field` or `name|field|value` (the value as it stood in the file).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

from cadastre.models import Building, Parcel
from core import cadastral_number as cn
from core.exceptions import InvalidInputError
from gis.models import AdminArea, Camera, InfrastructureSegment
from importer.kinds import FAMILY_NAMES, GeometryFamily, Kind

MODELS = {
    "parcels": Parcel,
    "buildings": Building,
    "cameras": Camera,
    "infrastructure": InfrastructureSegment,
    "admin_areas": AdminArea,
}

EXPECTED_VALUES = {
    "area_official_m2": "a positive number of square metres",
    "floors": "a whole number of floors from 1 to 150",
    "building:levels": "a whole number of floors from 1 to 150",
    "year_built": "a year from 1000 to this year",
    "start_date": "a year from 1000 to this year",
    "direction_deg": "a bearing from 0 to 360 degrees",
    "field_of_view_deg": "an angle above 0 and up to 360 degrees",
    "range_m": "a distance above 0 and up to 5000 metres",
    "diameter_mm": "a positive whole number of millimetres",
    "diameter": "a positive whole number of millimetres",
    "code": "five two-digit groups (AA:BB:CC:DD:EE) for a block",
}

OUTSIDE_HINTS = {
    "swapped": "with x and y swapped it would lie inside: check the axis order "
    "(latitude/longitude instead of longitude/latitude?)",
    "degrees": "the coordinates look like longitude/latitude degrees although EPSG:{srid} is "
    "projected: the CRS given for the file is probably wrong",
    "degrees_swapped": "the coordinates look like latitude/longitude degrees (axes swapped) "
    "although EPSG:{srid} is projected: check the CRS and the axis order",
    "not_degrees": "EPSG:{srid} counts in degrees but these coordinates are not degrees: the "
    "file is probably in a projected CRS",
}


@dataclass(frozen=True)
class RejectedRow:
    """One refused feature as the rejects query returns it."""

    src_fid: int
    source_ref: str
    label: str
    reason: str
    other: str | None
    detail: str | None
    x: float | None
    y: float | None


@dataclass(frozen=True)
class MessageContext:
    kind: Kind
    srid: int
    tolerance_m: float
    field_sources: dict[str, str]


def _geometry_family_text(family: GeometryFamily) -> str:
    if family is GeometryFamily.POINT:
        return "points (or a MultiPoint of one point)"
    return f"{FAMILY_NAMES[family]} (single or multi)"


def _outside(row: RejectedRow, context: MessageContext) -> str:
    west, south, east, north = settings.MAKON_AREA_BBOX
    where = ""
    if row.x is not None and row.y is not None:
        where = f" (lower-left corner {row.x:.8g}, {row.y:.8g} in EPSG:{context.srid})"
    hint = OUTSIDE_HINTS.get(row.detail or "", "check the CRS of the file")
    return (
        f"outside the deployment area {west}..{east} E, {south}..{north} N{where}; "
        + hint.format(srid=context.srid)
    )


def _bad_number(field: str, value: str, context: MessageContext) -> str:
    level = cn.Level.PARCEL if context.kind.name == "parcels" else cn.Level.BUILDING
    try:
        cn.parse(value, level=level)
    except InvalidInputError as error:
        return f"invalid {_field_name(field, context)}: {error.message}"
    return f"invalid {_field_name(field, context)} {value!r}"


def _field_name(field: str, context: MessageContext) -> str:
    source = context.field_sources.get(field)
    return f"{field} (field {source!r})" if source and source != field else field


def _choices(field: str, context: MessageContext) -> str:
    model_field = MODELS[context.kind.name]._meta.get_field(field)
    return ", ".join(str(value) for value, _label in model_field.choices or ())


def _max_length(field: str, context: MessageContext) -> int | None:
    return MODELS[context.kind.name]._meta.get_field(field).max_length


def _key_name(context: MessageContext) -> str:
    return "code" if context.kind.name == "admin_areas" else "cadastral number"


def _registered(row: RejectedRow, context: MessageContext) -> str:
    noun = {"parcels": "parcel", "buildings": "building", "admin_areas": "area"}[context.kind.name]
    since = f" (current version since {row.other})" if row.other else ""
    return f"{noun} {row.label} is already registered{since}"


Formatter = Callable[[RejectedRow, str, str, MessageContext], str]

FORMATTERS: dict[str, Formatter] = {
    "no_geometry": lambda row, field, value, context: "no geometry",
    "empty_geometry": lambda row, field, value, context: "empty geometry",
    "wrong_type": lambda row, field, value, context: (
        f"wrong geometry type {row.detail}: {context.kind.name} need "
        f"{_geometry_family_text(context.kind.family)}"
    ),
    "invalid_geometry": lambda row, field, value, context: f"invalid geometry: {row.detail}",
    "outside_area": lambda row, field, value, context: _outside(row, context),
    "missing": lambda row, field, value, context: f"missing {_field_name(field, context)}",
    "bad_number": lambda row, field, value, context: _bad_number(field, value, context),
    "bad_choice": lambda row, field, value, context: (
        f"{_field_name(field, context)} {value!r} is not one of: {_choices(field, context)}"
    ),
    "too_long": lambda row, field, value, context: (
        f"{_field_name(field, context)} is longer than {_max_length(field, context)} characters"
    ),
    "bad_value": lambda row, field, value, context: (
        f"{_field_name(field, context)} {value!r} is not "
        f"{EXPECTED_VALUES.get(field, 'a valid value')}"
    ),
    "duplicate": lambda row, field, value, context: (
        f"{_key_name(context)} {row.label} appears more than once in the file "
        f"(also feature {row.other})"
    ),
    "registered": lambda row, field, value, context: _registered(row, context),
    "overlaps": lambda row, field, value, context: (
        f"overlaps {row.other} beyond the {context.tolerance_m:g} m tolerance"
    ),
    "sliver": lambda row, field, value, context: (
        f"a sliver: no point of it lies more than {context.tolerance_m:g} m inside its boundary"
    ),
    "unknown_use": lambda row, field, value, context: (
        f"building={value} does not say what the building is used for "
        "(no building:use, amenity, shop or office tag either)"
    ),
    "pipeline_substance": lambda row, field, value, context: (
        f"pipeline substance {value!r} is not a city network (water, gas, sewage, heat)"
        if value
        else "pipeline without a substance tag: its network is unknown"
    ),
    "surveillance_type": lambda row, field, value, context: (
        f"surveillance:type {value!r} is not a camera (camera or ALPR)"
    ),
    "camera_type": lambda row, field, value, context: (
        f"camera:type {value!r} is not fixed, dome or panning"
    ),
    "direction": lambda row, field, value, context: row.other or "unreadable camera:direction",
    "city_parent": lambda row, field, value, context: (
        f"a city has no parent area, but parent_code is {value!r}"
    ),
    "parent_missing": lambda row, field, value, context: (
        f"parent area {value!r} is neither registered nor accepted from this file"
    ),
    "parent_level": lambda row, field, value, context: (
        f"parent area {value!r} is a {row.other}, not a level above {field}"
    ),
}


def rejection_message(row: RejectedRow, context: MessageContext) -> str:
    """The sentence the report gives for `row`."""
    name, _, rest = row.reason.partition("|")
    field, _, value = rest.partition("|")
    formatter = FORMATTERS.get(name)
    if formatter is None:
        return row.reason
    return formatter(row, field, value, context)
