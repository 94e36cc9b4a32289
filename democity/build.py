"""Build the demo city: generate every table with numpy, then COPY it in one transaction."""

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db import transaction

from democity import load, names, networks, registry, wkb
from democity.buildings import USES as BUILDING_USES
from democity.buildings import build_buildings, build_units
from democity.layout import Layout, build_layout, city_origin
from democity.parcels import LAND_USES, Parcels, build_parcels, parcel_geometries
from democity.tables import Table, office_seconds, timestamps, uuids

MIN_PARCELS = 100
MAX_PARCELS = 5_000_000
FIRST_REGISTRATION = np.datetime64("1996-01-02")
LAST_REGISTRATION = np.datetime64("2025-06-30")


@dataclass(frozen=True)
class BuildSummary:
    rows: dict[str, int]
    seconds: float


class DemoCityExistsError(Exception):
    """The database already holds register or city data."""

    def __init__(self, filled: dict[str, int]) -> None:
        self.filled = filled
        listing = ", ".join(f"{table} ({count})" for table, count in filled.items())
        super().__init__(f"The database is not empty: {listing}.")


@dataclass(frozen=True)
class _Numbers:
    parcel: list[str]
    building: list[str]
    unit: list[str]
    block_code: list[str]


def _admin_tables(layout: Layout, region: str) -> tuple[Table, Table, Table]:
    """Staging rows for city, districts and mahallas, their grid cells, and the blocks."""
    districts = names.DISTRICTS
    mahallas = len(layout.mahalla_names)
    city_id = 1
    district_id = 2 + np.arange(len(districts))
    mahalla_id = 2 + len(districts) + np.arange(mahallas)
    block_id = 2 + len(districts) + mahallas + np.arange(layout.block_count)
    md, mz, mm = layout.mahalla_district, layout.mahalla_zone, layout.mahalla_massif
    mahalla_names = layout.mahalla_names
    area = Table(
        "democity_area",
        ("id", "level", "code", "name_uz", "name_ru", "name_en", "parent_id"),
        (
            np.concatenate([[city_id], district_id, mahalla_id]),
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
            ["\\N"] + [str(city_id)] * len(districts) + district_id[md].astype(str).tolist(),
        ),
    )
    cx0, cy0, cx1, cy1 = layout.cell_bounds()
    cells = Table(
        "democity_cell",
        ("mahalla_id", "geom"),
        (mahalla_id[layout.mahalla], wkb.rectangles(cx0, cy0, cx1, cy1, layout.srid)),
    )
    bx0, by0, bx1, by1 = layout.block_bounds()
    codes = layout.block_codes(region)
    mahalla_of_block = np.array(mahalla_names, dtype=object)[layout.mahalla]
    blocks = Table(
        "citygis_adminarea",
        ("id", "level", "code", "name_uz", "name_ru", "name_en", "parent_id", "geom", "source_ref"),
        (
            block_id,
            np.full(layout.block_count, "block", dtype=object),
            codes,
            [
                f"{m}, {c[-2:]}-kvartal"
                for m, c in zip(mahalla_of_block.tolist(), codes, strict=True)
            ],
            [
                f"{names.to_cyrillic(m)}, квартал {c[-2:]}"
                for m, c in zip(mahalla_of_block.tolist(), codes, strict=True)
            ],
            [f"{m}, block {c[-2:]}" for m, c in zip(mahalla_of_block.tolist(), codes, strict=True)],
            mahalla_id[layout.mahalla],
            wkb.rectangles(bx0, by0, bx1, by1, layout.srid),
            np.full(layout.block_count, "", dtype=object),
        ),
    )
    return area, cells, blocks


def _centrality(layout: Layout) -> np.ndarray:
    """0 at the city centre, 1 at the farthest block."""
    x0, y0 = city_origin(layout.srid)
    cx0, cy0, cx1, cy1 = layout.cell_bounds()
    distance = np.hypot((cx0 + cx1) / 2 - x0, (cy0 + cy1) / 2 - y0)
    return distance / max(float(distance.max()), 1.0)


