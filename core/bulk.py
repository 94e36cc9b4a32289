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

# Plain indexes (not primary keys, not backing a constraint) of the given tables, of the given
# access methods (all when NULL).
PLAIN_INDEXES = """
SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
  FROM pg_index AS i
  JOIN pg_class AS ic ON ic.oid = i.indexrelid
  JOIN pg_am AS am ON am.oid = ic.relam
 WHERE i.indrelid = ANY (SELECT to_regclass(t) FROM unnest(%(tables)s::text[]) AS t)
   AND NOT i.indisprimary
   AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c WHERE c.conindid = i.indexrelid)
   AND (%(methods)s::text[] IS NULL OR am.amname = ANY (%(methods)s::text[]))
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


def _run_deferred_checks(cursor) -> None:
    """Run the deferred foreign-key checks queued so far (ALTER TABLE and CREATE INDEX refuse
    a table with pending trigger events); later rows are deferred again."""
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _triggers_switch(triggers: Sequence[Sequence[str]], action: str) -> None:
    """ENABLE or DISABLE each (table, trigger name, ...) of `triggers`."""
    with connection.cursor() as cursor:
        _run_deferred_checks(cursor)
        for table, name, *_rest in triggers:
            statement = sql.SQL("ALTER TABLE {} " + action + " TRIGGER {}").format(
                sql.Identifier(table), sql.Identifier(name)
            )
            cursor.execute(statement.as_string(cursor.cursor))


def _fetch(query: str, tables: Sequence[str], **params: object) -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(query, {"tables": list(tables), **params})
        return cursor.fetchall()


@contextmanager
def plain_indexes_suspended(
    tables: Sequence[str], methods: Sequence[str] | None = None
) -> Iterator[None]:
    """Drop the plain indexes of `tables` (only those of the access `methods`, such as
    ("gist",), when given) and build them again when the block ends.

    Unique and exclusion constraints keep their indexes: they are rules, checked as rows go in.
    Deferred constraint checks are run before the indexes come back (CREATE INDEX refuses a
    table with pending trigger events).
    """
    indexes = _fetch(PLAIN_INDEXES, tables, methods=list(methods) if methods else None)
    with connection.cursor() as cursor:
        for name, _definition in indexes:
            cursor.execute(
                sql.SQL("DROP INDEX {}").format(sql.Identifier(name)).as_string(cursor.cursor)
            )
    yield
    with connection.cursor() as cursor:
        _run_deferred_checks(cursor)
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

    _triggers_switch(triggers, "DISABLE")
    yield bool(triggers)
    _triggers_switch(triggers, "ENABLE")


# Statement-level rule triggers and the query that checks the same rule over a whole table once
# (for a bulk load that switched the trigger off). {table} is filled in as an identifier.
WHOLE_TABLE_CHECKS = {
    "makon_versions_disjoint": """
        SELECT format('%%s: versions %%s and %%s of %%s overlap in time.', %(rule)s,
                      a.version, b.version, a.uid)
          FROM {table} AS a
          JOIN {table} AS b ON b.uid = a.uid AND b.id > a.id
         WHERE a.valid_from < coalesce(b.valid_until, 'infinity')
           AND b.valid_from < coalesce(a.valid_until, 'infinity')
         LIMIT 1
    """,
    "cadastre_right_shares_check": """
        SELECT format('The %%s shares of property %%s would sum to %%s/%%s, more than 1.',
                      t.right_type, p.cadastral_number, t.total[1], t.total[2])
          FROM (SELECT property_id, right_type,
                       cadastre_fraction_sum(share_numerator, share_denominator) AS total
                  FROM {table} WHERE valid_until IS NULL
                 GROUP BY property_id, right_type) AS t
          JOIN cadastre_property AS p ON p.id = t.property_id
         WHERE t.total[1] > t.total[2]
         LIMIT 1
    """,
}

RULE_TRIGGERS = """
SELECT t.tgrelid::regclass::text, t.tgname::text, f.proname::text,
       coalesce(encode(t.tgargs, 'escape'), '')
  FROM pg_trigger AS t
  JOIN pg_proc AS f ON f.oid = t.tgfoid
 WHERE t.tgrelid = ANY (SELECT to_regclass(n) FROM unnest(%(tables)s::text[]) AS n)
   AND NOT t.tgisinternal
   AND t.tgenabled <> 'D'
   AND f.proname = ANY (%(functions)s)
 ORDER BY 1, 2
"""


class BulkRuleViolationError(Exception):
    """A rule the bulk-loaded rows break, found by the whole-table check."""


@contextmanager
def statement_rules_deferred(tables: Sequence[str]) -> Iterator[None]:
    """Switch the register's statement-level rule triggers off for a load, check each rule
    once over the whole table after it (raising BulkRuleViolationError).

    The triggers join each statement's new rows to the table; while a bulk load has the
    table's indexes dropped, every COPY slice would scan the growing table once per new row.
    Checking once after the load, with the indexes back, is one join per rule.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            RULE_TRIGGERS, {"tables": list(tables), "functions": list(WHOLE_TABLE_CHECKS)}
        )
        triggers = cursor.fetchall()

    _triggers_switch(triggers, "DISABLE")
    yield
    _triggers_switch(triggers, "ENABLE")
    with connection.cursor() as cursor:
        for table, _name, function, args in triggers:
            rule = args.split("\\000")[0] if args else function
            query = sql.SQL(WHOLE_TABLE_CHECKS[function]).format(table=sql.Identifier(table))
            cursor.execute(query.as_string(cursor.cursor), {"rule": rule})
            broken = cursor.fetchone()
            if broken is not None:
                raise BulkRuleViolationError(broken[0])
