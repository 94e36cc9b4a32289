"""Parcels: each block cut into two back-to-back rows of quadrilaterals, and their attributes.

A block of two rows is split by a slanted line from its west to its east side; each row is cut
by slanted lines from the street to that middle line. The middle line carries the cut points
of both rows, so neighbours across it share every vertex and the parcels tessellate the block
exactly. A block of one parcel is the whole block.
"""

from dataclasses import dataclass

import numpy as np
from pyproj import Proj, Transformer

from democity import wkb
from democity.layout import BlockKind, Layout

NORTH, SOUTH, WHOLE = 0, 1, 2

RESIDENTIAL = "residential"
APARTMENTS = "apartments"
COMMERCIAL = "commercial"
INDUSTRIAL = "industrial"
PUBLIC = "public"
GREEN = "green"
LAND_USES = np.array([RESIDENTIAL, APARTMENTS, COMMERCIAL, INDUSTRIAL, PUBLIC, GREEN], dtype=object)
USE_RESIDENTIAL, USE_APARTMENTS, USE_COMMERCIAL, USE_INDUSTRIAL, USE_PUBLIC, USE_GREEN = range(6)


@dataclass(frozen=True)
class Parcels:
    """One entry per parcel, in cadastral-number order within each block.

    `corners` holds the four corners (front-left, back-left, back-right, front-right in ring
    order) for building footprints; `ring_xy`/`ring_sizes` the full closed rings.
    """

    block: np.ndarray
    number_in_block: np.ndarray
    side: np.ndarray
    use: np.ndarray
    ring_xy: np.ndarray
    ring_sizes: np.ndarray
    corners: np.ndarray
    front_street: np.ndarray  # index into the layout's horizontal street lines
    house_number: np.ndarray
    area_m2: np.ndarray  # on the ellipsoid
    area_official_m2: np.ndarray

    @property
    def count(self) -> int:
        return int(self.block.size)


def _ragged_arange(counts: np.ndarray) -> np.ndarray:
    """0..c-1 for each count c, concatenated."""
    total = int(counts.sum())
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    return np.arange(total) - starts


