"""Reads of the city GIS: administrative areas, infrastructure and cameras, public fields only.

Geometry leaves the database as GeoJSON text in EPSG:4326 (annotation `geometry_geojson`); the
stored geometry columns are not loaded. A bbox is clipped to the deployment area, projected to
the storage CRS and compared with ST_Intersects, which the GiST index on `geom` serves.
"""

from typing import TypeVar

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from core.exceptions import NotFoundError
from core.geo import GeographyLength
from core.geojson import geojson_4326
from core.params import BBox, InvalidParameterError, bbox_search_polygon
from gis.models import AdminArea, Camera, InfrastructureSegment

# Columns no public answer needs; loading them would only cost time (geometry) or leak.
_GEOMETRY_COLUMNS = ("geom", "geom_3857")
_CAMERA_PRIVATE_COLUMNS = ("stream_ref", "source_ref")
# city > district > mahalla > block: an area has at most three levels below it.
_MAX_DEPTH = 3

Rows = TypeVar("Rows", bound=QuerySet)


def _level_rank() -> Case:
    """City first, then districts, mahallas and blocks."""
    return Case(
        *(When(level=level, then=Value(rank)) for rank, level in enumerate(AdminArea.Level)),
        output_field=IntegerField(),
    )


def within_bbox(queryset: Rows, *, bbox: BBox | None, field: str = "geom") -> Rows:
    """`queryset` narrowed to rows whose `field` (storage CRS) intersects the lon/lat `bbox`."""
    if bbox is None:
        return queryset
    search_area = bbox_search_polygon(bbox)
    if search_area is None:
        return queryset.none()
    return queryset.filter(**{f"{field}__intersects": search_area})


def admin_area_find(*, code: str, level: str, parameter: str) -> AdminArea:
    """The area of `level` with `code`; an unknown code is a bad value of `parameter` (400)."""
    area = AdminArea.objects.filter(code=code, level=level).only("id", "code", "level").first()
    if area is None:
        label = AdminArea.Level(level).label.lower()
        raise InvalidParameterError(f"{parameter}: no {label} has the code {code!r}.")
    return area


def admin_area_subtree(*, area: AdminArea) -> QuerySet[AdminArea]:
    """`area` and every area nested in it."""
    condition = Q(pk=area.pk)
    path = "parent"
    for _ in range(_MAX_DEPTH):
        condition |= Q(**{path: area.pk})
        path += "__parent"
    return AdminArea.objects.filter(condition)


def admin_area_lineage(*, area: AdminArea | None) -> dict[str, AdminArea]:
    """`area` and its loaded ancestors by level (select_related the parents to avoid queries)."""
    lineage: dict[str, AdminArea] = {}
    depth = 0
    while area is not None and depth <= _MAX_DEPTH:
        lineage.setdefault(area.level, area)
        area = area.parent if area.parent_id is not None else None
        depth += 1
    return lineage


def admin_area_list(
    *, bbox: BBox | None = None, level: str | None = None, parent_code: str | None = None
) -> QuerySet[AdminArea]:
    """Administrative areas, city first then level by level, with GeoJSON (EPSG:4326) geometry."""
    areas = AdminArea.objects.all()
    if level is not None:
        areas = areas.filter(level=level)
    if parent_code is not None:
        parent = AdminArea.objects.filter(code=parent_code).only("id").first()
        if parent is None:
            raise InvalidParameterError(
                f"parent: no administrative area has the code {parent_code!r}."
            )
        areas = areas.filter(parent=parent)
    areas = within_bbox(areas, bbox=bbox)
    return _admin_area_output(areas).order_by(_level_rank(), "code")


def admin_area_get(*, code: str) -> AdminArea:
    """The administrative area with `code`, with GeoJSON (EPSG:4326) geometry."""
    area = _admin_area_output(AdminArea.objects.filter(code=code)).first()
    if area is None:
        raise NotFoundError(f"No administrative area has the code {code!r}.")
    return area


def _admin_area_output(areas: QuerySet[AdminArea]) -> QuerySet[AdminArea]:
    return (
        areas.select_related("parent")
        .defer(*_GEOMETRY_COLUMNS, "source_ref", "parent__geom", "parent__geom_3857")
        .annotate(geometry_geojson=geojson_4326())
    )


def camera_list(
    *, bbox: BBox | None = None, kind: str | None = None, status: str | None = None
) -> QuerySet[Camera]:
    """Street cameras by id, with GeoJSON (EPSG:4326) position; never the stream reference."""
    cameras = Camera.objects.all()
    if kind is not None:
        cameras = cameras.filter(kind=kind)
    if status is not None:
        cameras = cameras.filter(status=status)
    return _camera_output(within_bbox(cameras, bbox=bbox)).order_by("id")


def camera_get(*, camera_id: int) -> Camera:
    """The camera `camera_id`, with GeoJSON (EPSG:4326) position; never the stream reference."""
    camera = _camera_output(Camera.objects.filter(pk=camera_id)).first()
    if camera is None:
        raise NotFoundError(f"No camera has the id {camera_id}.")
    return camera


def _camera_output(cameras: QuerySet[Camera]) -> QuerySet[Camera]:
    return cameras.defer(*_GEOMETRY_COLUMNS, *_CAMERA_PRIVATE_COLUMNS).annotate(
        geometry_geojson=geojson_4326()
    )


def infrastructure_segment_list(
    *, bbox: BBox | None = None, network: str | None = None, status: str | None = None
) -> QuerySet[InfrastructureSegment]:
    """Network segments by id, with GeoJSON (EPSG:4326) line and ellipsoidal length in metres."""
    segments = InfrastructureSegment.objects.all()
    if network is not None:
        segments = segments.filter(network=network)
    if status is not None:
        segments = segments.filter(status=status)
    return _segment_output(within_bbox(segments, bbox=bbox)).order_by("id")


def infrastructure_segment_get(*, segment_id: int) -> InfrastructureSegment:
    """The network segment `segment_id`, with GeoJSON (EPSG:4326) line and length in metres."""
    segment = _segment_output(InfrastructureSegment.objects.filter(pk=segment_id)).first()
    if segment is None:
        raise NotFoundError(f"No infrastructure segment has the id {segment_id}.")
    return segment


def _segment_output(
    segments: QuerySet[InfrastructureSegment],
) -> QuerySet[InfrastructureSegment]:
    return segments.defer(*_GEOMETRY_COLUMNS, "source_ref").annotate(
        geometry_geojson=geojson_4326(), length_m=GeographyLength("geom")
    )
