"""Parcel tiles: Makon beside tipg, django-vectortiles and MapServer, in one run.

    .venv/bin/python bench/tiles_vs_peers.py --harness PATH --harness-tiles LISTS
        [--database makon_big]
        [--duration 20] [--warmup 5] [--skip-peers] [--only makon-uncached,...]

PATH is the peer harness (the vector-tile benchmark with setup_db.sh, make_tiles.py,
run_bench.py and servers/); its README says how to install it. LISTS is the folder of tile
lists its make_tiles.py wrote (z14.txt, z15.txt, z16.txt, mixed.txt). Before the run:

    bash PATH/setup_db.sh 1.0 && python3 PATH/make_tiles.py      # peers' data and tile lists
    WITH_MAPSERVER=1 bash PATH/servers/install_peers.sh
    MAKON_DB_NAME=makon_big .venv/bin/python manage.py migrate
    MAKON_DB_NAME=makon_big .venv/bin/python manage.py build_demo_city --parcels 1000000

What it does, in one run on the same machine:
1. the peers, one at a time, on the harness's 1,000,000 parcels and its fixed tile lists
   (z14, z15, z16, mixed z14-16 at 8 connections, mixed at 2);
2. Makon on its own 1,000,000-parcel demo city, with the tile cache switched off
   (MAKON_TILE_CACHE=false: every tile built by PostGIS for the request), on tile lists of the
   built-up city drawn the same way (fixed seed, see city_tiles below), and z12/z13 (the
   block summaries) with every tile of the city checked for size and completeness;
3. Makon with the cache on, warmed by one pass over the mixed list, at 8 connections, plain
   and with Accept-Encoding: gzip (what browsers send: the stored bytes go out as they are).
Every load run goes through the harness's run_bench.py (wrk, warm-up, CPU per process); the
figures land in bench/out/results.jsonl and one table is printed at the end.

Both serve the same seven parcel properties (id, cadastral_number, land_use, area_m2,
district, owner_type, registered_on) at extent 4096. The data differ: Makon's demo city is
less dense than the harness's (about 685 parcels per z15 tile in its built-up districts, 926
in the harness), so the table prints mean bytes per tile beside tiles/s, and MB/s as the
content-neutral comparison.
"""

import argparse
import json
import math
import os
import random
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
RESULTS = OUT / "results.jsonl"
TILES = OUT / "tiles"
PYTHON = ROOT / ".venv" / "bin" / "python"
MAKON_PORT = 8090
SEED = 20261130
PER_ZOOM = 2000

# label, start script, URL template (the harness's servers, their default ports)
PEERS = (
    (
        "tipg",
        "start_tipg.sh",
        "http://127.0.0.1:8081/collections/public.parcels/tiles/WebMercatorQuad/{z}/{x}/{y}",
    ),
    (
        "django-vectortiles",
        "start_django.sh",
        "http://127.0.0.1:8082/tiles/parcels/{z}/{x}/{y}.pbf",
    ),
    ("mapserver", "start_mapserver.sh", "http://127.0.0.1:8083/tiles/parcels/{z}/{x}/{y}.pbf"),
)
MAKON_URL = f"http://127.0.0.1:{MAKON_PORT}/tiles/parcels/{{z}}/{{x}}/{{y}}.pbf"
LISTS = ("z14", "z15", "z16", "mixed")

# A z15 tile belongs to the built-up city when at least this many parcels have their centroid
# in it (the demo city's densest band starts at 600; the harness's typical tile holds 926).
DENSE_Z15 = 600

CITY_TILES_SQL = """
WITH c AS (
    SELECT floor((ST_X(p) + %(half)s) / %(size)s)::int AS x,
           floor((%(half)s - ST_Y(p)) / %(size)s)::int AS y
      FROM (SELECT ST_PointOnSurface(geom_3857) AS p FROM tiles_parcel_feature) AS f
)
SELECT x, y FROM c GROUP BY x, y HAVING count(*) >= %(dense)s ORDER BY x, y
"""
ALL_TILES_SQL = """
SELECT DISTINCT x, y
  FROM tiles_parcel_block AS b,
       generate_series(floor((ST_XMin(b.geom_3857) + %(half)s) / %(size)s)::int,
                       floor((ST_XMax(b.geom_3857) + %(half)s) / %(size)s)::int) AS x,
       generate_series(floor((%(half)s - ST_YMax(b.geom_3857)) / %(size)s)::int,
                       floor((%(half)s - ST_YMin(b.geom_3857)) / %(size)s)::int) AS y
"""
HALF_WORLD = 20037508.342789244


