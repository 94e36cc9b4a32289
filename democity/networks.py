"""Utility networks and roads along the streets, and cameras at crossings.

Every street is cut into segments between neighbouring crossings. Roads run on the street centre
lines; water, sewer, gas, power and heating lines run parallel to them at fixed fractions of the
half width (pipes on one side, cables on the other), so they never enter a block. Nodes (valves,
hydrants, manholes, transformers ...) sit on their network's line.
"""

from dataclasses import dataclass

import numpy as np
from pyproj import Geod, Transformer

from democity import names, wkb
from democity.layout import BlockKind, Layout
from democity.tables import Table

# Offset from the centre line, as a share of the street's half width (+: north or east side).
OFFSETS = {"water": 0.35, "sewer": -0.35, "gas": 0.65, "power": -0.65, "heating": 0.85, "road": 0}
DIAMETERS = {
    "water": ((100, 150, 200), (300, 400, 500)),
    "sewer": ((200, 250, 300), (500, 630, 800)),
    "gas": ((89, 108, 159), (219, 273)),
    "heating": ((150, 200, 250), (400, 500, 600)),
}
MATERIALS = {
    "water": ("cast iron", "steel", "PE100"),
    "sewer": ("reinforced concrete", "ceramic", "PVC"),
    "gas": ("steel", "PE100"),
    "power": ("aluminium cable 3x240", "copper cable 3x185"),
    "heating": ("pre-insulated steel",),
    "road": ("asphalt concrete",),
}
STATUSES = np.array(["operational", "under_repair", "planned", "abandoned"], dtype=object)


@dataclass(frozen=True)
class Streets:
    """Street segments between crossings: end points, the line they lie on, its width."""

    start: np.ndarray  # (n, 2)
    end: np.ndarray  # (n, 2)
    horizontal: np.ndarray
    line: np.ndarray  # index of the grid line (y line if horizontal, else x line)
    width: np.ndarray
    avenue: np.ndarray
    near_flats: np.ndarray  # borders an apartment estate or a public block
    name: np.ndarray
    inner_side: np.ndarray  # +1 / -1: only the north or east / south or west side is city; 0 both


def streets(layout: Layout) -> Streets:
    g = layout.grid
    columns, rows = layout.in_city.shape
    padded = np.zeros((columns + 2, rows + 2), dtype=bool)
    padded[1:-1, 1:-1] = layout.in_city
    kind = np.full((columns + 2, rows + 2), -1)
    kind[layout.col + 1, layout.row + 1] = layout.kind
    flats = (kind == BlockKind.APARTMENTS) | (kind == BlockKind.PUBLIC)

    # Horizontal segment (i, j): on y line j between x lines i and i + 1.
    i, j = np.meshgrid(np.arange(columns), np.arange(rows + 1), indexing="ij")
    i, j = i.ravel(), j.ravel()
    below, above = padded[i + 1, j], padded[i + 1, j + 1]
    keep = below | above
    i, j = i[keep], j[keep]
    h_near = flats[i + 1, j] | flats[i + 1, j + 1]
    h = {
        "start": np.stack([g.x[i], g.y[j]], axis=1),
        "end": np.stack([g.x[i + 1], g.y[j]], axis=1),
        "line": j,
        "width": g.y_width[j],
        "avenue": g.y_avenue[j],
        "near": h_near,
        "name": np.array(layout.y_street_names, dtype=object)[j],
        "inner": above[keep].astype(int) - below[keep].astype(int),
    }
    # Vertical segment (i, j): on x line i between y lines j and j + 1.
    i, j = np.meshgrid(np.arange(columns + 1), np.arange(rows), indexing="ij")
    i, j = i.ravel(), j.ravel()
    west, east = padded[i, j + 1], padded[i + 1, j + 1]
    keep = west | east
    i, j = i[keep], j[keep]
    v_near = flats[i, j + 1] | flats[i + 1, j + 1]
    v = {
        "start": np.stack([g.x[i], g.y[j]], axis=1),
        "end": np.stack([g.x[i], g.y[j + 1]], axis=1),
        "line": i,
        "width": g.x_width[i],
        "avenue": g.x_avenue[i],
        "near": v_near,
        "name": np.array(layout.x_street_names, dtype=object)[i],
        "inner": east[keep].astype(int) - west[keep].astype(int),
    }
    return Streets(
        start=np.concatenate([h["start"], v["start"]]),
        end=np.concatenate([h["end"], v["end"]]),
        horizontal=np.concatenate([np.ones(h["line"].size, bool), np.zeros(v["line"].size, bool)]),
        line=np.concatenate([h["line"], v["line"]]),
        width=np.concatenate([h["width"], v["width"]]),
        avenue=np.concatenate([h["avenue"], v["avenue"]]),
        near_flats=np.concatenate([h["near"], v["near"]]),
        name=np.concatenate([h["name"], v["name"]]),
        inner_side=np.concatenate([h["inner"], v["inner"]]),
    )


