"""What each kind of import reads: its target fields, geometry family and OSM layer."""

import enum
from dataclasses import dataclass


class GeometryFamily(enum.StrEnum):
    POLYGON = "polygon"
    POINT = "point"
    LINE = "line"


# Geometry types (PostGIS GeometryType names) each family accepts.
ACCEPTED_TYPES = {
    GeometryFamily.POLYGON: ("POLYGON", "MULTIPOLYGON"),
    GeometryFamily.POINT: ("POINT", "MULTIPOINT"),
    GeometryFamily.LINE: ("LINESTRING", "MULTILINESTRING"),
}

FAMILY_NAMES = {
    GeometryFamily.POLYGON: "polygons",
    GeometryFamily.POINT: "points",
    GeometryFamily.LINE: "lines",
}


@dataclass(frozen=True)
class Kind:
    """One import kind: `targets` are model fields a source attribute can be mapped to."""

    name: str
    targets: tuple[str, ...]
    required: tuple[str, ...]
    family: GeometryFamily
    label_target: str | None
    osm_layer: str | None = None

    @property
    def accepts_osm(self) -> bool:
        return self.osm_layer is not None


KINDS = {
    kind.name: kind
    for kind in (
        Kind(
            name="parcels",
            targets=("cadastral_number", "land_use", "address", "area_official_m2"),
            # land_use too: the register has no parcel without one and nothing to derive it from.
            required=("cadastral_number", "land_use"),
            family=GeometryFamily.POLYGON,
            label_target="cadastral_number",
        ),
        Kind(
            name="buildings",
            targets=("cadastral_number", "use", "floors", "year_built", "address"),
            required=("use",),
            family=GeometryFamily.POLYGON,
            label_target="cadastral_number",
            osm_layer="multipolygons",
        ),
        Kind(
            name="cameras",
            targets=("name", "kind", "direction_deg", "field_of_view_deg", "range_m", "status"),
            required=(),
            family=GeometryFamily.POINT,
            label_target="name",
            osm_layer="points",
        ),
        Kind(
            name="infrastructure",
            targets=("network", "name", "status", "diameter_mm", "material", "owner_body"),
            required=("network",),
            family=GeometryFamily.LINE,
            label_target="name",
            osm_layer="lines",
        ),
        Kind(
            name="admin_areas",
            targets=("level", "code", "name_uz", "name_ru", "name_en", "parent_code"),
            required=("level", "code", "name_uz"),
            family=GeometryFamily.POLYGON,
            label_target="code",
        ),
    )
}

# Columns of an OSM staging table: the ids and every tag as hstore text (see osmconf.ini).
OSM_COLUMNS = ("osm_id", "osm_way_id", "all_tags")
