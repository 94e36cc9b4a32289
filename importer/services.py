"""Importing one layer of a GeoPackage, Shapefile, GeoJSON or OSM file into the register.

A run: inspect the file (layer, fields, CRS) -> load the layer untouched into a staging table
with ogr2ogr -> in one transaction, check every feature set-based in SQL, register the accepted
ones and write the report of the refused ones -> drop the run's tables. Nothing is written
unless the whole run succeeds.
"""

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from cadastre.models import Building, LandUse, Parcel
from core import cadastral_number as cn
from core.bulk import derived_data_triggers_suspended, plain_indexes_suspended
from core.geo import storage_srid
from gis.models import AdminArea, AssetStatus, Camera, Network
from importer import osm
from importer.errors import ImportRefusedError
from importer.kinds import ACCEPTED_TYPES, KINDS, OSM_COLUMNS, Kind
from importer.messages import MessageContext, RejectedRow, rejection_message
from importer.report import report_default_path, report_write
from importer.source import SourceLayer, source_layer_open
from importer.sqlfiles import RunTables, execute, fetch_all
from importer.staging import staging_create, staging_drop, staging_load
from tiles.services import parcel_features_rebuild

logger = logging.getLogger(__name__)

# A block's code is the first five groups of its parcels' cadastral numbers.
BLOCK_CODE_PATTERN = cn.PARCEL_PATTERN.removesuffix(":[0-9]{4}$") + "$"

# Two parcels overlap beyond the tolerance (metres) when some point lies deeper than it inside
# both; thinner overlaps are digitising slivers and pass.
DEFAULT_OVERLAP_TOLERANCE_M = 0.05

# Imports of at least this many parcels that also at least double the register are loaded in
# bulk (see _bulk_load_due).
BULK_LOAD_MIN_PARCELS = 10_000


def overlap_tolerance_m() -> float:
    return float(getattr(settings, "MAKON_OVERLAP_TOLERANCE_M", DEFAULT_OVERLAP_TOLERANCE_M))


@dataclass(frozen=True)
class Rejection:
    source_id: str
    label: str
    reason: str


@dataclass(frozen=True)
class ImportResult:
    """What a run did (or, for a dry run, would do)."""

    kind: str
    source: SourceLayer
    imported: int
    rejected: list[Rejection]
    skipped: int
    dry_run: bool
    report_path: Path
    records: int
    seconds: float
    features: int = 0
    field_sources: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        verb = "would import" if self.dry_run else "imported"
        line = f"{verb} {self.imported}, rejected {len(self.rejected)}"
        if self.records != self.imported and not self.dry_run:
            line += f" ({self.records} records: multi-part lines are split into segments)"
        if self.skipped:
            line += f" (skipped {self.skipped} features that are not {self.kind})"
        return line


# --- field mapping ---------------------------------------------------------------------------


def _default_source(target: str, fields: Sequence[str]) -> str | None:
    if target in fields:
        return target
    folded = [name for name in fields if name.lower() == target.lower()]
    return folded[0] if len(folded) == 1 else None


def field_routes(
    *, kind: Kind, source: SourceLayer, mapping: dict[str, str]
) -> tuple[tuple[str, ...], dict[str, str]]:
    """The staging columns for `kind` and, per column, the source field that fills it."""
    if source.is_osm:
        if mapping:
            raise ImportRefusedError(
                "--map does not apply to OSM files: their tags are read by their OSM keys."
            )
        return OSM_COLUMNS, {column: column for column in OSM_COLUMNS if column in source.fields}
    fields = ", ".join(source.fields) or "none"
    unknown = sorted(set(mapping) - set(kind.targets))
    if unknown:
        raise ImportRefusedError(
            f"--map {unknown[0]}=...: {kind.name} have no field {unknown[0]!r}; "
            f"the targets are: {', '.join(kind.targets)}."
        )
    routes: dict[str, str] = {}
    for target in kind.targets:
        if target in mapping:
            if mapping[target] not in source.fields:
                raise ImportRefusedError(
                    f"--map {target}={mapping[target]}: layer {source.layer!r} has no field "
                    f"{mapping[target]!r} (fields: {fields})."
                )
            routes[target] = mapping[target]
        elif (default := _default_source(target, source.fields)) is not None:
            routes[target] = default
    for target in kind.required:
        if target not in routes:
            raise ImportRefusedError(
                f"{kind.name} need {target}, but layer {source.layer!r} has no field "
                f"{target!r}; name the field that holds it with --map {target}=FIELD "
                f"(fields: {fields})."
            )
    taken: dict[str, str] = {}
    for target, source_field in routes.items():
        if source_field in taken:
            raise ImportRefusedError(
                f"Field {source_field!r} is mapped to both {taken[source_field]} and {target}; "
                "map each target to its own field."
            )
        taken[source_field] = target
    return kind.targets, routes


