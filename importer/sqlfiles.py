"""The importer's SQL files, with the run's table names put in as quoted identifiers.

Identifiers are only ever names the importer made itself (see `RunTables`); every value from a
file or the command line is a bound parameter.
"""

import secrets
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from django.db import connection
from psycopg2 import sql

SCHEMA = "staging"


@cache
def sql_text(name: str) -> str:
    return (files("importer") / "sql" / f"{name}.sql").read_text(encoding="utf-8")


@dataclass(frozen=True)
class RunTables:
    """Names of one run's tables in the staging schema; unique per run."""

    token: str

    @classmethod
    def new(cls) -> "RunTables":
        return cls(token=secrets.token_hex(6))

    def name(self, role: str) -> str:
        return f"import_{self.token}_{role}"

    @property
    def staging(self) -> str:
        return self.name("source")

    def identifiers(self) -> dict[str, sql.Composable]:
        roles = ("source", "work", "inner", "conflict")
        return {
            ("staging" if role == "source" else role): sql.Identifier(SCHEMA, self.name(role))
            for role in roles
        }


@cache
def statement_text(name: str) -> str:
    """The statement(s) of a file without its header comment, which names the placeholders."""
    lines = sql_text(name).splitlines()
    while lines and lines[0].startswith("--"):
        lines.pop(0)
    return "\n" + "\n".join(lines) + "\n"


@cache
def _register_tables() -> dict[str, sql.Composable]:
    from cadastre.models import Building, Parcel
    from gis.models import AdminArea, Camera, InfrastructureSegment

    models = {
        "parcels": Parcel,
        "buildings": Building,
        "cameras": Camera,
        "segments": InfrastructureSegment,
        "admin_areas": AdminArea,
    }
    return {key: sql.Identifier(model._meta.db_table) for key, model in models.items()}


def render(name: str, tables: RunTables) -> str:
    """The SQL file `name` with this run's and the register's table names filled in."""
    composed = sql.SQL(statement_text(name)).format(
        **tables.identifiers(),
        **_register_tables(),
        geometry=sql.SQL(statement_text("geometry_columns")),
    )
    connection.ensure_connection()
    return composed.as_string(connection.connection)


def execute(name: str, tables: RunTables, params: dict[str, Any] | None = None) -> int:
    """Run the statement(s) of `name`; returns the row count of the last one."""
    with connection.cursor() as cursor:
        cursor.execute(render(name, tables), params or {})
        return cursor.rowcount


def fetch_all(name: str, tables: RunTables, params: dict[str, Any] | None = None) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(render(name, tables), params or {})
        return cursor.fetchall()