def _offset(s: Streets, network: str) -> np.ndarray:
    """(n, 2) shift that moves a centre line onto `network`'s line.

    On the city's edge the street's outer half lies outside the city; lines go on its inner half.
    """
    distance = np.round(OFFSETS[network] * s.width / 2, 2)
    distance = np.where(s.inner_side != 0, s.inner_side * np.abs(distance), distance)
    return np.stack(
        [np.where(s.horizontal, 0.0, distance), np.where(s.horizontal, distance, 0.0)], 1
    )


def _choice(rng: np.random.Generator, options: tuple, count: int) -> np.ndarray:
    return np.array(options, dtype=object)[rng.integers(0, len(options), count)]


@dataclass(frozen=True)
class Networks:
    segments: Table
    nodes: Table
    cameras: Table


def build_networks(layout: Layout, *, seed: int) -> Networks:
    rng = np.random.default_rng([seed, 7])
    s = streets(layout)
    srid = layout.srid
    seg: dict[str, list] = {
        k: [] for k in ("network", "name", "owner", "status", "diameter", "material", "xy")
    }
    node: dict[str, list] = {k: [] for k in ("network", "kind", "status", "x", "y")}

    def add_nodes(network: str, kind: str, xy: np.ndarray) -> None:
        count = xy.shape[0]
        node["network"].append(np.full(count, network, dtype=object))
        node["kind"].append(np.full(count, kind, dtype=object))
        status = np.where(rng.uniform(0, 1, count) < 0.95, 0, 1)
        node["status"].append(STATUSES[status])
        node["x"].append(xy[:, 0])
        node["y"].append(xy[:, 1])

    for network in ("road", "water", "sewer", "gas", "power", "heating"):
        which = np.ones(s.start.shape[0], dtype=bool)
        if network == "heating":
            which = s.avenue | s.near_flats
        shift = _offset(s, network)[which]
        start = np.round(s.start[which] + shift, 2)
        end = np.round(s.end[which] + shift, 2)
        count = start.shape[0]
        roll = rng.uniform(0, 1, count)
        status = np.select([roll < 0.93, roll < 0.96, roll < 0.98], [0, 1, 2], 3)
        if network == "road":
            status = np.where(status == 3, 0, status)
        seg["network"].append(np.full(count, network, dtype=object))
        seg["name"].append(s.name[which])
        seg["owner"].append(np.full(count, names.UTILITY_OPERATORS[network], dtype=object))
        seg["status"].append(STATUSES[status])
        if network in DIAMETERS:
            small, large = DIAMETERS[network]
            diameter = np.where(
                s.avenue[which], _choice(rng, large, count), _choice(rng, small, count)
            ).astype(np.int64)
            seg["diameter"].append(diameter)
        else:
            seg["diameter"].append(np.full(count, -1))
        seg["material"].append(_choice(rng, MATERIALS[network], count))
        seg["xy"].append(np.stack([start, end], axis=1))

        middle = (start + end) / 2
        length = np.hypot(*(end - start).T)
        # Each segment's start is a crossing; nodes there and at some midpoints.
        if network == "water":
            add_nodes(network, "valve", start[rng.uniform(0, 1, count) < 0.4])
            add_nodes(network, "hydrant", np.round(middle[rng.uniform(0, 1, count) < 0.3], 2))
        elif network == "sewer":
            add_nodes(network, "manhole", start)
            add_nodes(network, "manhole", np.round(middle[length > 150], 2))
        elif network == "gas":
            add_nodes(network, "valve", start[rng.uniform(0, 1, count) < 0.2])
        elif network == "power":
            add_nodes(network, "transformer", np.round(middle[rng.uniform(0, 1, count) < 0.15], 2))
            big = np.flatnonzero(s.avenue[which] & (rng.uniform(0, 1, count) < 0.05))
            if big.size == 0 and count:
                big = np.array([0])
            add_nodes(network, "substation", start[big])
        elif network == "heating":
            add_nodes(network, "junction", start[rng.uniform(0, 1, count) < 0.3])
            pumps = np.flatnonzero(rng.uniform(0, 1, count) < 0.005)
            if pumps.size == 0 and count:
                pumps = np.array([0])
            add_nodes(network, "pump", np.round(middle[pumps], 2))

    segment_xy = np.concatenate(seg["xy"])
    diameter = np.concatenate(seg["diameter"])
    seg_count = segment_xy.shape[0]
    from democity.tables import nullable

    segments = Table(
        "citygis_infrastructuresegment",
        (
            "id",
            "network",
            "name",
            "owner_body",
            "status",
            "diameter_mm",
            "material",
            "geom",
            "source_ref",
        ),
        (
            np.arange(1, seg_count + 1),
            np.concatenate(seg["network"]),
            np.concatenate(seg["name"]),
            np.concatenate(seg["owner"]),
            np.concatenate(seg["status"]),
            nullable(diameter, diameter < 0),
            np.concatenate(seg["material"]),
            wkb.linestrings(segment_xy, srid),
            np.full(seg_count, "", dtype=object),
        ),
    )
    nx, ny = np.concatenate(node["x"]), np.concatenate(node["y"])
    nodes = Table(
        "citygis_infrastructurenode",
        ("id", "network", "kind", "status", "geom", "source_ref"),
        (
            np.arange(1, nx.size + 1),
            np.concatenate(node["network"]),
            np.concatenate(node["kind"]),
            np.concatenate(node["status"]),
            wkb.points(nx, ny, srid),
            np.full(nx.size, "", dtype=object),
        ),
    )
    return Networks(segments=segments, nodes=nodes, cameras=_cameras(layout, s, rng))