def _addresses(layout: Layout, parcels: Parcels) -> np.ndarray:
    district = np.array([d.name_uz for d in names.DISTRICTS], dtype=object)[
        layout.district[parcels.block]
    ]
    mahalla = np.array(layout.mahalla_names, dtype=object)[layout.mahalla[parcels.block]]
    street = np.array(layout.y_street_names, dtype=object)[parcels.front_street]
    return np.array(
        [
            f"Toshkent shahri, {d} tumani, {m} MFY, {s}, {n}-uy"
            for d, m, s, n in zip(
                district.tolist(),
                mahalla.tolist(),
                street.tolist(),
                parcels.house_number.tolist(),
                strict=True,
            )
        ],
        dtype=object,
    )


def generate(*, parcels: int, seed: int) -> list[Table]:
    """Every row of the demo city, in load order (staging tables first)."""
    srid = int(settings.MAKON_SRID)
    region = str(settings.MAKON_REGION_CODE)
    rng = np.random.default_rng([seed, 8])
    layout = build_layout(parcels=parcels, seed=seed, srid=srid)
    area, cells, blocks = _admin_tables(layout, region)
    block_ids = np.asarray(blocks.values[0])
    p = build_parcels(layout, seed=seed)
    b = build_buildings(p, seed=seed)
    u = build_units(b, seed=seed)

    codes = np.array(layout.block_codes(region), dtype=object)[p.block]
    parcel_number = [
        f"{c}:{k:04d}" for c, k in zip(codes.tolist(), p.number_in_block.tolist(), strict=True)
    ]
    parcel_number_array = np.array(parcel_number, dtype=object)
    building_number = (parcel_number_array[b.parcel] + ":0001").tolist()
    unit_number = [
        f"{building_number[i]}:{n:03d}"
        for i, n in zip(u.building.tolist(), u.number.tolist(), strict=True)
    ]
    address = _addresses(layout, p)

    # When each object was first registered.
    span = (LAST_REGISTRATION - FIRST_REGISTRATION).astype(np.int64)
    parcel_day = FIRST_REGISTRATION + (rng.uniform(0, 1, p.count) ** 0.8 * span).astype(
        "timedelta64[D]"
    )
    built_day = (b.year_built + 1 - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    building_day = np.maximum(parcel_day[b.parcel], built_day) + rng.integers(0, 200, b.count)
    building_day = np.minimum(building_day, LAST_REGISTRATION)
    unit_day = np.minimum(
        building_day[u.building] + rng.integers(0, 1500, u.count), LAST_REGISTRATION
    )

    parcel_rows = Table(
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
            np.arange(1, p.count + 1),
            uuids(rng, p.count),
            np.ones(p.count, dtype=np.int64),
            timestamps(parcel_day, office_seconds(rng, p.count)),
            parcel_number,
            parcel_geometries(p, srid),
            p.area_official_m2,
            address,
            LAND_USES[p.use],
            block_ids[p.block],
            np.full(p.count, srid),
        ),
    )
    footprint = b.footprint.reshape(-1, 2)
    building_rows = Table(
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
            timestamps(building_day, office_seconds(rng, b.count)),
            building_number,
            wkb.multipolygons(footprint, np.full(b.count, 5), srid),
            BUILDING_USES[b.use],
            b.floors,
            b.year_built,
            address[b.parcel],
            np.full(b.count, "", dtype=object),
        ),
    )
    unit_rows = Table(
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
            timestamps(unit_day, office_seconds(rng, u.count)),
            unit_number,
            u.number.astype(str),
            u.floor,
            u.area_m2,
            [None if r == 0 else str(r) for r in u.rooms.tolist()],
            np.where(u.is_residential, "apartment", "non_residential").astype(object),
        ),
    )

    # Properties: one per parcel (with its building), one per unit.
    land_use_to_register = np.array(
        [
            registry.HOUSE,
            registry.FLATS_LAND,
            registry.COMMERCIAL,
            registry.INDUSTRIAL,
            registry.PUBLIC,
            registry.GREEN,
        ]
    )
    unit_address = np.array(
        [
            f"{a}, {n}-xonadon"
            for a, n in zip(address[b.parcel][u.building].tolist(), u.number.tolist(), strict=True)
        ],
        dtype=object,
    )
    property_count = p.count + u.count
    props = registry.PropertyInput(
        number=parcel_number + unit_number,
        kind=np.concatenate(
            [np.full(p.count, "land", dtype=object), np.full(u.count, "unit", dtype=object)]
        ),
        use=np.concatenate(
            [land_use_to_register[p.use], np.where(u.is_residential, registry.FLAT, registry.SHOP)]
        ),
        district=np.concatenate(
            [layout.district[p.block], layout.district[p.block[b.parcel[u.building]]]]
        ),
        address=np.concatenate([address, unit_address]),
        registered=np.concatenate([parcel_day, unit_day]).astype("datetime64[D]"),
        centrality=np.concatenate(
            [_centrality(layout)[p.block], _centrality(layout)[p.block[b.parcel[u.building]]]]
        ),
        region=region,
    )
    property_rows = Table(
        "cadastre_property",
        ("id", "cadastral_number", "kind", "created_at"),
        (
            np.arange(1, property_count + 1),
            props.number,
            props.kind,
            timestamps(props.registered, np.full(property_count, 9 * 3600)),
        ),
    )
    component_property = np.concatenate(
        [np.arange(1, p.count + 1), b.parcel + 1, p.count + 1 + np.arange(u.count)]
    )
    component_number = np.concatenate(
        [
            parcel_number_array,
            np.array(building_number, dtype=object),
            np.array(unit_number, dtype=object),
        ]
    )
    order = np.argsort(component_property, kind="stable")
    component_rows = Table(
        "cadastre_propertycomponent",
        ("id", "property_id", "cadastral_number"),
        (
            np.arange(1, component_property.size + 1),
            component_property[order],
            component_number[order],
        ),
    )

    register = registry.build_register(props, seed=seed)
    nets = networks.build_networks(layout, seed=seed)
    return [
        area,
        cells,
        blocks,
        parcel_rows,
        building_rows,
        unit_rows,
        *register.tables[:3],  # parties, groups, members
        property_rows,
        component_rows,
        *register.tables[3:],
        nets.segments,
        nets.nodes,
        nets.cameras,
    ]


