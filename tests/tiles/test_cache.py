"""The tile cache: gzip, ETag/304, hits without the layer SQL, invalidation in the writing
transaction, exactly where the data changed."""

import gzip
import threading

import mapbox_vector_tile
import pytest
from django.db import connection, transaction

from cadastre.models import Building, LandUse, Parcel
from core.versioning import version_replace
from gis.models import AdminArea, Camera
from tests.factories import make_building, make_parcel, make_person, make_property, make_right
from tests.tiles.helpers import (
    cached,
    decode,
    features,
    get_tile,
    in_3857,
    make_areas,
    make_camera,
    make_segment,
    pt,
    rect,
    sq,
    tile_at,
    tile_bounds,
)
from tiles.models import CachedTile

pytestmark = pytest.mark.django_db


def _warm(client, layer: str, tiles: list[tuple[int, int, int]]) -> None:
    for tile in tiles:
        assert get_tile(client, layer, *tile).status_code == 200


def _around(x: float, y: float, zooms: range) -> list[tuple[int, int, int]]:
    """The tile holding (x, y) and its eight neighbours at each of `zooms`."""
    return [
        (z, column + dx, row + dy)
        for z in zooms
        for (_, column, row) in [tile_at(x, y, z)]
        for dx in (-1, 0, 1)
        for dy in (-1, 0, 1)
    ]


def _touched(keys: set, layer: str, zooms: range, *geoms) -> set:
    """The cached tiles of `layer` at `zooms` whose bounds meet any of `geoms` (EPSG:3857)."""
    return {
        key
        for key in keys
        if key[0] == layer
        and key[1] in zooms
        and any(tile_bounds(*key[1:]).intersects(geom) for geom in geoms)
    }


