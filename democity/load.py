"""Bulk loading with PostgreSQL COPY on Django's connection.

Rows are turned into COPY text in slices while the server ingests the previous slice, so
Python and PostgreSQL work at the same time.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.resources import files

from django.db import connection
from psycopg2 import sql

from democity.tables import Table, copy_text

# Everything the generator fills, parents before children.
TABLES = (
    "citygis_adminarea",
    "cadastre_parcel",
    "cadastre_building",
    "cadastre_buildingunit",
    "cadastre_party",
    "cadastre_partygroup",
    "cadastre_partygroupmember",
    "cadastre_property",
    "cadastre_propertycomponent",
    "cadastre_source",
    "cadastre_right",
    "cadastre_right_sources",
    "cadastre_restriction",
    "cadastre_restriction_sources",
    "cadastre_responsibility",
    "cadastre_responsibility_sources",
    "citygis_infrastructuresegment",
    "citygis_infrastructurenode",
    "citygis_camera",
)
# Tables whose secondary indexes and constraints are built after the load. The areas keep
# theirs: they are few, and other apps' triggers look blocks up by code while parcels load.
BULK_TABLES = tuple(t for t in TABLES if t != "citygis_adminarea")
SLICE_ROWS = 50_000


def read_sql(name: str) -> str:
    return (files("democity") / "sql" / name).read_text(encoding="utf-8")


def filled_tables() -> list[str]:
    """Tables the generator fills that already hold rows."""
    filled = []
    with connection.cursor() as cursor:
        for table in TABLES:
            statement = sql.SQL("SELECT EXISTS (SELECT 1 FROM {})").format(sql.Identifier(table))
            cursor.execute(statement.as_string(cursor.cursor))
            if cursor.fetchone()[0]:
                filled.append(table)
    return filled


def parcel_count() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM cadastre_parcel")
        return int(cursor.fetchone()[0])


def empty_all() -> None:
    """TRUNCATE every table the generator fills (and, by CASCADE, rows that point at them)."""
    with connection.cursor() as cursor:
        statement = sql.SQL("TRUNCATE {} RESTART IDENTITY CASCADE").format(
            sql.SQL(", ").join(sql.Identifier(t) for t in TABLES)
        )
        cursor.execute(statement.as_string(cursor.cursor))


class _Stream:
    """A read()-able file over an iterator of byte chunks, for cursor.copy_expert.

    psycopg2 sends whatever read() returns, so whole chunks go out as they are made.
    """

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks

    def read(self, size: int = -1) -> bytes:
        return next(self._chunks, b"")

    def readline(self, size: int = -1) -> bytes:
        return self.read(size)


def _chunks(table: Table, first: int, last: int) -> Iterable[bytes]:
    """COPY text of rows first..last-1, in slices."""
    for start in range(first, last, SLICE_ROWS):
        stop = min(last, start + SLICE_ROWS)
        columns = [copy_text(column[start:stop]) for column in table.values]
        lines = "\n".join("\t".join(row) for row in zip(*columns, strict=True))
        yield (lines + "\n").encode("utf-8")


def copy_rows(table: Table, *, name: str | None = None) -> None:
    """COPY `table`'s rows into `name` (default: the table's own name)."""
    if len(table) == 0:
        return
    with connection.cursor() as cursor:
        statement = (
            sql.SQL("COPY {} ({}) FROM STDIN")
            .format(
                sql.Identifier(name or table.name),
                sql.SQL(", ").join(sql.Identifier(c) for c in table.columns),
            )
            .as_string(cursor.cursor)
        )
        rows = _chunks(table, 0, len(table))
        cursor.copy_expert(statement, _Stream(iter(rows)), size=1 << 20)


@dataclass(frozen=True)
class _Definition:
    table: str
    name: str
    definition: str
    is_constraint: bool


def _secondary_structures() -> list[_Definition]:
    """Foreign keys, unique and exclusion constraints and plain indexes of BULK_TABLES,
    foreign keys first (they are dropped first); primary keys stay."""
    with connection.cursor() as cursor:
        cursor.execute(read_sql("secondary_structures.sql"), {"tables": list(BULK_TABLES)})
        rows = cursor.fetchall()
    return [
        _Definition(table=t, name=n, definition=d, is_constraint=c) for t, n, d, c, _stage in rows
    ]


@contextmanager
def indexes_suspended() -> Iterator[None]:
    """Drop secondary indexes and constraints for a bulk load and build them again after.

    Building an index once over loaded rows is much cheaper than maintaining it row by row,
    and foreign keys added after the load are checked by one join instead of one deferred
    trigger call per row. Run inside the load's transaction: the exclusive locks taken by the
    first DROP keep every other session out until the structures are back, and a failure rolls
    all of it back.
    """
    structures = _secondary_structures()
    with connection.cursor() as cursor:
        for item in structures:
            if item.is_constraint:
                statement = sql.SQL("ALTER TABLE {} DROP CONSTRAINT {}").format(
                    sql.Identifier(item.table), sql.Identifier(item.name)
                )
            else:
                statement = sql.SQL("DROP INDEX {}").format(sql.Identifier(item.name))
            cursor.execute(statement.as_string(cursor.cursor))
    yield
    with connection.cursor() as cursor:
        for item in reversed(structures):
            if item.is_constraint:
                statement = (
                    sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} ")
                    .format(sql.Identifier(item.table), sql.Identifier(item.name))
                    .as_string(cursor.cursor)
                    + item.definition
                )
            else:
                statement = item.definition
            # Definitions come from the catalog (pg_get_constraintdef / pg_get_indexdef).
            cursor.execute(statement)


def check_deferred_constraints() -> None:
    """Run the deferred foreign-key checks now instead of at commit: a broken row fails the
    build where it happens, and a later TRUNCATE in the same transaction is allowed."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def analyze() -> None:
    """Fresh planner statistics for the loaded tables."""
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(
                sql.SQL("ANALYZE {}").format(sql.Identifier(table)).as_string(cursor.cursor)
            )


def execute_file(name: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(read_sql(name))


def reset_sequences() -> None:
    """Point each table's id sequence past the ids the build set explicitly."""
    with connection.cursor() as cursor:
        for table in TABLES:
            statement = sql.SQL(
                "SELECT setval(pg_get_serial_sequence({name}, 'id'), "
                "GREATEST((SELECT max(id) FROM {table}), 1), "
                "(SELECT max(id) FROM {table}) IS NOT NULL)"
            ).format(name=sql.Literal(table), table=sql.Identifier(table))
            cursor.execute(statement.as_string(cursor.cursor))
