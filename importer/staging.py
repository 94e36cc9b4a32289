"""Loading one source layer, untransformed, into a staging table with ogr2ogr.

The staging table is created by the importer with fixed text columns (one per target field, or
the OSM ids and tags); ogr2ogr appends the layer to it over its own connection with COPY, the
source fields routed to those columns by index (-fieldmap), so no name from the file ever reaches
SQL. Geometries keep their source coordinates, tagged with the EPSG code the inspection settled
on (the staging column's type).
"""

import os
import shutil
import subprocess
from collections.abc import Sequence

from django.db import connection
from psycopg2 import sql

from importer.errors import ImportRefusedError
from importer.source import OSM_CONFIG, SourceLayer
from importer.sqlfiles import SCHEMA, RunTables, statement_text

GEOJSON_DRIVER = "GeoJSON"


def staging_create(*, tables: RunTables, columns: Sequence[str], srid: int) -> None:
    """Create the run's staging table with one text column per name in `columns`."""
    column_list = sql.SQL(", ").join(
        sql.SQL("{} text").format(sql.Identifier(column)) for column in columns
    )
    statement = sql.SQL(statement_text("staging_create")).format(
        staging=sql.Identifier(SCHEMA, tables.staging),
        columns=column_list,
        srid=sql.Literal(int(srid)),
    )
    with connection.cursor() as cursor:
        cursor.execute(statement.as_string(cursor.connection), {})


def staging_drop(*, tables: RunTables) -> None:
    """Drop every table of the run that still exists."""
    names = sql.SQL(", ").join(
        sql.Identifier(SCHEMA, tables.name(role))
        for role in ("source", "work", "inner", "conflict")
    )
    statement = sql.SQL("DROP TABLE IF EXISTS {names}").format(names=names)
    with connection.cursor() as cursor:
        cursor.execute(statement.as_string(cursor.connection), {})


def field_map(
    *, source_fields: Sequence[str], columns: Sequence[str], routes: dict[str, str]
) -> str:
    """The -fieldmap argument: for each source field, the staging column index or -1.

    `routes` maps staging column -> source field name.
    """
    by_source = {source: column for column, source in routes.items()}
    indexes = [
        str(columns.index(by_source[field])) if field in by_source else "-1"
        for field in source_fields
    ]
    return ",".join(indexes)


def _pg_target(tables: RunTables) -> tuple[str, dict[str, str]]:
    """The PG: data source name and the libpq environment for ogr2ogr's own connection."""
    settings_dict = connection.settings_dict
    environment = {
        "PGHOST": str(settings_dict.get("HOST") or ""),
        "PGPORT": str(settings_dict.get("PORT") or ""),
        "PGUSER": str(settings_dict.get("USER") or ""),
        "PGPASSWORD": str(settings_dict.get("PASSWORD") or ""),
        "PGDATABASE": str(settings_dict["NAME"]),
        "PGAPPNAME": "makon-import",
    }
    environment = {key: value for key, value in environment.items() if value}
    # Only the run's own table is listed, so opening the database costs nothing.
    return f"PG:tables={SCHEMA}.{tables.staging}", environment


def staging_load(
    *, tables: RunTables, layer: SourceLayer, columns: Sequence[str], routes: dict[str, str]
) -> None:
    """Append `layer` to the run's staging table with ogr2ogr (COPY, one transaction)."""
    executable = shutil.which("ogr2ogr")
    if executable is None:
        raise ImportRefusedError("ogr2ogr (GDAL) is not installed; install gdal-bin.")
    target, environment = _pg_target(tables)
    command = [
        executable,
        "-append",
        "-f",
        "PostgreSQL",
        target,
        str(layer.path),
        layer.layer,
        "-nln",
        f"{SCHEMA}.{tables.staging}",
        "-fieldmap",
        field_map(source_fields=layer.fields, columns=columns, routes=routes),
        "-dim",
        "XY",
        "-gt",
        "unlimited",
        "--config",
        "PG_USE_COPY",
        "YES",
    ]
    if layer.is_osm:
        command += ["--config", "OSM_CONFIG_FILE", str(OSM_CONFIG)]
    else:
        command.append("-preserve_fid")
    if layer.driver == GEOJSON_DRIVER:
        # Cadastral numbers such as 10:01:02:03:04:0005 look like times to the GeoJSON reader.
        command += ["-oo", "DATE_AS_STRING=YES"]
    completed = subprocess.run(  # noqa: S603 - fixed executable, argument list, no shell
        command,
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        errors = [line for line in completed.stderr.splitlines() if line.startswith("ERROR")]
        detail = (errors or completed.stderr.splitlines() or ["no message"])[0]
        raise ImportRefusedError(f"{layer.path.name} could not be read completely: {detail}")