def test_a_tile_is_gzip_for_a_client_that_accepts_it_and_plain_otherwise(client):
    make_parcel(geom=sq(0, 0))
    tile = tile_at(10, 10, 16)

    zipped = get_tile(client, "parcels", *tile, accept_encoding="br, gzip;q=0.8")
    plain = get_tile(client, "parcels", *tile)
    refused = get_tile(client, "parcels", *tile, accept_encoding="gzip;q=0, identity")

    assert zipped["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain
    assert "Content-Encoding" not in refused
    assert gzip.decompress(zipped.content) == plain.content == refused.content
    assert decode(plain)["parcels"]["features"]
    for response in (zipped, plain, refused):
        assert "Accept-Encoding" in response["Vary"]
        assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
        assert response["Cache-Control"] == "public, max-age=60"


def test_if_none_match_with_the_etag_answers_304_without_a_body(client):
    make_parcel(geom=sq(0, 0))
    tile = tile_at(10, 10, 16)
    etag = get_tile(client, "parcels", *tile)["ETag"]

    same = get_tile(client, "parcels", *tile, if_none_match=etag)
    strong = get_tile(client, "parcels", *tile, if_none_match=etag.removeprefix("W/"))
    listed = get_tile(client, "parcels", *tile, if_none_match=f'"other", {etag}')
    other = get_tile(client, "parcels", *tile, if_none_match='W/"0123"')

    assert etag.startswith('W/"')
    assert len(etag) == 36
    assert same.status_code == strong.status_code == listed.status_code == 304
    assert same.content == b""
    assert same["ETag"] == etag
    assert other.status_code == 200


def test_a_cache_hit_returns_the_stored_bytes_without_the_layer_sql(
    client, django_assert_num_queries
):
    # given
    make_parcel(geom=sq(0, 0))
    tile = tile_at(10, 10, 16)
    first = get_tile(client, "parcels", *tile, accept_encoding="gzip")
    # when
    with django_assert_num_queries(1) as captured:
        again = get_tile(client, "parcels", *tile, accept_encoding="gzip")
    # then
    assert captured.captured_queries[0]["sql"].startswith("EXECUTE makon_tile_cache_etag(")
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    stored = CachedTile.objects.get(layer="parcels", zoom=tile[0], x=tile[1], y=tile[2])
    assert bytes(stored.data) == first.content
    assert stored.bounds.contains(in_3857(sq(0, 0)))


def test_an_empty_tile_is_cached_empty(client, django_assert_num_queries):
    tile = tile_at(0, 0, 16)
    assert get_tile(client, "parcels", *tile).content == b""

    with django_assert_num_queries(1):
        response = get_tile(client, "parcels", *tile, accept_encoding="gzip")

    assert response.content == b""
    assert "Content-Encoding" not in response


def test_with_the_cache_off_tiles_are_built_every_time_and_not_stored(
    client, settings, django_assert_num_queries
):
    settings.MAKON_TILE_CACHE = False
    make_parcel(geom=sq(0, 0))
    tile = tile_at(10, 10, 16)
    get_tile(client, "parcels", *tile)

    with django_assert_num_queries(1) as captured:
        response = get_tile(client, "parcels", *tile, accept_encoding="gzip")

    assert captured.captured_queries[0]["sql"].startswith("EXECUTE makon_tile_parcels(")
    assert "Content-Encoding" not in response
    assert decode(response)["parcels"]["features"]
    assert response["ETag"].startswith('W/"')
    assert CachedTile.objects.count() == 0


def test_a_parcel_edit_removes_exactly_the_tiles_it_touches_in_its_transaction(client):
    # given: parcel A at the site, parcel B 3 km away, every tile around both cached
    areas = make_areas()
    a = make_parcel(number="10:01:01:01:01:0001", geom=sq(0, 0))
    make_parcel(number="10:01:01:01:01:0002", geom=sq(3000, 3000))
    moved_to = sq(300, 0)
    assert tile_at(300, 0, 16) != tile_at(0, 0, 16)
    _warm(client, "parcels", _around(0, 0, range(12, 17)) + _around(3000, 3000, range(14, 17)))
    _warm(client, "parcels", _around(300, 0, range(16, 17)))
    _warm(client, "admin_areas", _around(0, 0, range(13, 15)))
    before = cached()
    old_tile, new_tile = tile_at(0, 0, 16), tile_at(300, 0, 16)
    shown = features(client, "parcels", old_tile, "parcels")
    assert [f["properties"]["id"] for f in shown] == [a.pk]
    # when
    with transaction.atomic():
        edited = Parcel.objects.get(pk=a.pk)
        edited.geom = moved_to
        new_version = version_replace(edited=edited)
        inside = cached()
        # then: gone before the transaction ends. The old version ends before the new one is
        # inserted, so the block's summary (zoom 12-13) counts one parcel fewer in between:
        # its tiles go too.
        expected_gone = _touched(
            before, "parcels", range(14, 23), in_3857(a.geom), in_3857(moved_to)
        ) | _touched(before, "parcels", range(12, 14), areas["block"].geom_3857)
        assert inside == before - expected_gone
    assert cached() == inside
    assert {key[1] for key in expected_gone} == {12, 13, 14, 15, 16}
    assert ("parcels", *new_tile) in expected_gone
    assert ("parcels", *tile_at(3000, 3000, 16)) in inside
    assert {key for key in before if key[0] == "admin_areas"} <= inside
    # and: the next request shows the new geometry
    assert features(client, "parcels", old_tile, "parcels") == []
    (moved,) = features(client, "parcels", new_tile, "parcels")
    assert moved["properties"]["id"] == new_version.pk


def test_a_rolled_back_edit_leaves_the_cache_as_it_was(client):
    parcel = make_parcel(geom=sq(0, 0))
    _warm(client, "parcels", _around(0, 0, range(14, 17)))
    before = cached()

    with transaction.atomic():
        edited = Parcel.objects.get(pk=parcel.pk)
        edited.geom = sq(40, 0)
        version_replace(edited=edited)
        assert cached() < before
        transaction.set_rollback(True)

    assert cached() == before


def test_a_new_owner_changes_the_parcel_tiles_but_not_the_block_summary(client):
    make_areas()
    parcel = make_parcel(number="10:01:01:01:01:0001", geom=sq(0, 0))
    _warm(client, "parcels", _around(0, 0, range(12, 17)))
    before = cached()

    make_right(prop=make_property(number=parcel.cadastral_number), party=make_person())

    gone = before - cached()
    assert gone == _touched(before, "parcels", range(14, 23), in_3857(parcel.geom))
    (feature,) = features(client, "parcels", tile_at(10, 10, 16), "parcels")
    assert feature["properties"]["owner_type"] == "person"


def test_a_new_land_use_changes_the_block_summary_tiles(client):
    make_areas()
    parcel = make_parcel(number="10:01:01:01:01:0001", geom=sq(0, 0), land_use=LandUse.GREEN)
    _warm(client, "parcels", _around(0, 0, range(12, 14)))
    before = cached()

    edited = Parcel.objects.get(pk=parcel.pk)
    edited.land_use = LandUse.COMMERCIAL
    version_replace(edited=edited)

    block = AdminArea.objects.get(code="10:01:01:01:01")
    assert before - cached() == _touched(before, "parcels", range(12, 14), block.geom_3857)
    (summary,) = features(client, "parcels", tile_at(0, 0, 12), "parcel_blocks")
    assert summary["properties"]["land_use"] == "commercial"


def test_a_building_edit_removes_its_building_tiles_only(client):
    parcel = make_parcel(geom=sq(0, 0, 40))
    building = make_building(parcel=parcel, floors=2)
    make_parcel(geom=sq(3000, 0))
    _warm(client, "buildings", _around(0, 0, range(15, 17)) + _around(3000, 0, range(15, 17)))
    _warm(client, "parcels", _around(0, 0, range(14, 17)))
    before = cached()

    edited = Building.objects.get(pk=building.pk)
    edited.floors = 12
    version_replace(edited=edited)

    assert before - cached() == _touched(before, "buildings", range(15, 23), in_3857(building.geom))
    (feature,) = features(client, "buildings", tile_at(20, 20, 16), "buildings")
    assert feature["properties"]["floors"] == 12


def test_a_camera_moved_in_place_removes_old_and_new_tiles(client):
    camera = make_camera(x=0, y=0)
    _warm(client, "cameras", _around(0, 0, range(13, 17)) + _around(300, 0, range(16, 17)))
    before = cached()
    old_geom = in_3857(camera.geom)

    Camera.objects.filter(pk=camera.pk).update(geom=pt(300, 0))
    camera.refresh_from_db()

    new_geom = in_3857(camera.geom)
    assert before - cached() == _touched(before, "cameras", range(13, 23), old_geom, new_geom)


def test_an_update_that_changes_nothing_drawn_keeps_the_tiles(client):
    camera = make_camera(x=0, y=0)
    _warm(client, "cameras", _around(0, 0, range(13, 17)))
    before = cached()

    Camera.objects.filter(pk=camera.pk).update(stream_ref="rtsp://10.0.0.9/other", name="Yangi nom")

    assert cached() == before


def test_a_utility_pipe_leaves_the_road_only_zooms_cached(client):
    _warm(client, "infrastructure", _around(0, 0, range(12, 17)))
    before = cached()

    pipe = make_segment(network="water", x=0, y=0, length=50)

    touched = _touched(before, "infrastructure", range(14, 23), in_3857(pipe.geom))
    assert before - cached() == touched
    assert {key for key in before if key[1] in (12, 13)} <= cached()


def test_a_block_area_edit_touches_admin_tiles_from_14_and_the_block_summary(client):
    areas = make_areas()
    make_parcel(number="10:01:01:01:01:0001", geom=sq(0, 0))
    _warm(client, "admin_areas", _around(0, 0, range(11, 17)))
    _warm(client, "parcels", _around(0, 0, range(12, 17)))
    before = cached()
    old = areas["block"].geom_3857

    AdminArea.objects.filter(pk=areas["block"].pk).update(geom=rect(-50, -50, 200, 150))
    new = AdminArea.objects.get(pk=areas["block"].pk).geom_3857

    assert before - cached() == _touched(before, "admin_areas", range(14, 23), old, new) | _touched(
        before, "parcels", range(12, 14), old, new
    )


def test_tiles_rebuild_empties_the_parcel_tiles(client):
    from django.core.management import call_command

    make_parcel(geom=sq(0, 0))
    _warm(client, "parcels", _around(0, 0, range(14, 15)))
    _warm(client, "admin_areas", _around(0, 0, range(14, 15)))

    call_command("tiles_rebuild", stdout=None)

    assert {key[0] for key in cached()} == {"admin_areas"}


@pytest.mark.django_db(transaction=True)
def test_a_tile_built_while_an_edit_is_uncommitted_is_served_but_not_stored(client):
    # given: an edit of the parcel that has not committed yet
    parcel = make_parcel(geom=sq(0, 0))
    tile = tile_at(10, 10, 16)
    edited = Parcel.objects.get(pk=parcel.pk)
    edited.geom = sq(5, 5)
    written, release = threading.Event(), threading.Event()
    outcome: dict = {}

    def edit() -> None:
        try:
            with transaction.atomic():
                outcome["version"] = version_replace(edited=edited)
                written.set()
                release.wait(20)
        finally:
            connection.close()

    writer = threading.Thread(target=edit)
    writer.start()
    assert written.wait(20)
    # when: the tile is asked for meanwhile
    try:
        during = features(client, "parcels", tile, "parcels")
        stored_during = cached()
    finally:
        release.set()
        writer.join(20)
    # then: it showed the committed state and was not kept
    assert [f["properties"]["id"] for f in during] == [parcel.pk]
    assert stored_during == set()
    after = features(client, "parcels", tile, "parcels")
    assert [f["properties"]["id"] for f in after] == [outcome["version"].pk]
    assert cached() == {("parcels", *tile)}


@pytest.mark.django_db(transaction=True)
def test_uncommitted_edits_in_different_places_do_not_wait_for_each_other(client):
    # given: two parcels in different blocks and tiles, their tiles cached
    first = make_parcel(number="10:01:01:01:01:0001", geom=sq(0, 0))
    second = make_parcel(number="10:01:01:01:09:0001", geom=sq(3000, 3000))
    for x in (0, 3000):
        _warm(client, "parcels", _around(x, x, range(14, 17)))
    written, release = threading.Event(), threading.Event()

    def edit() -> None:
        try:
            with transaction.atomic():
                edited = Parcel.objects.get(pk=first.pk)
                edited.land_use = LandUse.GREEN
                version_replace(edited=edited)
                written.set()
                release.wait(20)
        finally:
            connection.close()

    writer = threading.Thread(target=edit)
    writer.start()
    assert written.wait(20)
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                # waiting for the other edit would fail here instead of hanging
                cursor.execute("SET LOCAL lock_timeout = '2s'")
            edited = Parcel.objects.get(pk=second.pk)
            edited.land_use = LandUse.PUBLIC
            version_replace(edited=edited)
    finally:
        release.set()
        writer.join(20)

    assert set(Parcel.objects.current().values_list("land_use", flat=True)) == {"green", "public"}
    assert ("parcels", *tile_at(10, 10, 16)) not in cached()
    assert ("parcels", *tile_at(3010, 3010, 16)) not in cached()


def test_cached_bytes_decode_to_the_built_tile(client, settings):
    make_parcel(geom=sq(0, 0))
    tile = tile_at(10, 10, 15)
    cached_tile = get_tile(client, "parcels", *tile)
    settings.MAKON_TILE_CACHE = False
    built = get_tile(client, "parcels", *tile)

    decoded = mapbox_vector_tile.decode(cached_tile.content)
    assert decoded == mapbox_vector_tile.decode(built.content)
    assert cached_tile["ETag"] == built["ETag"]
