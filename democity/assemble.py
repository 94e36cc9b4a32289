"""Turn the generated city into rows: areas, parcels, buildings, units, properties.

Ids are set here (1..n per table, areas in the order city, districts, mahallas, blocks) so that
rows can point at each other before anything reaches the database.
"""

from dataclasses import dataclass

import numpy as np

from democity import names, wkb
from democity.buildings import USES as BUILDING_USES
from democity.buildings import Buildings, Units
from democity.layout import Layout, city_origin
from democity.parcels import LAND_USES, Parcels, parcel_geometries
from democity.registry import common as register
from democity.tables import Table, office_seconds, timestamps, uuids

FIRST_REGISTRATION = np.datetime64("1996-01-02")
LAST_REGISTRATION = np.datetime64("2025-06-30")
# Share of a block's houses first registered in the block's registration campaign.
CAMPAIGN_SHARE = 0.75


@dataclass(frozen=True)
class Numbers:
    """Cadastral numbers of parcels, buildings and units, and each parcel's address."""

    parcel: list[str]
    building: list[str]
    unit: list[str]
    address: np.ndarray


@dataclass(frozen=True)
class Registration:
    """The day each parcel, building and unit was first registered."""

    parcel_day: np.ndarray
    parcel_campaign: np.ndarray  # block-wide campaign (the block index) or -1
    building_day: np.ndarray
    unit_day: np.ndarray


def admin_tables(layout: Layout, region: str) -> tuple[Table, Table, Table]:
    """Staging rows for city, districts and mahallas, their grid cells, and the blocks."""
    districts = names.DISTRICTS
    mahallas = len(layout.mahalla_names)
    district_id = 2 + np.arange(len(districts))
    mahalla_id = 2 + len(districts) + np.arange(mahallas)
    block_id = 2 + len(districts) + mahallas + np.arange(layout.block_count)
    md, mz, mm = layout.mahalla_district, layout.mahalla_zone, layout.mahalla_massif
    mahalla_names = layout.mahalla_names
    area = Table(
        "democity_area",
        ("id", "level", "code", "name_uz", "name_ru", "name_en", "parent_id"),
        (
            np.concatenate([[1], district_id, mahalla_id]),
            ["city"] + ["district"] * len(districts) + ["mahalla"] * mahallas,
            [region]
            + [f"{region}:{i + 1:02d}" for i in range(len(districts))]
            + [
                f"{region}:{d + 1:02d}:{z:02d}:{m:02d}"
                for d, z, m in zip(md.tolist(), mz.tolist(), mm.tolist(), strict=True)
            ],
            [names.CITY_NAME[0]] + [d.name_uz for d in districts] + mahalla_names,
            [names.CITY_NAME[1]]
            + [d.name_ru for d in districts]
            + [names.to_cyrillic(n) for n in mahalla_names],
            [names.CITY_NAME[2]] + [d.name_en for d in districts] + mahalla_names,
            [None] + ["1"] * len(districts) + district_id[md].astype(str).tolist(),
        ),
    )
    cells = Table(
        "democity_cell",
        ("mahalla_id", "geom"),
        (mahalla_id[layout.mahalla], wkb.rectangles(*layout.cell_bounds(), layout.srid)),
    )
    codes = layout.block_codes(region)
    mahalla = np.array(mahalla_names, dtype=object)[layout.mahalla].tolist()
    blocks = Table(
        "citygis_adminarea",
        ("id", "level", "code", "name_uz", "name_ru", "name_en", "parent_id", "geom", "source_ref"),
        (
            block_id,
            np.full(layout.block_count, "block", dtype=object),
            codes,
            [f"{m}, {c[-2:]}-kvartal" for m, c in zip(mahalla, codes, strict=True)],
            [
                f"{names.to_cyrillic(m)}, квартал {c[-2:]}"
                for m, c in zip(mahalla, codes, strict=True)
            ],
            [f"{m}, block {c[-2:]}" for m, c in zip(mahalla, codes, strict=True)],
            mahalla_id[layout.mahalla],
            wkb.rectangles(*layout.block_bounds(), layout.srid),
            np.full(layout.block_count, "", dtype=object),
        ),
    )
    return area, cells, blocks


