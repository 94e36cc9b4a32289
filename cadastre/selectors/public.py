"""What anyone may read about parcels and buildings without logging in.

Only current versions, and only facts about the land and the buildings: never a party, a
right, a share or a document. Geometry leaves the database as GeoJSON text in EPSG:4326
(annotation `geometry_geojson`); the stored geometry columns are not loaded.
"""

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    FloatField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Abs, Cast, Coalesce, JSONObject
from django.db.models.lookups import GreaterThan

from cadastre.models import Building, BuildingUnit, Parcel
from core.cadastral_number import CadastralNumber
from core.exceptions import NotFoundError
from core.geojson import geojson_4326
from core.params import BBox
from gis.models import AdminArea
from gis.selectors import admin_area_find, admin_area_subtree, within_bbox

_GEOMETRY_COLUMNS = ("geom", "geom_3857")
# city > district > mahalla > block: the block's ancestors the parcel detail names.
_BLOCK_LINEAGE = "block__parent__parent__parent"


def _without_geometry(relations: list[str]) -> list[str]:
    """Geometry columns of the model and of each select_related relation, to defer."""
    return [
        f"{relation}__{column}" if relation else column
        for relation in ["", *relations]
        for column in _GEOMETRY_COLUMNS
    ]


def _area_differs() -> Case:
    """True when the ellipsoidal area is off the official one by more than the tolerance."""
    official = Cast("area_official_m2", FloatField())
    tolerance = float(settings.MAKON_AREA_TOLERANCE)
    return Case(
        When(area_official_m2__isnull=True, then=Value(None)),
        When(
            GreaterThan(Abs(F("area_computed_m2") - official), official * Value(tolerance)),
            then=Value(True),
        ),
        default=Value(False),
        output_field=BooleanField(null=True),
    )


def _units_count() -> Coalesce:
    """Number of current units registered in the building (0 for an unregistered one)."""
    units = (
        BuildingUnit.objects.current()
        .filter(building_number=OuterRef("cadastral_number"))
        .order_by()
        .values("building_number")
        .annotate(count=Count("id"))
        .values("count")
    )
    return Coalesce(Subquery(units), Value(0))


def _parcel_output(parcels: QuerySet[Parcel], *, lineage: str) -> QuerySet[Parcel]:
    relations = [lineage.rsplit("__", depth)[0] for depth in range(lineage.count("__") + 1)]
    return (
        parcels.select_related(lineage)
        .defer(*_without_geometry(relations), "source_srid")
        .annotate(geometry_geojson=geojson_4326(), area_differs=_area_differs())
    )


def parcel_list_public(
    *,
    bbox: BBox | None = None,
    land_use: str | None = None,
    district_code: str | None = None,
) -> QuerySet[Parcel]:
    """Current parcels by id, with GeoJSON (EPSG:4326) boundary and area check, no holders."""
    parcels = Parcel.objects.current()
    if land_use is not None:
        parcels = parcels.filter(land_use=land_use)
    if district_code is not None:
        district = admin_area_find(
            code=district_code, level=AdminArea.Level.DISTRICT, parameter="district"
        )
        parcels = parcels.filter(block__in=admin_area_subtree(area=district))
    parcels = within_bbox(parcels, bbox=bbox)
    return _parcel_output(parcels, lineage="block").order_by("id")


def parcel_get_public(*, cadastral_number: CadastralNumber) -> Parcel:
    """The current parcel `cadastral_number` with its area lineage and current buildings."""
    buildings = (
        Building.objects.current()
        .filter(parcel_number=OuterRef("cadastral_number"))
        .order_by("cadastral_number")
        .values(json=JSONObject(cadastral_number="cadastral_number", use="use", floors="floors"))
    )
    parcel = (
        _parcel_output(
            Parcel.objects.current().filter(cadastral_number=str(cadastral_number)),
            lineage=_BLOCK_LINEAGE,
        )
        .annotate(buildings_on_parcel=ArraySubquery(buildings))
        .first()
    )
    if parcel is None:
        raise NotFoundError(f"No parcel in force has the cadastral number {cadastral_number}.")
    return parcel


def _building_output(buildings: QuerySet[Building]) -> QuerySet[Building]:
    return buildings.defer(*_GEOMETRY_COLUMNS, "source_ref").annotate(
        geometry_geojson=geojson_4326(), units_count=_units_count()
    )


def building_list_public(
    *,
    bbox: BBox | None = None,
    use: str | None = None,
    parcel_number: CadastralNumber | None = None,
) -> QuerySet[Building]:
    """Current buildings by id, with GeoJSON (EPSG:4326) footprint and number of units."""
    buildings = Building.objects.current()
    if use is not None:
        buildings = buildings.filter(use=use)
    if parcel_number is not None:
        buildings = buildings.filter(parcel_number=str(parcel_number))
    buildings = within_bbox(buildings, bbox=bbox)
    return _building_output(buildings).order_by("id")


def building_get_public(*, cadastral_number: CadastralNumber) -> Building:
    """The current building `cadastral_number`, with GeoJSON (EPSG:4326) footprint and units."""
    building = _building_output(
        Building.objects.current().filter(cadastral_number=str(cadastral_number))
    ).first()
    if building is None:
        raise NotFoundError(f"No building in force has the cadastral number {cadastral_number}.")
    return building
