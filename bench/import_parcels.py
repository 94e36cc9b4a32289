"""Parcel import throughput: python bench/import_parcels.py [--parcels 200000] [--runs 1]

Generates a GeoPackage of N adjacent, non-overlapping parcels in EPSG:32642 (a grid over
central Tashkent whose shared corners are jittered, so neighbours meet along slanted edges and
every pair of neighbours has to be checked for overlap like in a real cadastral survey), then
imports it with `manage.py import_layer --kind parcels` into its own database,
makon_import_bench (created and migrated on first use, its parcel table emptied before each
run), and prints features per second over the command's whole wall time.

With --baseline it then times a bare INSERT ... SELECT of the same, already checked rows into an
emptied cadastre_parcel: the part of the run the register's own indexes, constraints and
generated columns cost, whatever the importer does.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
DATABASE = "makon_import_bench"
CELL_M = 20.0  # parcel size
JITTER_M = 3.0  # how far each shared corner moves, at most
ORIGIN = (455_000.0, 4_565_000.0)  # EPSG:32642, south-west of central Tashkent


def _jitter(i: int, j: int, axis: int) -> float:
    """A deterministic offset in [-JITTER_M, JITTER_M] for grid corner (i, j)."""
    value = math.sin(i * 12.9898 + j * 78.233 + axis * 37.719) * 43758.5453
    return (value - math.floor(value) - 0.5) * 2 * JITTER_M


def _corner(i: int, j: int) -> tuple[float, float]:
    return (
        round(ORIGIN[0] + i * CELL_M + _jitter(i, j, 0), 3),
        round(ORIGIN[1] + j * CELL_M + _jitter(i, j, 1), 3),
    )


def cadastral_number(index: int) -> str:
    block, parcel = divmod(index, 10_000)
    zone, rest = divmod(block, 10_000)
    massif, block_in_massif = divmod(rest, 100)
    return f"10:01:{zone:02d}:{massif:02d}:{block_in_massif:02d}:{parcel:04d}"


def build_geopackage(count: int) -> Path:
    """The GeoPackage of `count` parcels, built once and kept under bench/out/."""
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / f"parcels_{count}.gpkg"
    if target.exists():
        return target
    side = math.ceil(math.sqrt(count))
    collection = OUT / f"parcels_{count}.geojson"
    uses = ("residential", "apartments", "commercial", "public")
    # A FeatureCollection, read with DATE_AS_STRING: GDAL takes 10:01:00:... for a time otherwise.
    with collection.open("w", encoding="utf-8") as stream:
        stream.write('{"type": "FeatureCollection", "features": [\n')
        for index in range(count):
            i, j = divmod(index, side)
            ring = [_corner(i, j), _corner(i + 1, j), _corner(i + 1, j + 1), _corner(i, j + 1)]
            ring.append(ring[0])
            stream.write(
                json.dumps(
                    {
                        "type": "Feature",
                        "properties": {
                            "cadastral_number": cadastral_number(index),
                            "land_use": uses[index % len(uses)],
                            "area_official_m2": CELL_M * CELL_M,
                        },
                        "geometry": {"type": "Polygon", "coordinates": [ring]},
                    }
                )
                + (",\n" if index < count - 1 else "\n")
            )
        stream.write("]}\n")
    subprocess.run(
        [
            "ogr2ogr",
            "-f",
            "GPKG",
            str(target),
            str(collection),
            "-nln",
            "parcels",
            "-a_srs",
            "EPSG:32642",
            "-oo",
            "DATE_AS_STRING=YES",
            "-gt",
            "65536",
        ],
        check=True,
    )
    collection.unlink()
    return target


def _psql(*arguments: str, database: str = "makon") -> str:
    completed = subprocess.run(
        [str(ROOT / "bin" / "db"), "psql", "-d", database, "-tA", *arguments],
        check=True,
        capture_output=True,
        text=True,
    )
    return completed.stdout.strip()


def prepare_database(environment: dict[str, str]) -> None:
    names = _psql("-c", "SELECT datname FROM pg_database").split()
    if DATABASE not in names:
        _psql("-c", "CREATE DATABASE makon_import_bench")
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "--verbosity", "0"],
        env=environment,
        check=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parcels", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--baseline", action="store_true")
    arguments = parser.parse_args()

    environment = {
        **os.environ,
        "MAKON_DB_NAME": DATABASE,
        "MAKON_SECRET_KEY": os.environ.get("MAKON_SECRET_KEY", "bench-only"),
    }
    started = time.monotonic()
    gpkg = build_geopackage(arguments.parcels)
    print(f"{gpkg.name}: {arguments.parcels} parcels ({time.monotonic() - started:.1f} s to build)")
    prepare_database(environment)
    rates = []
    for run in range(1, arguments.runs + 1):
        # Bench database only: TRUNCATE bypasses the version guard that forbids deletes.
        _psql("-c", "TRUNCATE cadastre_parcel CASCADE", database=DATABASE)
        _psql("-c", "VACUUM ANALYZE cadastre_parcel", database=DATABASE)
        started = time.monotonic()
        completed = subprocess.run(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "import_layer",
                str(gpkg),
                "--kind",
                "parcels",
                "--report",
                str(OUT / "import_parcels_report.csv"),
            ],
            env={**environment, "MAKON_LOG_LEVEL": "DEBUG"},
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.monotonic() - started
        if completed.returncode != 0:
            print(completed.stderr, file=sys.stderr)
            sys.exit(completed.returncode)
        for line in completed.stderr.splitlines():
            if line.startswith("import phase"):
                print(f"  {line}")
        imported = int(_psql("-c", "SELECT count(*) FROM cadastre_parcel", database=DATABASE))
        rate = imported / elapsed
        rates.append(rate)
        print(f"run {run}: {completed.stdout.strip()}")
        print(f"run {run}: {imported} parcels in {elapsed:.1f} s = {rate:,.0f} features/s")
    print(f"best: {max(rates):,.0f} features/s (target 20,000)")
    if arguments.baseline:
        baseline()


BASELINE_INSERT = """
INSERT INTO cadastre_parcel (
    uid, version, valid_from, valid_until, cadastral_number, geom, area_official_m2, address,
    land_use, block_id, source_srid
)
SELECT uid, 1, now(), NULL, cadastral_number, geom, area_official_m2, address, land_use,
    block_id, source_srid
FROM bench_parcel_rows ORDER BY id
"""


def baseline() -> None:
    """Time the bare insert of the imported rows, without any of the importer's work."""
    _psql(
        "-c",
        "DROP TABLE IF EXISTS bench_parcel_rows",
        "-c",
        "CREATE UNLOGGED TABLE bench_parcel_rows AS SELECT * FROM cadastre_parcel",
        "-c",
        "TRUNCATE cadastre_parcel CASCADE",
        "-c",
        "VACUUM ANALYZE cadastre_parcel",
        database=DATABASE,
    )
    started = time.monotonic()
    _psql("-c", BASELINE_INSERT, database=DATABASE)
    elapsed = time.monotonic() - started
    count = int(_psql("-c", "SELECT count(*) FROM cadastre_parcel", database=DATABASE))
    _psql("-c", "DROP TABLE bench_parcel_rows", database=DATABASE)
    print(
        f"baseline: bare INSERT of {count} checked parcels in {elapsed:.1f} s "
        f"= {count / elapsed:,.0f} rows/s"
    )


if __name__ == "__main__":
    main()