def validate_size(parcels: int, seed: int) -> None:
    if not MIN_PARCELS <= parcels <= MAX_PARCELS:
        raise ValueError(
            f"--parcels must be between {MIN_PARCELS} and {MAX_PARCELS:,} "
            f"(12 districts need at least {MIN_PARCELS} parcels); got {parcels}."
        )
    if seed < 0:
        raise ValueError(f"--seed must be zero or a positive whole number; got {seed}.")


def city_build(
    *,
    parcels: int,
    seed: int,
    replace: bool = False,
    progress: Callable[[str], None] | None = None,
) -> BuildSummary:
    """Generate the demo city and load it in one transaction; returns row counts and seconds.

    Refuses (DemoCityExistsError) a database whose city or register tables hold rows, unless
    `replace`, which empties them first. `progress` receives one line per finished step.
    """
    validate_size(parcels, seed)
    started = time.monotonic()

    def step(message: str) -> None:
        if progress is not None:
            progress(f"{time.monotonic() - started:7.1f} s  {message}")

    with transaction.atomic():
        if replace:
            load.empty_all()
        else:
            filled = load.filled_tables()
            if filled:
                raise DemoCityExistsError(filled)
        tables = generate(parcels=parcels, seed=seed)
        step("generated")
        rows: dict[str, int] = {}
        with load.indexes_suspended():
            step("secondary indexes and constraints dropped")
            load.execute_file("staging.sql")
            for table in tables:
                load.copy_rows(table)
                if table.name == "democity_cell":
                    load.execute_file("admin_areas.sql")
                if not table.name.startswith("democity_"):
                    rows[table.name] = rows.get(table.name, 0) + len(table)
                step(f"{table.name}: {len(table):,} rows")
            rows["citygis_adminarea"] += len(tables[0])
        step("indexes and constraints rebuilt")
        load.reset_sequences()
        load.analyze()
        step("statistics")
    step("committed")
    return BuildSummary(rows=rows, seconds=time.monotonic() - started)
