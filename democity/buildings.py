"""Buildings on the parcels and the apartments of the apartment buildings.

A footprint is its parcel's four corners scaled toward a point between the parcel's middle and
its street front. The parcel is convex and the point lies inside it, so the footprint lies
strictly inside the parcel.
"""

from dataclasses import dataclass

import numpy as np

from democity import parcels as p
from democity.parcels import Parcels

HOUSE, APARTMENTS, COMMERCIAL, PUBLIC, INDUSTRIAL = (
    "house",
    "apartments",
    "commercial",
    "public",
    "industrial",
)
USES = np.array([HOUSE, APARTMENTS, COMMERCIAL, PUBLIC, INDUSTRIAL], dtype=object)
USE_BY_LAND_USE = {
    p.USE_RESIDENTIAL: 0,
    p.USE_APARTMENTS: 1,
    p.USE_COMMERCIAL: 2,
    p.USE_PUBLIC: 3,
    p.USE_INDUSTRIAL: 4,
}


@dataclass(frozen=True)
class Buildings:
    """One building per built parcel (parks have none)."""

    parcel: np.ndarray
    use: np.ndarray  # index into USES
    footprint: np.ndarray  # (n, 5, 2) closed rings
    floors: np.ndarray
    year_built: np.ndarray
    entrances: np.ndarray  # apartment buildings only, else 0
    flats_per_floor: np.ndarray
    shops_below: np.ndarray  # the ground floor of an apartment building holds shops

    @property
    def count(self) -> int:
        return int(self.parcel.size)


@dataclass(frozen=True)
class Units:
    """Apartments (and ground-floor shops) of the apartment buildings."""

    building: np.ndarray
    number: np.ndarray
    floor: np.ndarray
    area_m2: np.ndarray
    rooms: np.ndarray  # 0 for a shop
    is_residential: np.ndarray

    @property
    def count(self) -> int:
        return int(self.building.size)


def build_buildings(parcels: Parcels, *, seed: int) -> Buildings:
    rng = np.random.default_rng([seed, 4])
    built = np.flatnonzero(parcels.use != p.USE_GREEN)
    land_use = parcels.use[built]
    use = np.zeros(built.size, dtype=np.int64)
    for parcel_use, building_use in USE_BY_LAND_USE.items():
        use[land_use == parcel_use] = building_use

    corners = parcels.corners[built]
    front_mid = (corners[:, 0] + corners[:, 3]) / 2
    anchor = 0.65 * corners.mean(axis=1) + 0.35 * front_mid
    low, high = np.array([0.45, 0.5, 0.5, 0.4, 0.5]), np.array([0.62, 0.62, 0.7, 0.55, 0.7])
    scale = rng.uniform(low[use], high[use])
    ring = anchor[:, None, :] + scale[:, None, None] * (corners - anchor[:, None, :])
    footprint = np.round(np.concatenate([ring, ring[:, :1]], axis=1), 2)

    count = built.size
    floors = np.ones(count, dtype=np.int64)
    floors[use == 0] = rng.choice([1, 1, 1, 2, 2, 3], int((use == 0).sum()))
    apartments = use == 1
    floors[apartments] = rng.choice([5, 5, 9, 9, 9, 7, 12, 16, 10, 14], int(apartments.sum()))
    floors[use == 2] = rng.integers(1, 5, int((use == 2).sum()))
    floors[use == 3] = rng.integers(2, 5, int((use == 3).sum()))
    floors[use == 4] = rng.integers(1, 3, int((use == 4).sum()))

    year_low = np.array([1955, 1965, 1995, 1960, 1960])[use]
    year_high = np.array([2025, 2025, 2025, 2021, 2011])[use]
    year = rng.integers(year_low, year_high)
    soviet = apartments & (rng.uniform(0, 1, count) < 0.7)
    year[soviet] = rng.integers(1965, 1992, int(soviet.sum()))

    front_length = np.hypot(*(corners[:, 3] - corners[:, 0]).T) * scale
    entrances = np.where(apartments, np.clip(np.round(front_length / 14.0), 1, 6), 0)
    flats_per_floor = np.where(apartments, np.where(floors >= 12, 3, 4), 0)
    shops_below = apartments & (rng.uniform(0, 1, count) < 0.15)
    return Buildings(
        parcel=built,
        use=use,
        footprint=footprint,
        floors=floors,
        year_built=year,
        entrances=entrances.astype(np.int64),
        flats_per_floor=flats_per_floor.astype(np.int64),
        shops_below=shops_below,
    )


# Rooms of the flats on one landing, by position; corner flats are the larger ones.
_ROOMS_BY_POSITION = {3: np.array([3, 1, 2]), 4: np.array([3, 1, 2, 2])}
_AREA_BY_ROOMS = {1: (32.0, 42.0), 2: (44.0, 58.0), 3: (60.0, 78.0), 4: (80.0, 110.0)}


def build_units(buildings: Buildings, *, seed: int) -> Units:
    rng = np.random.default_rng([seed, 5])
    per_landing = buildings.flats_per_floor
    counts = buildings.floors * buildings.entrances * per_landing
    building = np.repeat(np.arange(buildings.count), counts)
    index = np.arange(building.size) - np.repeat(np.cumsum(counts) - counts, counts)
    floors = buildings.floors[building]
    landing = per_landing[building]
    rest = index % (floors * landing)  # flats are numbered entrance by entrance
    floor_no, position = np.divmod(rest, landing)
    floor_no += 1
    rooms = np.where(
        landing == 3,
        _ROOMS_BY_POSITION[3][np.minimum(position, 2)],
        _ROOMS_BY_POSITION[4][position % 4],
    )
    # Larger flats in a few buildings: a fourth room instead of the third.
    big = rng.uniform(0, 1, buildings.count) < 0.25
    rooms = np.where(big[building] & (rooms == 3), 4, rooms)
    low = np.array([0.0, *[_AREA_BY_ROOMS[r][0] for r in (1, 2, 3, 4)]])[rooms]
    high = np.array([0.0, *[_AREA_BY_ROOMS[r][1] for r in (1, 2, 3, 4)]])[rooms]
    area = np.round(rng.uniform(low, high), 1)
    shop = buildings.shops_below[building] & (floor_no == 1)
    area = np.where(shop, np.round(rng.uniform(45.0, 140.0, building.size), 1), area)
    return Units(
        building=building,
        number=index + 1,
        floor=floor_no,
        area_m2=area,
        rooms=np.where(shop, 0, rooms),
        is_residential=~shop,
    )
