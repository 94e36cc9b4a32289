"""Tile bytes kept in the process: served only while the cache table holds their ETag."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_parcel
from tests.tiles.helpers import get_tile, sq, tile_at
from tiles import services
from tiles.memory import TileMemory
from tiles.models import CachedTile


def test_the_least_recently_used_tiles_leave_first_when_the_budget_is_spent():
    memory = TileMemory(budget_bytes=10)
    memory.put(("parcels", 16, 1, 1), "a", b"12345")
    memory.put(("parcels", 16, 1, 2), "b", b"12345")
    assert memory.get(("parcels", 16, 1, 1), "a") == b"12345"  # now the most recent

    memory.put(("parcels", 16, 1, 3), "c", b"123")

    assert memory.get(("parcels", 16, 1, 2), "b") is None
    assert memory.get(("parcels", 16, 1, 1), "a") == b"12345"
    assert memory.used == 8


def test_bytes_of_another_etag_are_dropped_not_served():
    memory = TileMemory(budget_bytes=100)
    memory.put(("parcels", 16, 1, 1), "old", b"old bytes")

    assert memory.get(("parcels", 16, 1, 1), "new") is None
    assert len(memory) == 0
    assert memory.used == 0


def test_a_tile_larger_than_the_budget_is_not_kept():
    memory = TileMemory(budget_bytes=4)
    memory.put(("parcels", 16, 1, 1), "a", b"12345")
    assert len(memory) == 0


def _executed(captured: CaptureQueriesContext) -> list[str]:
    """Names of the prepared statements run (a first use on a connection PREPAREs first)."""
    return [
        q["sql"].removeprefix("EXECUTE ").split("(")[0]
        for q in captured.captured_queries
        if q["sql"].startswith("EXECUTE ")
    ]


@pytest.mark.django_db
def test_a_process_without_the_bytes_fetches_them_once_then_asks_only_for_the_etag(client):
    make_parcel(geom=sq(0, 0))
    tile = tile_at(10, 10, 16)
    first = get_tile(client, "parcels", *tile, accept_encoding="gzip")
    services._memory().clear()

    with CaptureQueriesContext(connection) as fetched:
        again = get_tile(client, "parcels", *tile, accept_encoding="gzip")
    with CaptureQueriesContext(connection) as kept:
        third = get_tile(client, "parcels", *tile, accept_encoding="gzip")

    assert _executed(fetched) == ["makon_tile_cache_etag", "makon_tile_cache_get"]
    assert _executed(kept) == ["makon_tile_cache_etag"]
    assert again.content == third.content == first.content


@pytest.mark.django_db
def test_bytes_in_memory_are_not_served_once_the_cache_row_is_gone(client):
    make_parcel(geom=sq(0, 0))
    tile = tile_at(10, 10, 16)
    before = get_tile(client, "parcels", *tile, accept_encoding="gzip")
    # The row goes (as an edit's trigger would take it) and the tile's data changes.
    CachedTile.objects.filter(layer="parcels", zoom=tile[0], x=tile[1], y=tile[2]).delete()
    make_parcel(geom=sq(40, 0))

    after = get_tile(client, "parcels", *tile, accept_encoding="gzip")

    assert after["ETag"] != before["ETag"]
    assert after.content != before.content