def numbers(
    layout: Layout, parcels: Parcels, buildings: Buildings, units: Units, region: str
) -> Numbers:
    codes = np.array(layout.block_codes(region), dtype=object)[parcels.block].tolist()
    parcel = [f"{c}:{k:04d}" for c, k in zip(codes, parcels.number_in_block.tolist(), strict=True)]
    building = (np.array(parcel, dtype=object)[buildings.parcel] + ":0001").tolist()
    unit = [
        f"{building[i]}:{n:03d}"
        for i, n in zip(units.building.tolist(), units.number.tolist(), strict=True)
    ]
    district = np.array([d.name_uz for d in names.DISTRICTS], dtype=object)
    mahalla = np.array(layout.mahalla_names, dtype=object)
    street = np.array(layout.y_street_names, dtype=object)
    address = [
        f"Toshkent shahri, {d} tumani, {m} MFY, {s}, {n}-uy"
        for d, m, s, n in zip(
            district[layout.district[parcels.block]].tolist(),
            mahalla[layout.mahalla[parcels.block]].tolist(),
            street[parcels.front_street].tolist(),
            parcels.house_number.tolist(),
            strict=True,
        )
    ]
    return Numbers(parcel, building, unit, np.array(address, dtype=object))


def registration(
    layout: Layout, parcels: Parcels, buildings: Buildings, units: Units, rng: np.random.Generator
) -> Registration:
    """Most houses of a block were first registered in one campaign, the rest one by one;
    buildings once built and the parcel registered, flats some time after their building."""
    span = (LAST_REGISTRATION - FIRST_REGISTRATION).astype(np.int64)

    def some_day(count: int) -> np.ndarray:
        # Later years registered more.
        return FIRST_REGISTRATION + (rng.uniform(0, 1, count) ** 0.8 * span).astype(
            "timedelta64[D]"
        )

    campaign_day = np.minimum(some_day(layout.block_count), LAST_REGISTRATION - 60)
    in_campaign = rng.uniform(0, 1, parcels.count) < CAMPAIGN_SHARE
    parcel_day = np.where(
        in_campaign,
        campaign_day[parcels.block] + rng.integers(0, 45, parcels.count),
        some_day(parcels.count),
    )
    built = (buildings.year_built + 1 - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    building_day = np.minimum(
        np.maximum(parcel_day[buildings.parcel], built) + rng.integers(0, 200, buildings.count),
        LAST_REGISTRATION,
    )
    unit_day = np.minimum(
        building_day[units.building] + rng.integers(0, 1500, units.count), LAST_REGISTRATION
    )
    return Registration(
        parcel_day=parcel_day,
        parcel_campaign=np.where(in_campaign, parcels.block, -1),
        building_day=building_day,
        unit_day=unit_day,
    )


def parcel_table(
    parcels: Parcels,
    n: Numbers,
    r: Registration,
    block_ids: np.ndarray,
    srid: int,
    rng: np.random.Generator,
) -> Table:
    count = parcels.count
    return Table(
        "cadastre_parcel",
        (
            "id",
            "uid",
            "version",
            "valid_from",
            "cadastral_number",
            "geom",
            "area_official_m2",
            "address",
            "land_use",
            "block_id",
            "source_srid",
        ),
        (
            np.arange(1, count + 1),
            uuids(rng, count),
            np.ones(count, dtype=np.int64),
            timestamps(r.parcel_day, office_seconds(rng, count)),
            n.parcel,
            parcel_geometries(parcels, srid),
            parcels.area_official_m2,
            n.address,
            LAND_USES[parcels.use],
            block_ids[parcels.block],
            np.full(count, srid),
        ),
    )


def building_table(
    b: Buildings, n: Numbers, r: Registration, srid: int, rng: np.random.Generator
) -> Table:
    return Table(
        "cadastre_building",
        (
            "id",
            "uid",
            "version",
            "valid_from",
            "cadastral_number",
            "geom",
            "use",
            "floors",
            "year_built",
            "address",
            "source_ref",
        ),
        (
            np.arange(1, b.count + 1),
            uuids(rng, b.count),
            np.ones(b.count, dtype=np.int64),
            timestamps(r.building_day, office_seconds(rng, b.count)),
            n.building,
            wkb.multipolygons(b.footprint.reshape(-1, 2), np.full(b.count, 5), srid),
            BUILDING_USES[b.use],
            b.floors,
            b.year_built,
            n.address[b.parcel],
            np.full(b.count, "", dtype=object),
        ),
    )


def unit_table(u: Units, n: Numbers, r: Registration, rng: np.random.Generator) -> Table:
    return Table(
        "cadastre_buildingunit",
        (
            "id",
            "uid",
            "version",
            "valid_from",
            "cadastral_number",
            "number",
            "floor",
            "area_m2",
            "rooms",
            "use",
        ),
        (
            np.arange(1, u.count + 1),
            uuids(rng, u.count),
            np.ones(u.count, dtype=np.int64),
            timestamps(r.unit_day, office_seconds(rng, u.count)),
            n.unit,
            u.number.astype(str),
            u.floor,
            u.area_m2,
            [None if rooms == 0 else str(rooms) for rooms in u.rooms.tolist()],
            np.where(u.is_residential, "apartment", "non_residential").astype(object),
        ),
    )


def properties(
    layout: Layout,
    parcels: Parcels,
    b: Buildings,
    u: Units,
    n: Numbers,
    r: Registration,
    region: str,
) -> tuple[register.PropertyInput, Table, Table]:
    """One property per parcel (its building a component) and one per unit; what the register
    needs to know about them, and their rows."""
    uses = np.array(
        [
            register.HOUSE,
            register.FLATS_LAND,
            register.COMMERCIAL,
            register.INDUSTRIAL,
            register.PUBLIC,
            register.GREEN,
        ]
    )
    unit_parcel = b.parcel[u.building]
    unit_address = [
        f"{a}, {k}-xonadon"
        for a, k in zip(n.address[unit_parcel].tolist(), u.number.tolist(), strict=True)
    ]
    centrality = _centrality(layout)
    props = register.PropertyInput(
        number=n.parcel + n.unit,
        kind=np.array(["land"] * parcels.count + ["unit"] * u.count, dtype=object),
        use=np.concatenate(
            [uses[parcels.use], np.where(u.is_residential, register.FLAT, register.SHOP)]
        ),
        district=layout.district[
            parcels.block[np.concatenate([np.arange(parcels.count), unit_parcel])]
        ],
        address=np.concatenate([n.address, np.array(unit_address, dtype=object)]),
        registered=np.concatenate([r.parcel_day, r.unit_day]).astype("datetime64[D]"),
        campaign=np.concatenate([r.parcel_campaign, np.full(u.count, -1)]),
        centrality=centrality[
            parcels.block[np.concatenate([np.arange(parcels.count), unit_parcel])]
        ],
        region=region,
    )
    count = parcels.count + u.count
    property_rows = Table(
        "cadastre_property",
        ("id", "cadastral_number", "kind", "created_at"),
        (
            np.arange(1, count + 1),
            props.number,
            props.kind,
            timestamps(props.registered, np.full(count, 9 * 3600)),
        ),
    )
    owner = np.concatenate(
        [np.arange(1, parcels.count + 1), b.parcel + 1, parcels.count + 1 + np.arange(u.count)]
    )
    component = np.array(n.parcel + n.building + n.unit, dtype=object)
    order = np.argsort(owner, kind="stable")
    component_rows = Table(
        "cadastre_propertycomponent",
        ("id", "property_id", "cadastral_number"),
        (np.arange(1, owner.size + 1), owner[order], component[order]),
    )
    return props, property_rows, component_rows


def _centrality(layout: Layout) -> np.ndarray:
    """Per block: 0 at the city centre, 1 at the farthest block."""
    x0, y0 = city_origin(layout.srid)
    cx0, cy0, cx1, cy1 = layout.cell_bounds()
    distance = np.hypot((cx0 + cx1) / 2 - x0, (cy0 + cy1) / 2 - y0)
    return distance / max(float(distance.max()), 1.0)