def _rows(layout: Layout, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Rows of parcels: block, side and how many parcels each row holds."""
    count = layout.parcel_count
    split = count >= 2
    north = np.where(split, (count + rng.integers(0, 2, count.size)) // 2, count)
    south = count - north
    block = np.repeat(np.arange(count.size), np.where(split, 2, 1))
    first_of_block = np.concatenate([[True], block[1:] != block[:-1]])
    side = np.where(split[block], np.where(first_of_block, NORTH, SOUTH), WHOLE)
    parcels = np.where(side == SOUTH, south[block], north[block])
    return {"block": block, "side": side, "parcels": parcels}


def build_parcels(layout: Layout, *, seed: int) -> Parcels:
    """Cut every block into its parcels; same layout and seed, same parcels."""
    rng = np.random.default_rng([seed, 3])
    xa, ya, xb, yb = layout.block_bounds()
    width = xb - xa
    depth = yb - ya
    blocks = layout.block_count

    # Middle line of each block, from its west to its east side.
    mid_w = np.round(ya + depth * (0.5 + rng.uniform(-0.12, 0.12, blocks)), 2)
    mid_e = np.round(ya + depth * (0.5 + rng.uniform(-0.12, 0.12, blocks)), 2)

    rows = _rows(layout, rng)
    row_block, row_side, row_n = rows["block"], rows["side"], rows["parcels"]
    row_front_y = np.where(row_side == SOUTH, ya[row_block], yb[row_block])
    row_back_w = np.where(row_side == WHOLE, ya[row_block], mid_w[row_block])
    row_back_e = np.where(row_side == WHOLE, ya[row_block], mid_e[row_block])

    # Cuts: n + 1 per row, the first and last on the block's west and east sides.
    cut_row = np.repeat(np.arange(row_n.size), row_n + 1)
    j = _ragged_arange(row_n + 1)
    n = row_n[cut_row]
    b = row_block[cut_row]
    interior = (j > 0) & (j < n)
    spacing = width[b] / n
    t = j / n + np.where(interior, rng.uniform(-0.15, 0.15, j.size) / n, 0.0)
    front_x = np.where(j == 0, xa[b], np.where(j == n, xb[b], np.round(xa[b] + t * width[b], 2)))
    slant = np.where(interior, rng.uniform(-0.15, 0.15, j.size) * spacing, 0.0)
    back_x = np.where(interior, np.round(front_x + slant, 2), front_x)

    # A back cut of the south row within 1.5 m of one of the north row meets it exactly.
    two_rows = row_side[cut_row] != WHOLE
    key_scale = 1000.0
    north_cut = interior & (row_side[cut_row] == NORTH)
    south_cut = interior & (row_side[cut_row] == SOUTH)
    north_key = b[north_cut] * key_scale + (back_x[north_cut] - xa[b[north_cut]])
    north_x = back_x[north_cut]
    south_idx = np.flatnonzero(south_cut)
    if north_key.size and south_idx.size:
        south_key = b[south_idx] * key_scale + (back_x[south_idx] - xa[b[south_idx]])
        pos = np.searchsorted(north_key, south_key)
        best = np.full(south_idx.size, np.inf)
        best_x = back_x[south_idx].copy()
        for candidate in (pos - 1, pos):
            ok = (candidate >= 0) & (candidate < north_key.size)
            c = np.clip(candidate, 0, north_key.size - 1)
            distance = np.where(ok, np.abs(north_key[c] - south_key), np.inf)
            better = distance < np.minimum(best, 1.5)
            best = np.where(better, distance, best)
            best_x = np.where(better, north_x[c], best_x)
        back_x[south_idx] = best_x

    def y_on_back(x: np.ndarray, row: np.ndarray) -> np.ndarray:
        blk = row_block[row]
        y = row_back_w[row] + (row_back_e[row] - row_back_w[row]) * (x - xa[blk]) / width[blk]
        y = np.round(y, 2)
        y = np.where(x == xa[blk], row_back_w[row], y)
        return np.where(x == xb[blk], row_back_e[row], y)

    back_y = y_on_back(back_x, cut_row)

    # Shared vertices on each middle line: every interior back cut of either row, sorted.
    mid_mask = interior & two_rows
    mid_key_all = b[mid_mask] * key_scale + (back_x[mid_mask] - xa[b[mid_mask]])
    mid_key, first = np.unique(mid_key_all, return_index=True)
    mid_x = back_x[mid_mask][first]
    mid_y = back_y[mid_mask][first]

    # Parcels: between cut k and k + 1 of their row.
    parcel_row = np.repeat(np.arange(row_n.size), row_n)
    k = _ragged_arange(row_n)
    cut_start = np.cumsum(row_n + 1) - (row_n + 1)
    left = cut_start[parcel_row] + k
    right = left + 1
    p_block = row_block[parcel_row]
    p_side = row_side[parcel_row]
    front_y = row_front_y[parcel_row]
    left_key = p_block * key_scale + (back_x[left] - xa[p_block])
    right_key = p_block * key_scale + (back_x[right] - xa[p_block])
    lo = np.searchsorted(mid_key, left_key, side="right")
    hi = np.searchsorted(mid_key, right_key, side="left")
    extra = np.where(p_side == WHOLE, 0, np.maximum(hi - lo, 0))
    ring_sizes = 5 + extra
    start = np.cumsum(ring_sizes) - ring_sizes
    ring_xy = np.empty((int(ring_sizes.sum()), 2))

    fl = np.stack([front_x[left], front_y], axis=1)
    fr = np.stack([front_x[right], front_y], axis=1)
    bl = np.stack([back_x[left], back_y[left]], axis=1)
    br = np.stack([back_x[right], back_y[right]], axis=1)
    is_south = p_side == SOUTH
    # North and whole rows: FL, BL, extras west to east, BR, FR, FL (counter-clockwise).
    # South rows: FL, FR, BR, extras east to west, BL, FL (counter-clockwise).
    # North and whole rows: FL, BL, extras west to east, BR, FR, FL (counter-clockwise).
    # South rows: FL, FR, BR, extras east to west, BL, FL (counter-clockwise).
    is_north = ~is_south
    ring_xy[start] = fl
    ring_xy[start + 4 + extra] = fl
    ring_xy[start[is_north] + 1] = bl[is_north]
    ring_xy[start[is_north] + 2 + extra[is_north]] = br[is_north]
    ring_xy[start[is_north] + 3 + extra[is_north]] = fr[is_north]
    ring_xy[start[is_south] + 1] = fr[is_south]
    ring_xy[start[is_south] + 2] = br[is_south]
    ring_xy[start[is_south] + 3 + extra[is_south]] = bl[is_south]
    extra_parcel = np.repeat(np.arange(extra.size), extra)
    i = _ragged_arange(extra)
    south_extra = is_south[extra_parcel]
    source = np.where(south_extra, hi[extra_parcel] - 1 - i, lo[extra_parcel] + i)
    target = start[extra_parcel] + np.where(south_extra, 3, 2) + i
    ring_xy[target, 0] = mid_x[source]
    ring_xy[target, 1] = mid_y[source]

    corners = np.stack(
        [fl, np.where(is_south[:, None], fr, bl), br, np.where(is_south[:, None], bl, fr)],
        axis=1,
    )

    number_in_block = _ragged_arange(layout.parcel_count) + 1
    use = _land_use(layout, p_block, p_side, rng)
    front_street = np.where(p_side == SOUTH, layout.row[p_block], layout.row[p_block] + 1)
    front_mid_x = (front_x[left] + front_x[right]) / 2
    house_number = _house_numbers(front_street, p_side, front_mid_x)

    planar = _shoelace(ring_xy, ring_sizes)
    area = planar / _areal_scale(layout, p_block)
    area_official = _official_areas(area, rng)
    return Parcels(
        block=p_block,
        number_in_block=number_in_block,
        side=p_side,
        use=use,
        ring_xy=ring_xy,
        ring_sizes=ring_sizes,
        corners=corners,
        front_street=front_street,
        house_number=house_number,
        area_m2=area,
        area_official_m2=area_official,
    )


def _land_use(
    layout: Layout, block: np.ndarray, side: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    kind = layout.kind[block]
    front_line = np.where(side == SOUTH, layout.row[block], layout.row[block] + 1)
    on_avenue = layout.grid.y_avenue[front_line]
    roll = rng.uniform(0.0, 1.0, block.size)
    use = np.full(block.size, USE_RESIDENTIAL)
    houses = kind == BlockKind.HOUSES
    use[houses & ((on_avenue & (roll < 0.25)) | (roll < 0.02))] = USE_COMMERCIAL
    use[kind == BlockKind.APARTMENTS] = USE_APARTMENTS
    first = np.concatenate([[True], block[1:] != block[:-1]])
    public = kind == BlockKind.PUBLIC
    use[public] = np.where(first[public] | (roll[public] < 0.5), USE_PUBLIC, USE_COMMERCIAL)
    use[kind == BlockKind.PARK] = USE_GREEN
    use[kind == BlockKind.COMMERCIAL] = USE_COMMERCIAL
    use[kind == BlockKind.INDUSTRIAL] = USE_INDUSTRIAL
    return use


def _house_numbers(street: np.ndarray, side: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Numbers along each street from west to east: odd on its south side, even on its north."""
    odd = side != SOUTH  # north rows and whole blocks face the street north of them
    order = np.lexsort((x, odd, street))
    group = street[order] * 2 + odd[order]
    new_group = np.concatenate([[True], group[1:] != group[:-1]])
    group_start = np.maximum.accumulate(np.where(new_group, np.arange(order.size), 0))
    position = np.arange(order.size) - group_start
    number = np.empty(order.size, dtype=np.int64)
    number[order] = np.where(odd[order], 2 * position + 1, 2 * position + 2)
    return number


def _shoelace(xy: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Planar areas of closed rings stored one after another."""
    start = np.cumsum(sizes) - sizes
    # Coordinates relative to each ring's first vertex keep the cross products small.
    x = xy[:, 0] - np.repeat(xy[start, 0], sizes)
    y = xy[:, 1] - np.repeat(xy[start, 1], sizes)
    cross = np.append(x[:-1] * y[1:] - x[1:] * y[:-1], 0.0)
    # The last vertex of each ring closes it; its cross product with the next ring is dropped.
    sums = np.add.reduceat(cross, start)
    last = start + sizes - 1
    sums -= cross[last]
    return np.abs(sums) / 2


def _areal_scale(layout: Layout, block: np.ndarray) -> np.ndarray:
    """How much the storage CRS enlarges areas at each block (true area = planar / factor)."""
    xa, ya, xb, yb = layout.block_bounds()
    to_degrees = Transformer.from_crs(layout.srid, 4326, always_xy=True)
    lon, lat = to_degrees.transform((xa + xb) / 2, (ya + yb) / 2)
    factors = Proj(layout.srid).get_factors(lon, lat)
    return np.asarray(factors.areal_scale)[block]


def _official_areas(area: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Areas as titles state them: within a survey's error, a few off by more than 1 %."""
    error = np.clip(rng.normal(0.0, 0.0025, area.size), -0.006, 0.006)
    wrong = rng.permutation(area.size)[: max(2, round(area.size * 0.015))]
    error[wrong] = rng.choice([-1.0, 1.0], wrong.size) * rng.uniform(0.015, 0.06, wrong.size)
    return np.round(area * (1.0 + error), 2)


def parcel_geometries(parcels: Parcels, srid: int) -> np.ndarray:
    """Hex EWKB MultiPolygons of all parcels."""
    return wkb.multipolygons(parcels.ring_xy, parcels.ring_sizes, srid)
