import pytest
from django.db import connection

from democity import load
from democity.build import city_build

CITY_PARCELS = 420
CITY_SEED = 7


def query(sql: str, params: dict | None = None) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def scalar(sql: str, params: dict | None = None):
    (row,) = query(sql, params)
    return row[0]


@pytest.fixture(scope="module")
def city(django_db_setup, django_db_blocker):
    """One committed demo city per test module; emptied again afterwards."""
    with django_db_blocker.unblock():
        summary = city_build(parcels=CITY_PARCELS, seed=CITY_SEED, replace=True)
        yield summary
        load.empty_all()