def _cameras(layout: Layout, s: Streets, rng: np.random.Generator) -> Table:
    """Cameras on a corner of some crossings, each looking along one of the crossing streets."""
    g = layout.grid
    columns, rows = g.x.size, g.y.size
    # Directions leaving each crossing (i, j): 0 north, 1 east, 2 south, 3 west.
    leaves = np.zeros((columns, rows, 4), dtype=bool)
    h = s.horizontal
    hi = np.searchsorted(g.x, s.start[h, 0])
    leaves[hi, s.line[h], 1] = True
    leaves[hi + 1, s.line[h], 3] = True
    vj = np.searchsorted(g.y, s.start[~h, 1])
    leaves[s.line[~h], vj, 0] = True
    leaves[s.line[~h], vj + 1, 2] = True
    degree = leaves.sum(axis=2)
    ci, cj = np.nonzero(degree >= 3)
    both_avenues = g.x_avenue[ci] & g.y_avenue[cj]
    chosen = both_avenues | (rng.uniform(0, 1, ci.size) < 0.04)
    if chosen.sum() < 3:
        chosen[rng.permutation(ci.size)[:3]] = True
    ci, cj, on_avenues = ci[chosen], cj[chosen], both_avenues[chosen]
    count = ci.size

    # Look along a street that leaves the crossing, an avenue where there is one.
    options = leaves[ci, cj]
    preference = rng.uniform(0, 1, (count, 4)) + options * 2.0
    along_avenue = np.stack(
        [g.x_avenue[ci], g.y_avenue[cj], g.x_avenue[ci], g.y_avenue[cj]], axis=1
    )
    preference += options * along_avenue * 1.0
    direction = np.argmax(preference, axis=1)
    step_i = np.array([0, 1, 0, -1])[direction]
    step_j = np.array([1, 0, -1, 0])[direction]
    x0, y0 = g.x[ci], g.y[cj]
    x1, y1 = g.x[ci + step_i], g.y[cj + step_j]
    to_degrees = Transformer.from_crs(layout.srid, 4326, always_xy=True)
    lon0, lat0 = to_degrees.transform(x0, y0)
    lon1, lat1 = to_degrees.transform(x1, y1)
    azimuth, _, _ = Geod(ellps="WGS84").inv(lon0, lat0, lon1, lat1)
    bearing = np.round(np.mod(np.asarray(azimuth), 360.0), 4) % 360.0

    # On the sidewalk corner, 1.5 m in from the kerbs of both streets.
    sx = rng.choice([-1.0, 1.0], count)
    sy = rng.choice([-1.0, 1.0], count)
    x = np.round(x0 + sx * (g.x_width[ci] / 2 - 1.5), 2)
    y = np.round(y0 + sy * (g.y_width[cj] / 2 - 1.5), 2)

    roll = rng.uniform(0, 1, count)
    kind = np.select(
        [on_avenues & (roll < 0.5), roll < 0.65, roll < 0.8], ["anpr", "dome", "ptz"], "fixed"
    ).astype(object)
    fov = np.select(
        [kind == "anpr", kind == "dome", kind == "ptz"],
        [rng.uniform(25, 40, count), np.full(count, 360.0), np.full(count, 60.0)],
        rng.uniform(60, 95, count),
    )
    reach = np.select(
        [kind == "anpr", kind == "dome", kind == "ptz"],
        [rng.uniform(40, 100, count), rng.uniform(30, 70, count), rng.uniform(250, 500, count)],
        rng.uniform(60, 180, count),
    )
    status_roll = rng.uniform(0, 1, count)
    status = np.select(
        [status_roll < 0.9, status_roll < 0.96], ["active", "offline"], "maintenance"
    )
    x_names = np.array(layout.x_street_names, dtype=object)[ci]
    y_names = np.array(layout.y_street_names, dtype=object)[cj]
    ids = np.arange(1, count + 1)
    return Table(
        "citygis_camera",
        (
            "id",
            "name",
            "kind",
            "status",
            "direction_deg",
            "field_of_view_deg",
            "range_m",
            "stream_ref",
            "geom",
            "source_ref",
        ),
        (
            ids,
            x_names + " / " + y_names + " chorrahasi",
            kind,
            status.astype(object),
            bearing,
            np.round(fov, 1),
            np.round(reach, 0),
            [f"vms://camera/{i:06d}/main" for i in ids.tolist()],
            wkb.points(x, y, layout.srid),
            np.full(count, "", dtype=object),
        ),
    )