def database_rows(database: str, query: str, params: dict) -> list[tuple]:
    import psycopg2

    connection = psycopg2.connect(
        dbname=database,
        user=os.environ.get("MAKON_DB_USER", "makon"),
        host=os.environ.get("MAKON_DB_HOST", "127.0.0.1"),
        port=os.environ.get("MAKON_DB_PORT", "54329"),
        password=os.environ.get("MAKON_DB_PASSWORD", ""),
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            return cursor.fetchall()
    finally:
        connection.close()


def tile_size(zoom: int) -> float:
    return 2 * HALF_WORLD / 2**zoom


def write_list(name: str, tiles: list[tuple[int, int, int]]) -> Path:
    path = TILES / f"{name}.txt"
    path.write_text("".join(f"{z}/{x}/{y}\n" for z, x, y in tiles), encoding="utf-8")
    return path


def city_tiles(database: str) -> dict[str, Path]:
    """Fixed, seeded tile lists of Makon's built-up city, drawn like the harness's.

    z15: the tiles holding at least DENSE_Z15 parcels; z16: their children; z14: the tiles all
    four of whose children are such tiles; mixed: 2,000 of them over z14-16 in equal parts;
    z12 and z13: every tile meeting a cadastral block (each one is checked for size).
    """
    TILES.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(SEED)
    params = {"half": HALF_WORLD, "size": tile_size(15), "dense": DENSE_Z15}
    dense = {(x, y) for x, y in database_rows(database, CITY_TILES_SQL, params)}
    by_zoom = {
        15: [(15, x, y) for x, y in sorted(dense)],
        16: [
            (16, 2 * x + dx, 2 * y + dy) for x, y in sorted(dense) for dx in (0, 1) for dy in (0, 1)
        ],
        14: sorted(
            {
                (14, x // 2, y // 2)
                for x, y in dense
                if all(
                    (x // 2 * 2 + dx, y // 2 * 2 + dy) in dense for dx in (0, 1) for dy in (0, 1)
                )
            }
        ),
    }
    lists = {}
    for zoom, tiles in by_zoom.items():
        chosen = rnd.sample(tiles, min(PER_ZOOM, len(tiles)))
        by_zoom[zoom] = chosen
        lists[f"z{zoom}"] = write_list(f"z{zoom}", chosen)
    mixed = []
    for i, zoom in enumerate((14, 15, 16)):
        share = PER_ZOOM // 3 + (1 if i < PER_ZOOM % 3 else 0)
        source = by_zoom[zoom]
        mixed += [source[j % len(source)] for j in range(share)]
    rnd.shuffle(mixed)
    lists["mixed"] = write_list("mixed", mixed)
    for zoom in (12, 13):
        rows = database_rows(database, ALL_TILES_SQL, {"half": HALF_WORLD, "size": tile_size(zoom)})
        lists[f"z{zoom}"] = write_list(f"z{zoom}", sorted((zoom, x, y) for x, y in rows))
    for name, path in sorted(lists.items()):
        print(f"makon tiles {name}: {len(path.read_text().splitlines())} -> {path}")
    return lists


def wait_http(url: str, seconds: int = 60) -> None:
    for _ in range(seconds * 4):
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.25)
    sys.exit(f"no answer from {url}")


class MakonServer:
    """gunicorn on the benchmark database, 4 workers x 4 threads (keep-alive connections)."""

    def __init__(self, database: str, cache: bool) -> None:
        self.database = database
        self.cache = cache
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "MakonServer":
        secret = (ROOT / "var" / "secret_key").read_text().strip()
        env = {
            **os.environ,
            "MAKON_DB_NAME": self.database,
            "MAKON_TILE_CACHE": "true" if self.cache else "false",
            "MAKON_SECRET_KEY": os.environ.get("MAKON_SECRET_KEY", secret),
        }
        command = [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{MAKON_PORT}",
            "--workers",
            "4",
            "--worker-class",
            "gthread",
            "--threads",
            "4",
            "--keep-alive",
            "30",
        ]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_http(f"http://127.0.0.1:{MAKON_PORT}/tiles/parcels.json")
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def run_bench(
    harness: Path,
    label: str,
    url: str,
    lists: list[Path],
    args,
    *,
    connections: int,
    header: str | None = None,
    check: int = 20,
) -> None:
    command = [
        str(PYTHON),
        str(harness / "run_bench.py"),
        url,
        "--tiles",
        *map(str, lists),
        "--duration",
        str(args.duration),
        "--warmup",
        str(args.warmup),
        "-c",
        str(connections),
        "--check",
        str(check),
        "--label",
        label,
        "--out",
        str(RESULTS),
    ]
    if header:
        command += ["--header", header]
    subprocess.run(command, check=True)


def fetch(url: str, header: tuple[str, str] | None = None) -> tuple[bytes, float]:
    request = urllib.request.Request(url)
    if header:
        request.add_header(*header)
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        body = response.read()
    return body, (time.perf_counter() - started) * 1000


def low_zoom_check(database: str, lists: dict[str, Path]) -> dict:
    """Every z12 and z13 tile of the city: size, latency, and every block present once per zoom."""
    import mapbox_vector_tile

    blocks = database_rows(
        database,
        "SELECT (SELECT count(*) FROM tiles_parcel_block),"
        " (SELECT count(*) FROM cadastre_parcel WHERE valid_until IS NULL)",
        {},
    )
    expected_blocks, expected_parcels = blocks[0]
    report = {}
    for name in ("z12", "z13"):
        sizes, latencies, seen = [], [], {}
        for line in lists[name].read_text().split():
            z, x, y = line.split("/")
            body, ms = fetch(MAKON_URL.format(z=z, x=x, y=y))
            sizes.append(len(body))
            latencies.append(ms)
            if body:
                for feature in mapbox_vector_tile.decode(body)["parcel_blocks"]["features"]:
                    props = feature["properties"]
                    seen[props["block"]] = props["parcel_count"]
        latencies.sort()
        report[name] = {
            "tiles": len(sizes),
            "max_kb": round(max(sizes) / 1024, 1),
            "mean_kb": round(sum(sizes) / len(sizes) / 1024, 1),
            "p99_ms": round(
                latencies[min(len(latencies) - 1, math.ceil(0.99 * len(latencies)) - 1)], 1
            ),
            "blocks": len(seen),
            "parcels": sum(seen.values()),
            "complete": len(seen) == expected_blocks and sum(seen.values()) == expected_parcels,
        }
        print(f"makon {name}: {report[name]}")
    return report


def warm_cache(lists: dict[str, Path]) -> None:
    for line in lists["mixed"].read_text().split():
        z, x, y = line.split("/")
        fetch(MAKON_URL.format(z=z, x=x, y=y))


def results_of(started: str) -> list[dict]:
    rows = []
    for line in RESULTS.read_text().splitlines():
        row = json.loads(line)
        if row["ts"] >= started:
            rows.append(row)
    return rows


def table(rows: list[dict], low_zoom: dict | None) -> str:
    """Markdown: one row per server, tiles/s (p99 ms, mean KB) per list; then the targets."""
    cells: dict[str, dict[str, dict]] = {}
    for row in rows:
        name = Path(row["tiles"]).stem
        column = name if row["connections"] == 8 else f"{name} c={row['connections']}"
        label = row["label"] + (" (gzip)" if row.get("header") else "")
        cells.setdefault(label, {})[column] = row
    columns = ["z14", "z15", "z16", "mixed", "mixed c=2"]
    lines = [
        "| server | " + " | ".join(columns) + " |",
        "|---|" + "---|" * len(columns),
    ]
    for label, by_column in cells.items():
        parts = []
        for column in columns:
            row = by_column.get(column)
            if row is None:
                parts.append("-")
                continue
            mb_s = row["rps"] * row["mean_body_bytes"] / 1e6
            size_kb = row["mean_body_bytes"] / 1024
            parts.append(
                f"{row['rps']:.0f} ({row['p99_ms']:.0f} ms, {size_kb:.0f} KB, {mb_s:.1f} MB/s)"
            )
        lines.append(f"| {label} | " + " | ".join(parts) + " |")
    lines.append("")
    lines.append("Cells: tiles/s (p99 latency, mean tile size, MB/s of tile bytes).")
    peers = [label for label in cells if label.split()[0] in {p[0] for p in PEERS}]
    uncached = cells.get("makon-uncached", {})
    if peers and uncached:
        lines.append("")
        lines.append("| target | best peer | Makon uncached | ratio tiles/s | ratio MB/s |")
        lines.append("|---|---|---|---|---|")
        for column, factor in (
            ("z15", 1.2),
            ("z16", 1.2),
            ("z14", 1.0),
            ("mixed", 1.0),
            ("mixed c=2", 1.0),
        ):
            candidates = [cells[p][column] for p in peers if column in cells[p]]
            if not candidates or column not in uncached:
                continue
            best = max(candidates, key=lambda r: r["rps"])
            ours = uncached[column]
            ratio = ours["rps"] / best["rps"]
            ratio_mb = (ours["rps"] * ours["mean_body_bytes"]) / (
                best["rps"] * best["mean_body_bytes"]
            )
            verdict = "met" if ratio >= factor else "NOT met"
            lines.append(
                f"| {column} >= {factor}x best peer | {best['label']} {best['rps']:.0f} | "
                f"{ours['rps']:.0f} | {ratio:.2f} ({verdict}) | {ratio_mb:.2f} |"
            )
    cached = cells.get("makon-cached", {}).get("mixed")
    if cached:
        verdict = "met" if cached["rps"] >= 1200 and cached["p99_ms"] < 25 else "NOT met"
        lines.append("")
        lines.append(
            f"Cached, mixed, 8 connections: {cached['rps']:.0f} tiles/s, p99 "
            f"{cached['p99_ms']:.1f} ms (target 1,200 tiles/s, p99 < 25 ms: {verdict})."
        )
    if low_zoom:
        for name, item in low_zoom.items():
            verdict = (
                "met"
                if item["max_kb"] < 500 and item["p99_ms"] < 300 and item["complete"]
                else "NOT met"
            )
            lines.append(
                f"{name}: {item['tiles']} tiles, max {item['max_kb']} KB, "
                f"mean {item['mean_kb']} KB, "
                f"p99 {item['p99_ms']} ms (one client, cache off), {item['blocks']} blocks holding "
                f"{item['parcels']} parcels, complete: {item['complete']} ({verdict})."
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--harness", type=Path, required=True, help="the peer harness folder")
    parser.add_argument(
        "--harness-tiles", type=Path, required=True, help="the tile lists make_tiles.py wrote"
    )
    parser.add_argument("--database", default="makon_big")
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument(
        "--only",
        default="peers,makon-uncached,makon-low-zoom,makon-cached",
        help="comma-separated parts to run",
    )
    args = parser.parse_args()
    parts = set(args.only.split(","))
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.strftime("%F %T")
    harness_tiles = args.harness_tiles
    lists = city_tiles(args.database)

    if "peers" in parts:
        servers = args.harness / "servers"
        for label, script, url in PEERS:
            subprocess.run(["bash", str(servers / "stop_all.sh")], check=False)
            subprocess.run(["bash", str(servers / script)], check=True)
            try:
                peer_lists = [harness_tiles / f"{name}.txt" for name in LISTS]
                run_bench(args.harness, label, url, peer_lists, args, connections=8)
                run_bench(
                    args.harness, label, url, [harness_tiles / "mixed.txt"], args, connections=2
                )
            finally:
                subprocess.run(["bash", str(servers / "stop_all.sh")], check=False)

    low_zoom = None
    if parts & {"makon-uncached", "makon-low-zoom"}:
        with MakonServer(args.database, cache=False):
            if "makon-uncached" in parts:
                makon_lists = [lists[name] for name in LISTS]
                run_bench(
                    args.harness, "makon-uncached", MAKON_URL, makon_lists, args, connections=8
                )
                run_bench(
                    args.harness, "makon-uncached", MAKON_URL, [lists["mixed"]], args, connections=2
                )
            if "makon-low-zoom" in parts:
                low_zoom = low_zoom_check(args.database, lists)
    if "makon-cached" in parts:
        with MakonServer(args.database, cache=True):
            warm_cache(lists)
            run_bench(
                args.harness, "makon-cached", MAKON_URL, [lists["mixed"]], args, connections=8
            )
            run_bench(
                args.harness,
                "makon-cached",
                MAKON_URL,
                [lists["mixed"]],
                args,
                connections=8,
                header="Accept-Encoding: gzip",
                check=0,
            )

    print()
    print(f"Run of {started}, {args.duration} s per list after {args.warmup} s warm-up.")
    print(table(results_of(started), low_zoom))


if __name__ == "__main__":
    main()
