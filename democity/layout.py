"""The street grid, the city outline and the administrative hierarchy of the demo city.

All lengths are metres in the storage CRS (UTM 42N by default), computed once and rounded to the
centimetre, so every vertex that two shapes share is the same float in both.
"""

from dataclasses import dataclass

import numpy as np
from pyproj import Transformer

from democity import names

MIN_BLOCKS = len(names.DISTRICTS)
ZONE_BLOCKS = 300  # cadastral zone: about a dozen mahallas
MAHALLA_BLOCKS = 25  # mahalla: about 450 households
MAX_GROUP = 99  # zone, massif and block groups of a cadastral number have two digits


class BlockKind:
    """What a cadastral block is used for; decides how it is cut into parcels."""

    HOUSES = 0
    APARTMENTS = 1
    PUBLIC = 2
    PARK = 3
    COMMERCIAL = 4
    INDUSTRIAL = 5


@dataclass(frozen=True)
class Grid:
    """Straight street centre lines: vertical ones at `x`, horizontal ones at `y` (absolute)."""

    x: np.ndarray
    y: np.ndarray
    x_width: np.ndarray
    y_width: np.ndarray
    x_avenue: np.ndarray
    y_avenue: np.ndarray


@dataclass(frozen=True)
class Layout:
    """The chosen grid cells (one cadastral block each) and the areas they make up.

    Per block: grid column/row, district (0-based), zone/massif/block groups of the cadastral
    number, mahalla (0-based, city-wide), kind and parcel count. Per mahalla: district, zone,
    massif and name.
    """

    grid: Grid
    srid: int
    col: np.ndarray
    row: np.ndarray
    district: np.ndarray
    zone: np.ndarray
    massif: np.ndarray
    block_number: np.ndarray
    mahalla: np.ndarray
    kind: np.ndarray
    parcel_count: np.ndarray
    mahalla_district: np.ndarray
    mahalla_zone: np.ndarray
    mahalla_massif: np.ndarray
    mahalla_names: list[str]
    x_street_names: list[str]
    y_street_names: list[str]
    in_city: np.ndarray  # (columns, rows) bool: the cell belongs to the city

    @property
    def block_count(self) -> int:
        return int(self.col.size)

    def cell_bounds(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Grid cells of the blocks, to the street centre lines: xmin, ymin, xmax, ymax."""
        g = self.grid
        return g.x[self.col], g.y[self.row], g.x[self.col + 1], g.y[self.row + 1]

    def block_bounds(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Blocks: the grid cells minus half of each surrounding street."""
        g = self.grid
        return (
            np.round(g.x[self.col] + g.x_width[self.col] / 2, 2),
            np.round(g.y[self.row] + g.y_width[self.row] / 2, 2),
            np.round(g.x[self.col + 1] - g.x_width[self.col + 1] / 2, 2),
            np.round(g.y[self.row + 1] - g.y_width[self.row + 1] / 2, 2),
        )

    def block_codes(self, region: str) -> list[str]:
        """First five groups of the cadastral numbers, one per block: 10:BB:CC:DD:EE."""
        return [
            f"{region}:{d + 1:02d}:{z:02d}:{m:02d}:{b:02d}"
            for d, z, m, b in zip(
                self.district.tolist(),
                self.zone.tolist(),
                self.massif.tolist(),
                self.block_number.tolist(),
                strict=True,
            )
        ]


def city_origin(srid: int) -> tuple[float, float]:
    """Tashkent's centre in the storage CRS, rounded to the metre."""
    to_storage = Transformer.from_crs(4326, srid, always_xy=True)
    x, y = to_storage.transform(names.CITY_LON, names.CITY_LAT)
    return round(x), round(y)


def _street_lines(
    count_each_side: int, spacing: tuple[float, float], rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions (local, centred on an avenue at 0), widths and avenue flags of street lines."""
    gaps = rng.uniform(*spacing, size=2 * count_each_side)
    east = np.cumsum(gaps[:count_each_side])
    west = -np.cumsum(gaps[count_each_side:])[::-1]
    position = np.round(np.concatenate([west, [0.0], east]), 2)
    index = np.arange(position.size) - count_each_side
    period = int(rng.integers(5, 8))
    avenue = (index % period) == 0
    width = np.where(
        avenue, rng.integers(36, 45, position.size), rng.integers(14, 21, position.size)
    )
    return position, width.astype(np.float64), avenue


def _grid(parcels: int, srid: int, rng: np.random.Generator, scale: float) -> Grid:
    # About 17 parcels per block of ~210 x 112 m; the city is roughly round, so the square grid
    # gets a margin for the outline's bulges.
    blocks = max(parcels / 12.0, 40.0) * scale
    radius = np.sqrt(blocks * 210.0 * 112.0 / np.pi) * 1.45
    x, x_width, x_avenue = _street_lines(int(radius / 170.0) + 2, (170.0, 250.0), rng)
    y, y_width, y_avenue = _street_lines(int(radius / 95.0) + 2, (95.0, 130.0), rng)
    x0, y0 = city_origin(srid)
    return Grid(
        x=np.round(x + x0, 2),
        y=np.round(y + y0, 2),
        x_width=x_width,
        y_width=y_width,
        x_avenue=x_avenue,
        y_avenue=y_avenue,
    )


def _outline_metric(cx: np.ndarray, cy: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Distance from the centre relative to a wavy, slightly north-south stretched outline."""
    theta = np.arctan2(cy, cx)
    wave = np.ones_like(theta)
    for k, amplitude in ((2, 0.10), (3, 0.07), (5, 0.04), (7, 0.02)):
        wave += amplitude * np.sin(k * theta + rng.uniform(0, 2 * np.pi))
    return np.hypot(cx, cy / 1.12) / wave


def _natural_house_counts(width: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Parcels in a block of two back-to-back rows of houses with 15-24 m frontages."""
    frontage = rng.uniform(15.0, 24.0, width.size)
    return np.maximum(2, np.round(2 * width / frontage)).astype(np.int64)


def _choose_kinds(rank: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Kinds by quota: a few parks, schools, apartment estates, bazaars and works per city.

    `rank` is each block's distance rank from the centre scaled to 0..1; estates prefer the
    middle ring, bazaars the centre, works the edge.
    """
    count = rank.size
    kind = np.full(count, BlockKind.HOUSES, dtype=np.int64)
    free = np.ones(count, dtype=bool)
    quotas = (
        (BlockKind.APARTMENTS, 0.03, 1, 1.0 - np.abs(rank - 0.45) * 2),
        (BlockKind.PUBLIC, 0.04, 1, np.zeros(count)),
        (BlockKind.PARK, 0.03, 1, 0.6 - rank),
        (BlockKind.COMMERCIAL, 0.03, 1, 1.0 - 2 * rank),
        (BlockKind.INDUSTRIAL, 0.025, 1 if count >= 30 else 0, 2 * rank - 1.0),
    )
    for block_kind, share, minimum, preference in quotas:
        wanted = max(minimum, round(share * count))
        score = preference + rng.uniform(0.0, 1.0, count)
        score[~free] = -np.inf
        chosen = np.argsort(-score, kind="stable")[:wanted]
        kind[chosen] = block_kind
        free[chosen] = False
    return kind


def _natural_counts(kind: np.ndarray, width: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    counts = _natural_house_counts(width, rng)
    counts[kind == BlockKind.APARTMENTS] = rng.integers(2, 5, int((kind == 1).sum()))
    counts[kind == BlockKind.PUBLIC] = rng.integers(2, 4, int((kind == 2).sum()))
    counts[kind == BlockKind.PARK] = 1
    counts[kind == BlockKind.COMMERCIAL] = rng.integers(2, 5, int((kind == 4).sum()))
    counts[kind == BlockKind.INDUSTRIAL] = rng.integers(1, 4, int((kind == 5).sum()))
    return counts


def _fit_counts(
    counts: np.ndarray, kind: np.ndarray, width: np.ndarray, target: int, rng: np.random.Generator
) -> np.ndarray:
    """Scale the parcel counts so they add up to exactly `target`; only house blocks stretch."""
    minimum = np.where(kind == BlockKind.HOUSES, 2, 1)
    maximum = np.where(kind == BlockKind.HOUSES, np.maximum(2, (2 * width / 7.0).astype(int)), 9)
    maximum = np.minimum(maximum, 9999)
    fitted = np.clip(np.floor(counts * target / counts.sum()).astype(np.int64), minimum, maximum)
    houses = np.flatnonzero(kind == BlockKind.HOUSES)
    order = houses[rng.permutation(houses.size)]
    for _ in range(10_000):
        missing = target - int(fitted.sum())
        if missing == 0:
            return fitted
        step = 1 if missing > 0 else -1
        room = (fitted[order] < maximum[order]) if step > 0 else (fitted[order] > minimum[order])
        candidates = order[room][: abs(missing)]
        if candidates.size == 0:
            break
        fitted[candidates] += step
    raise ValueError(f"Cannot lay out exactly {target} parcels.")


def _seed_points(cx: np.ndarray, cy: np.ndarray) -> np.ndarray:
    """District centres, placed where they lie relative to each other in the real city."""
    km = np.array(
        [
            ((d.lon - names.CITY_LON) * 83.5, (d.lat - names.CITY_LAT) * 111.1)
            for d in names.DISTRICTS
        ]
    )
    spread = np.array([np.percentile(np.abs(cx), 80), np.percentile(np.abs(cy), 80)])
    real_spread = np.percentile(np.abs(km), 80, axis=0)
    return km / real_spread * spread


def _assign_districts(cx: np.ndarray, cy: np.ndarray) -> np.ndarray:
    """A power diagram of the district centres, balanced so each gets its share of blocks."""
    seeds = _seed_points(cx, cy)
    share = np.array([d.area_km2 for d in names.DISTRICTS])
    target = np.maximum(1.0, share / share.sum() * cx.size)
    d2 = (cx[:, None] - seeds[None, :, 0]) ** 2 + (cy[:, None] - seeds[None, :, 1]) ** 2
    scale = float(np.median(d2))
    weight = np.zeros(len(seeds))
    for _ in range(300):
        district = np.argmin(d2 - weight[None, :], axis=1)
        have = np.bincount(district, minlength=len(seeds))
        if np.all(np.abs(have - target) <= np.maximum(1.0, 0.03 * target)):
            break
        weight += 0.05 * scale * (target - have) / target
    district = np.argmin(d2 - weight[None, :], axis=1)
    # Tiny cities: a district left without a block takes the one nearest its centre.
    for _ in range(len(seeds) * 4):
        have = np.bincount(district, minlength=len(seeds))
        empty = np.flatnonzero(have == 0)
        if empty.size == 0:
            break
        d = int(empty[0])
        spare = have[district] >= 2
        distance = np.where(spare, d2[:, d], np.inf)
        district[int(np.argmin(distance))] = d
    return district


def _bisect(index: np.ndarray, cx: np.ndarray, cy: np.ndarray, parts: int) -> list[np.ndarray]:
    """Split cells into `parts` compact groups of nearly equal size (recursive bisection)."""
    if parts <= 1:
        return [index]
    x, y = cx[index], cy[index]
    order = np.lexsort((y, x)) if np.ptp(x) >= np.ptp(y) else np.lexsort((x, y))
    left_parts = parts // 2
    right_parts = parts - left_parts
    left = round(index.size * left_parts / parts)
    left = min(max(left, left_parts), index.size - right_parts)
    return _bisect(index[order[:left]], cx, cy, left_parts) + _bisect(
        index[order[left:]], cx, cy, right_parts
    )


def _group_count(size: int, target: int) -> int:
    """How many groups of about `target` cells; never more than a two-digit group can number."""
    return min(size, MAX_GROUP, max(1, -(-size // target)))


def build_layout(*, parcels: int, seed: int, srid: int) -> Layout:
    """Lay out a city of exactly `parcels` parcels; same arguments, same city."""
    rng = np.random.default_rng([seed, 1])
    scale = 1.0
    while True:
        grid = _grid(parcels, srid, rng, scale)
        columns, rows = grid.x.size - 1, grid.y.size - 1
        col, row = np.meshgrid(np.arange(columns), np.arange(rows), indexing="ij")
        col, row = col.ravel(), row.ravel()
        x0, y0 = city_origin(srid)
        cx = (grid.x[col] + grid.x[col + 1]) / 2 - x0
        cy = (grid.y[row] + grid.y[row + 1]) / 2 - y0
        order = np.argsort(_outline_metric(cx, cy, rng), kind="stable")
        width = (grid.x[col + 1] - grid.x[col]) - (grid.x_width[col] + grid.x_width[col + 1]) / 2
        natural = np.cumsum(_natural_house_counts(width[order], rng))
        # Non-house blocks hold fewer parcels: aim a little above the target.
        wanted = int(np.searchsorted(natural, parcels * 1.1)) + 1
        if wanted < order.size * 0.7:
            break
        scale *= 1.5
    chosen = order[: max(MIN_BLOCKS, wanted)]
    col, row, cx, cy, width = col[chosen], row[chosen], cx[chosen], cy[chosen], width[chosen]
    rank = np.arange(chosen.size) / max(1, chosen.size - 1)
    kind = _choose_kinds(rank, rng)
    counts = _fit_counts(_natural_counts(kind, width, rng), kind, width, parcels, rng)

    district = _assign_districts(cx, cy)
    zone = np.zeros(chosen.size, dtype=np.int64)
    massif = np.zeros(chosen.size, dtype=np.int64)
    block_number = np.zeros(chosen.size, dtype=np.int64)
    mahalla = np.zeros(chosen.size, dtype=np.int64)
    mahalla_district: list[int] = []
    mahalla_zone: list[int] = []
    mahalla_massif: list[int] = []
    for d in range(len(names.DISTRICTS)):
        cells = np.flatnonzero(district == d)
        zones = _bisect(cells, cx, cy, _group_count(cells.size, ZONE_BLOCKS))
        for z, zone_cells in enumerate(zones, start=1):
            zone[zone_cells] = z
            groups = _bisect(zone_cells, cx, cy, _group_count(zone_cells.size, MAHALLA_BLOCKS))
            for m, mahalla_cells in enumerate(groups, start=1):
                if mahalla_cells.size > MAX_GROUP:
                    raise ValueError("A mahalla would hold more than 99 blocks.")
                massif[mahalla_cells] = m
                mahalla[mahalla_cells] = len(mahalla_district)
                # Blocks are numbered in reading order: north to south, west to east.
                reading = np.lexsort((col[mahalla_cells], -row[mahalla_cells]))
                block_number[mahalla_cells[reading]] = np.arange(1, mahalla_cells.size + 1)
                mahalla_district.append(d)
                mahalla_zone.append(z)
                mahalla_massif.append(m)

    in_city = np.zeros((columns, rows), dtype=bool)
    in_city[col, row] = True
    name_rng = np.random.default_rng([seed, 2])
    return Layout(
        grid=grid,
        srid=srid,
        col=col,
        row=row,
        district=district,
        zone=zone,
        massif=massif,
        block_number=block_number,
        mahalla=mahalla,
        kind=kind,
        parcel_count=counts,
        mahalla_district=np.array(mahalla_district, dtype=np.int64),
        mahalla_zone=np.array(mahalla_zone, dtype=np.int64),
        mahalla_massif=np.array(mahalla_massif, dtype=np.int64),
        mahalla_names=names.mahalla_names(len(mahalla_district), name_rng),
        x_street_names=names.street_names(grid.x.size, is_avenue=grid.x_avenue, rng=name_rng),
        y_street_names=names.street_names(grid.y.size, is_avenue=grid.y_avenue, rng=name_rng),
        in_city=in_city,
    )
