"""Prepared statements: each SQL file is PREPAREd once per database connection, then EXECUTEd.

Django keeps connections open (CONN_MAX_AGE), so a tile request pays neither parsing nor, once
PostgreSQL settles on a generic plan, planning. Which statements a connection holds is tracked
per DB-API connection object: a new connection starts with none.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any
from weakref import WeakKeyDictionary

from django.db import connection

from tiles.layers import ZoomBand

_prepared: WeakKeyDictionary[Any, set[str]] = WeakKeyDictionary()


@dataclass(frozen=True)
class Statement:
    name: str
    sql_file: str
    parameter_types: tuple[str, ...]

    @property
    def execute_sql(self) -> str:
        placeholders = ", ".join(["%s"] * len(self.parameter_types))
        return f"EXECUTE {self.name}({placeholders})"

    def prepare_sql(self) -> str:
        return _prepare_sql(self)


@cache
def _prepare_sql(statement: Statement) -> str:
    body = (files("tiles") / "sql" / statement.sql_file).read_text(encoding="utf-8")
    return f"PREPARE {statement.name} ({', '.join(statement.parameter_types)}) AS\n{body}"


TILE_PARAMETERS = ("integer", "integer", "integer")

CACHE_GET = Statement("makon_tile_cache_get", "cache_get.sql", ("text", *TILE_PARAMETERS))
CACHE_ETAG = Statement("makon_tile_cache_etag", "cache_etag.sql", ("text", *TILE_PARAMETERS))
CACHE_LOCK = Statement("makon_tile_cache_lock", "cache_lock.sql", ("text",))
CACHE_PUT = Statement(
    "makon_tile_cache_put", "cache_put.sql", ("text", *TILE_PARAMETERS, "bytea", "text")
)


def band_statement(band: ZoomBand) -> Statement:
    return Statement(band.statement_name, band.sql_file, TILE_PARAMETERS)


def execute(statement: Statement, parameters: Sequence[object]) -> tuple[Any, ...] | None:
    """Run `statement` on Django's connection, PREPAREd there first if new; its first row, or
    None when it returns no rows."""
    with connection.cursor() as cursor:
        raw = connection.connection
        names = _prepared.setdefault(raw, set())
        if statement.name not in names:
            # Without parameters the driver sends the text as is (no %-interpolation).
            cursor.execute(statement.prepare_sql())
            names.add(statement.name)
        cursor.execute(statement.execute_sql, parameters)
        return cursor.fetchone() if cursor.description is not None else None
