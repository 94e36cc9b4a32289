"""Helpers for loading many rows at once inside one transaction.

Maintaining an index row by row costs far more than building it once over the loaded rows, and
the tiles app's statement triggers recompute parcel features per statement where one rebuild
after the load does the same work in a single pass. Both helpers run inside the caller's
transaction: the exclusive locks taken by the first ALTER or DROP keep every other session out
of the tables until they are whole again, and a failure rolls everything back.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import connection
from psycopg2 import sql

# Plain indexes (not primary keys, not backing a constraint) of the given tables.
PLAIN_INDEXES = """
SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
  FROM pg_index AS i
 WHERE i.indrelid = ANY (SELECT to_regclass(t) FROM unnest(%(tables)s::text[]) AS t)
   AND NOT i.indisprimary
   AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c WHERE c.conindid = i.indexrelid)
 ORDER BY 1
"""

# Enabled triggers that keep the tiles app's parcel features in step with the register
# (tiles migration 0002); its cache-invalidation triggers and the register's own rules stay.
DERIVED_DATA_TRIGGERS = """
SELECT t.tgrelid::regclass::text, t.tgname::text
  FROM pg_trigger AS t
  JOIN pg_proc AS f ON f.oid = t.tgfoid
 WHERE t.tgrelid = ANY (SELECT to_regclass(n) FROM unnest(%(tables)s::text[]) AS n)
   AND NOT t.tgisinternal
   AND t.tgenabled <> 'D'
   AND f.proname LIKE 'tiles\\_%%'
   AND f.proname NOT LIKE 'tiles\\_cache\\_%%'
 ORDER BY 1, 2
"""


def _fetch(query: str, tables: Sequence[str]) -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(query, {"tables": list(tables)})
        return cursor.fetchall()


@contextmanager
def plain_indexes_suspended(tables: Sequence[str]) -> Iterator[None]:
    """Drop the plain indexes of `tables` and build them again when the block ends.

    Unique and exclusion constraints keep their indexes: they are rules, checked as rows go in.
    Deferred constraint checks are run before the indexes come back (CREATE INDEX refuses a
    table with pending trigger events).
    """
    indexes = _fetch(PLAIN_INDEXES, tables)
    with connection.cursor() as cursor:
        for name, _definition in indexes:
            cursor.execute(
                sql.SQL("DROP INDEX {}").format(sql.Identifier(name)).as_string(cursor.cursor)
            )
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for _name, definition in indexes:
            # Definitions come from the catalog (pg_get_indexdef).
            cursor.execute(definition)


@contextmanager
def derived_data_triggers_suspended(tables: Sequence[str]) -> Iterator[bool]:
    """Disable the tiles app's feature triggers on `tables` for a load.

    Yields whether any were disabled, that is whether tiles.services.parcel_features_rebuild
    is due once the rows are in.
    """
    triggers = _fetch(DERIVED_DATA_TRIGGERS, tables)

    def switch(action: str) -> None:
        with connection.cursor() as cursor:
            for table, name in triggers:
                statement = sql.SQL("ALTER TABLE {} " + action + " TRIGGER {}").format(
                    sql.Identifier(table), sql.Identifier(name)
                )
                cursor.execute(statement.as_string(cursor.cursor))

    switch("DISABLE")
    yield bool(triggers)
    switch("ENABLE")
