"""Build the demo city: generate every table with numpy and COPY it in one transaction.

Tables are generated in a background thread while the database loads the ones already made,
so Python and PostgreSQL use both cores.
"""

import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db import transaction

from core.bulk import derived_data_triggers_suspended, statement_rules_deferred
from democity import assemble, load, networks, registry
from democity.buildings import build_buildings, build_units
from democity.layout import build_layout
from democity.parcels import build_parcels
from democity.tables import Table
from tiles.services import parcel_features_rebuild

MIN_PARCELS = 100
MAX_PARCELS = 5_000_000


@dataclass(frozen=True)
class BuildSummary:
    rows: dict[str, int]
    seconds: float


class DemoCityExistsError(Exception):
    """The database already holds city or register data."""

    def __init__(self, filled: list[str], parcels: int) -> None:
        self.filled = filled
        self.parcels = parcels
        super().__init__(
            f"The database is not empty: it holds {parcels:,} parcels and rows in "
            f"{len(filled)} of the tables the demo city fills."
        )


def validate_size(parcels: int, seed: int) -> None:
    """Raise ValueError (with a message for people) for sizes and seeds the generator refuses."""
    if not MIN_PARCELS <= parcels <= MAX_PARCELS:
        raise ValueError(
            f"--parcels must be between {MIN_PARCELS} and {MAX_PARCELS:,} "
            f"(twelve districts need at least {MIN_PARCELS} parcels); got {parcels}."
        )
    if seed < 0:
        raise ValueError(f"--seed must be zero or a positive whole number; got {seed}.")


def generate_tables(*, parcels: int, seed: int) -> Iterator[Table]:
    """Every row of the demo city, table by table in load order (staging tables first)."""
    srid = int(settings.MAKON_SRID)
    region = str(settings.MAKON_REGION_CODE)
    rng = np.random.default_rng([seed, 8])
    layout = build_layout(parcels=parcels, seed=seed, srid=srid)
    area, cells, blocks = assemble.admin_tables(layout, region)
    yield area
    yield cells
    yield blocks
    p = build_parcels(layout, seed=seed)
    b = build_buildings(p, seed=seed)
    u = build_units(b, seed=seed)
    numbers = assemble.numbers(layout, p, b, u, region)
    days = assemble.registration(layout, p, b, u, rng)
    yield assemble.parcel_table(p, numbers, days, np.asarray(blocks.values[0]), srid, rng)
    yield assemble.building_table(b, numbers, days, srid, rng)
    yield assemble.unit_table(u, numbers, days, rng)
    props, property_rows, component_rows = assemble.properties(
        layout, p, b, u, numbers, days, region
    )
    del p, b, u, numbers, days
    register = registry.build_register(props, seed=seed)
    parties, groups, members = register[:3]
    yield parties
    yield groups
    yield members
    yield property_rows
    yield component_rows
    yield from register[3:]
    nets = networks.build_networks(layout, seed=seed)
    yield nets.segments
    yield nets.nodes
    yield nets.cameras


def _made_ahead(tables: Iterator[Table], depth: int = 2) -> Iterator[Table]:
    """`tables`, produced by a background thread up to `depth` tables ahead of the consumer.

    An error in the producer is raised in the consumer; a consumer that stops early stops the
    producer too.
    """
    ready: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def hand_over(item: object) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.5)
            except queue.Full:
                continue
            return True
        return False

    def produce() -> None:
        try:
            for table in tables:
                if not hand_over(table):
                    return
        except BaseException as error:  # re-raised by the consumer
            hand_over(error)
        else:
            hand_over(done)

    worker = threading.Thread(target=produce, name="democity-generate", daemon=True)
    worker.start()
    try:
        while (item := ready.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        worker.join()


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

    rows: dict[str, int] = {}
    with transaction.atomic():
        if replace:
            load.empty_all()
        else:
            filled = load.filled_tables()
            if filled:
                raise DemoCityExistsError(filled, load.parcel_count())
        with (
            statement_rules_deferred(load.BULK_TABLES),
            derived_data_triggers_suspended(load.BULK_TABLES) as derived,
            load.indexes_suspended(),
        ):
            step("secondary indexes and constraints dropped")
            load.execute_file("staging.sql")
            for table in _made_ahead(generate_tables(parcels=parcels, seed=seed)):
                load.copy_rows(table)
                if table.name == "democity_cell":
                    load.execute_file("admin_areas.sql")
                rows[table.name] = rows.get(table.name, 0) + len(table)
                step(f"{table.name}: {len(table):,} rows")
        step("indexes and constraints rebuilt")
        load.check_deferred_constraints()
        load.reset_sequences()
        # Statistics first: the tile rebuild plans its joins on them (4x faster at 1M parcels).
        load.analyze()
        step("statistics")
        if derived:
            parcel_features_rebuild()
            step("tile features rebuilt")
    step("committed")
    rows["citygis_adminarea"] += rows.pop("democity_area")
    del rows["democity_cell"]
    return BuildSummary(rows=rows, seconds=time.monotonic() - started)