# --- the run ---------------------------------------------------------------------------------


@contextmanager
def _phase(name: str) -> Iterator[None]:
    started = time.monotonic()
    yield
    logger.debug("import phase %-12s %6.2f s", name, time.monotonic() - started)


def _area_params(source: SourceLayer) -> dict[str, Any]:
    west, south, east, north = settings.MAKON_AREA_BBOX
    params: dict[str, Any] = {
        "west": west,
        "south": south,
        "east": east,
        "north": north,
        "source_srid": source.srid,
        "storage_srid": storage_srid(),
        "geographic": source.is_geographic,
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM spatial_ref_sys WHERE srid = %(srid)s", {"srid": source.srid})
        if cursor.fetchone() is None:
            raise ImportRefusedError(f"EPSG:{source.srid} is not in PostGIS's spatial_ref_sys.")
    try:
        with transaction.atomic():
            (xmin, ymin, xmax, ymax), *_ = fetch_all("area_envelope", RunTables.new(), params)
    except DatabaseError as error:  # PROJ cannot put the area into that CRS
        raise ImportRefusedError(
            f"EPSG:{source.srid} cannot express the deployment area "
            f"{west}..{east} E, {south}..{north} N ({str(error).splitlines()[0]})."
        ) from None
    params.update({"xmin": xmin, "ymin": ymin, "xmax": xmax, "ymax": ymax})
    return params


def _staged_count(tables: RunTables) -> int:
    ((count,),) = fetch_all("staged_count", tables)
    return int(count)


@dataclass
class Run:
    kind: Kind
    source: SourceLayer
    tables: RunTables
    params: dict[str, Any]


def _validation_params(run: Run, **extra: Any) -> dict[str, Any]:
    return {
        **run.params,
        "family": run.kind.family.value,
        "types": list(ACCEPTED_TYPES[run.kind.family]),
        **extra,
    }


def _this_year() -> int:
    return timezone.localdate().year


def _validate_parcels(run: Run) -> None:
    with _phase("attributes"):
        execute(
            "parcels_validate",
            run.tables,
            _validation_params(
                run, number_pattern=cn.PARCEL_PATTERN, land_uses=list(LandUse.values)
            ),
        )
    with _phase("duplicates"):
        execute("duplicates", run.tables)
        execute("parcels_registered", run.tables)
    with _phase("overlaps"):
        execute("parcels_overlaps", run.tables, {"tolerance_m": overlap_tolerance_m()})
    with _phase("blocks"):
        execute("parcels_blocks", run.tables)


def _bulk_load_due(accepted: int) -> bool:
    """Whether an import is big enough against the register to load it like a bulk load.

    An initial load (or one that at least doubles the register) builds the parcel indexes once
    over all rows and rebuilds the tile features in one pass: about twice as fast as
    maintaining them row by row. Smaller imports into a big register would pay for indexing
    every existing parcel again, so they insert normally.
    """
    if accepted < BULK_LOAD_MIN_PARCELS:
        return False
    return accepted >= Parcel.objects.filter(valid_until__isnull=True).count()


def _insert_parcels(run: Run) -> int:
    params = {"epoch_ms": time.time_ns() // 1_000_000, "source_srid": run.source.srid}
    accepted = fetch_all("counts", run.tables)[0][0]
    if not _bulk_load_due(accepted):
        return execute("parcels_insert", run.tables, params)
    tables = [Parcel._meta.db_table]
    with derived_data_triggers_suspended(tables) as rebuild_due:
        with plain_indexes_suspended(tables), _phase("bulk rows"):
            inserted = execute("parcels_insert", run.tables, params)
        logger.debug("import phase %-12s", "indexes built")
    if rebuild_due:
        with _phase("tile rebuild"):
            parcel_features_rebuild()
    return inserted


def _validate_buildings(run: Run) -> None:
    if run.source.is_osm:
        use_tags = [tag for tags in osm.BUILDING_USE.values() for tag in tags]
        use_values = [str(use) for use, tags in osm.BUILDING_USE.items() for _tag in tags]
        execute(
            "buildings_osm_validate",
            run.tables,
            _validation_params(
                run,
                use_tags=use_tags,
                use_values=use_values,
                public_amenities=list(osm.PUBLIC_AMENITIES),
                this_year=_this_year(),
            ),
        )
    else:
        execute(
            "buildings_validate",
            run.tables,
            _validation_params(
                run,
                number_pattern=cn.BUILDING_PATTERN,
                uses=list(Building.Use.values),
                this_year=_this_year(),
            ),
        )
    execute("duplicates", run.tables)
    execute("buildings_registered", run.tables)


def _insert_buildings(run: Run) -> int:
    return execute("buildings_insert", run.tables, {"epoch_ms": time.time_ns() // 1_000_000})


def _camera_directions(run: Run) -> None:
    """Parse the OSM bearings SQL left as text and store them (or refuse the camera)."""
    src_fids: list[int] = []
    bearings: list[float | None] = []
    fields_of_view: list[float | None] = []
    reasons: list[str | None] = []
    messages: list[str | None] = []
    for src_fid, text in fetch_all("cameras_directions", run.tables):
        src_fids.append(src_fid)
        try:
            direction = osm.direction_parse(text)
        except osm.DirectionError as error:
            bearings.append(None)
            fields_of_view.append(None)
            reasons.append("direction|camera:direction|" + text)
            messages.append(str(error))
            continue
        bearings.append(direction.bearing_deg)
        fields_of_view.append(direction.field_of_view_deg)
        reasons.append(None)
        messages.append(None)
    if src_fids:
        execute(
            "cameras_directions_set",
            run.tables,
            {
                "src_fids": src_fids,
                "bearings": bearings,
                "fields_of_view": fields_of_view,
                "reasons": reasons,
                "messages": messages,
            },
        )


def _validate_cameras(run: Run) -> None:
    if run.source.is_osm:
        execute(
            "cameras_osm_validate",
            run.tables,
            _validation_params(
                run,
                camera_types=list(osm.CAMERA_KIND),
                camera_kinds=[str(kind) for kind in osm.CAMERA_KIND.values()],
            ),
        )
        _camera_directions(run)
    else:
        execute(
            "cameras_validate",
            run.tables,
            _validation_params(
                run, kinds=list(Camera.Kind.values), statuses=list(Camera.Status.values)
            ),
        )


def _insert_cameras(run: Run) -> int:
    return execute("cameras_insert", run.tables)


def _validate_infrastructure(run: Run) -> None:
    if run.source.is_osm:
        execute(
            "infrastructure_osm_validate",
            run.tables,
            _validation_params(
                run,
                substances=list(osm.PIPELINE_NETWORK),
                substance_networks=[str(network) for network in osm.PIPELINE_NETWORK.values()],
                power_lines=list(osm.POWER_LINES),
                planned_highways=list(osm.PLANNED_HIGHWAYS),
            ),
        )
    else:
        execute(
            "infrastructure_validate",
            run.tables,
            _validation_params(
                run, networks=list(Network.values), statuses=list(AssetStatus.values)
            ),
        )


def _insert_infrastructure(run: Run) -> int:
    return execute("infrastructure_insert", run.tables)


# Parents come first: a level is checked and inserted after every level above it.
ADMIN_LEVELS = [str(level) for level in AdminArea.Level.values]


def _validate_admin_areas(run: Run) -> None:
    execute(
        "admin_areas_validate",
        run.tables,
        _validation_params(run, levels=ADMIN_LEVELS, block_code_pattern=BLOCK_CODE_PATTERN),
    )
    execute("duplicates", run.tables)
    execute("admin_areas_registered", run.tables)
    for rank, level in enumerate(ADMIN_LEVELS[1:], start=1):
        execute(
            "admin_areas_parents",
            run.tables,
            {"level": level, "higher_levels": ADMIN_LEVELS[:rank]},
        )


def _insert_admin_areas(run: Run) -> int:
    return sum(
        execute("admin_areas_insert", run.tables, {"level": level}) for level in ADMIN_LEVELS
    )


@dataclass(frozen=True)
class Pipeline:
    validate: Callable[[Run], None]
    insert: Callable[[Run], int]


PIPELINES: dict[str, Pipeline] = {
    "parcels": Pipeline(validate=_validate_parcels, insert=_insert_parcels),
    "buildings": Pipeline(validate=_validate_buildings, insert=_insert_buildings),
    "cameras": Pipeline(validate=_validate_cameras, insert=_insert_cameras),
    "infrastructure": Pipeline(validate=_validate_infrastructure, insert=_insert_infrastructure),
    "admin_areas": Pipeline(validate=_validate_admin_areas, insert=_insert_admin_areas),
}


def _rejections(run: Run, routes: dict[str, str]) -> list[Rejection]:
    rows = [RejectedRow(*row) for row in fetch_all("rejects", run.tables, run.params)]
    context = MessageContext(
        kind=run.kind,
        srid=run.source.srid,
        tolerance_m=overlap_tolerance_m(),
        field_sources=routes,
    )
    return [
        Rejection(
            source_id=row.source_ref, label=row.label or "", reason=rejection_message(row, context)
        )
        for row in rows
    ]


def _counts(run: Run) -> tuple[int, int]:
    """Accepted and skipped features of the run."""
    ((accepted, skipped),) = fetch_all("counts", run.tables)
    return int(accepted), int(skipped)


def layer_import(
    *,
    path: Path,
    kind: str,
    layer: str | None = None,
    srid: int | None = None,
    mapping: dict[str, str] | None = None,
    dry_run: bool = False,
    report_path: Path | None = None,
) -> ImportResult:
    """Import one layer of `path` as `kind`; returns counts and every refused feature."""
    started = time.monotonic()
    spec = KINDS[kind]
    with _phase("inspect"):
        source = source_layer_open(path=path, kind=spec, layer=layer, srid=srid)
        columns, routes = field_routes(kind=spec, source=source, mapping=mapping or {})
        if connection.in_atomic_block:
            raise ImportRefusedError(
                "The importer runs its own transaction and loads through a second connection; "
                "call it outside any transaction."
            )
        params = _area_params(source)
    tables = RunTables.new()
    report_path = report_path or report_default_path(kind=kind, tables=tables)
    try:
        with _phase("load"):
            staging_create(tables=tables, columns=columns, srid=source.srid)
            staging_load(tables=tables, layer=source, columns=columns, routes=routes)
            features = _staged_count(tables)
        if features == 0 and not source.is_osm:
            raise ImportRefusedError(f"Layer {source.layer!r} of {path.name} has no features.")
        run = Run(kind=spec, source=source, tables=tables, params=params)
        pipeline = PIPELINES[kind]
        with transaction.atomic():
            pipeline.validate(run)
            with _phase("rejects"):
                rejected = _rejections(run, routes)
                accepted, skipped = _counts(run)
            with _phase("insert"):
                records = 0 if dry_run else pipeline.insert(run)
            # Inside the transaction: if the report cannot be written, nothing is imported.
            report_write(path=report_path, rejections=rejected)
        logger.debug("import phase %-12s", "committed")
    finally:
        try:
            staging_drop(tables=tables)
        except DatabaseError:
            # Never hide why the run failed; a leftover table only costs space.
            logger.exception("Could not drop the staging tables of import %s", tables.token)
    return ImportResult(
        kind=kind,
        source=source,
        imported=accepted,
        records=records,
        rejected=rejected,
        skipped=skipped,
        dry_run=dry_run,
        report_path=report_path,
        seconds=time.monotonic() - started,
        features=features,
        field_sources=routes,
    )
