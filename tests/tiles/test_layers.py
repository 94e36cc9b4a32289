"""What each layer draws at each zoom band, with which properties."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from cadastre.models import Building, LandUse
from core.versioning import version_end
from gis.models import Network
from tests.factories import make_building, make_parcel
from tests.tiles.helpers import (
    features,
    make_areas,
    make_camera,
    make_node,
    make_segment,
    rect,
    sq,
    tile_at,
)
from tiles.models import ParcelBlock

pytestmark = pytest.mark.django_db

PARCEL_PROPERTIES = {
    "id",
    "cadastral_number",
    "land_use",
    "area_m2",
    "district",
    "owner_type",
    "registered_on",
}


def test_parcels_from_zoom_14_carry_the_seven_public_properties(client):
    # given
    parcel = make_parcel(
        number="10:01:01:01:01:0007",
        geom=sq(0, 0, 30),
        land_use=LandUse.COMMERCIAL,
        area_official_m2="905.50",
        valid_from=datetime(2019, 6, 30, 21, 30, tzinfo=ZoneInfo("UTC")),
    )
    # when
    found = {z: features(client, "parcels", tile_at(15, 15, z), "parcels") for z in (14, 16, 22)}
    # then
    for z, tile_features in found.items():
        assert len(tile_features) == 1, z
        properties = tile_features[0]["properties"]
        assert properties.keys() <= PARCEL_PROPERTIES
        assert properties == {
            "id": parcel.pk,
            "cadastral_number": "10:01:01:01:01:0007",
            "land_use": "commercial",
            "area_m2": 905.5,
            "district": "10:01",
            # 21:30 UTC is already the next day in Tashkent
            "registered_on": "2019-07-01",
        }


def test_parcel_area_falls_back_to_the_computed_area(client):
    make_parcel(geom=rect(0, 0, 20, 10))

    (feature,) = features(client, "parcels", tile_at(10, 5, 16), "parcels")

    assert feature["properties"]["area_m2"] == pytest.approx(200, rel=0.01)


def test_ended_parcel_versions_are_not_drawn(client):
    parcel = make_parcel(geom=sq(0, 0), valid_from=datetime(2020, 1, 1, tzinfo=ZoneInfo("UTC")))
    version_end(instance=parcel)

    assert features(client, "parcels", tile_at(10, 10, 16), "parcels") == []


def test_parcels_at_zoom_12_and_13_are_summed_per_block(client):
    # given: three parcels in a registered block, two residential, and one in a block that
    # has no block area
    areas = make_areas()
    for n, use in enumerate([LandUse.RESIDENTIAL, LandUse.RESIDENTIAL, LandUse.GREEN]):
        make_parcel(number=f"10:01:01:01:01:{n + 1:04d}", geom=sq(n * 40, 0), land_use=use)
    make_parcel(number="10:01:01:01:02:0001", geom=sq(150, 150), land_use=LandUse.PUBLIC)
    make_parcel(number="10:01:01:01:02:0002", geom=sq(180, 150), land_use=LandUse.PUBLIC)
    for z in (12, 13):
        # when
        tile = tile_at(0, 0, z)
        summaries = features(client, "parcels", tile, "parcel_blocks")
        found = {f["properties"]["block"]: f for f in summaries}
        # then
        assert found["10:01:01:01:01"]["properties"] == {
            "block": "10:01:01:01:01",
            "parcel_count": 3,
            "land_use": "residential",
        }
        assert found["10:01:01:01:02"]["properties"] == {
            "block": "10:01:01:01:02",
            "parcel_count": 2,
            "land_use": "public",
        }
        assert set(found) == {"10:01:01:01:01", "10:01:01:01:02"}
    assert areas["block"].code == "10:01:01:01:01"


def test_block_outline_is_the_block_area_else_the_hull_of_its_parcels(client):
    make_areas()
    make_parcel(number="10:01:01:01:01:0001", geom=sq(0, 0))
    make_parcel(number="10:01:01:01:02:0001", geom=sq(150, 150))
    make_parcel(number="10:01:01:01:02:0002", geom=sq(180, 150))

    registered = ParcelBlock.objects.get(block_code="10:01:01:01:01")
    hulled = ParcelBlock.objects.get(block_code="10:01:01:01:02")

    assert registered.geom_3857.area == pytest.approx(
        rect(-100, -100, 300, 200).transform(3857, clone=True).area
    )
    assert hulled.geom_3857.area == pytest.approx(
        rect(150, 150, 50, 20).transform(3857, clone=True).area, rel=1e-5
    )


def test_buildings_from_zoom_15_with_use_floors_and_number(client):
    parcel = make_parcel(number="10:01:01:01:01:0003", geom=sq(0, 0, 40))
    make_building(parcel=parcel, use=Building.Use.APARTMENTS, floors=9)
    Building.objects.create(geom=rect(60, 0, 10, 10), use=Building.Use.AUXILIARY)

    found = features(client, "buildings", tile_at(20, 20, 15), "buildings")

    assert sorted((f["properties"] for f in found), key=lambda p: p["use"]) == [
        {"cadastral_number": "10:01:01:01:01:0003:0001", "use": "apartments", "floors": 9},
        {"use": "auxiliary"},
    ]


def test_infrastructure_shows_roads_from_12_utilities_from_14_nodes_from_16(client):
    make_segment(network=Network.ROAD)
    make_segment(network=Network.WATER, y=30)
    make_node(network=Network.WATER, kind="hydrant", x=50, y=30)

    def networks(z: int, source: str = "infrastructure") -> list[dict]:
        found = features(client, "infrastructure", tile_at(50, 15, z), source)
        return sorted((f["properties"] for f in found), key=lambda p: p["network"])

    assert networks(12) == networks(13) == [{"network": "road", "status": "operational"}]
    assert (
        networks(14)
        == networks(16)
        == [
            {"network": "road", "status": "operational"},
            {"network": "water", "status": "operational"},
        ]
    )
    assert networks(15, "infrastructure_nodes") == []
    assert networks(16, "infrastructure_nodes") == [
        {"network": "water", "kind": "hydrant", "status": "operational"}
    ]


def test_cameras_from_zoom_13_without_the_stream_reference(client):
    camera = make_camera(direction_deg=135.0, field_of_view_deg=360.0, range_m=45.5)

    (feature,) = features(client, "cameras", tile_at(0, 0, 13), "cameras")

    assert feature["id"] == camera.pk
    assert feature["properties"] == {
        "kind": "ptz",
        "status": "active",
        "direction_deg": 135.0,
        "field_of_view_deg": 360.0,
        "range_m": 45.5,
    }


def test_admin_areas_show_districts_then_mahallas_then_blocks(client):
    make_areas()

    def levels(z: int) -> list[str]:
        found = features(client, "admin_areas", tile_at(0, 0, z), "admin_areas")
        return sorted(f["properties"]["level"] for f in found)

    assert levels(0) == levels(8) == levels(11) == ["district"]
    assert levels(12) == levels(13) == ["district", "mahalla"]
    assert levels(14) == levels(22) == ["block", "district", "mahalla"]
    (district,) = features(client, "admin_areas", tile_at(0, 0, 5), "admin_areas")
    assert district["properties"] == {
        "level": "district",
        "code": "10:01",
        "name": "Yunusobod tumani",
    }


def test_a_tile_over_an_empty_area_is_empty(client):
    make_parcel(geom=sq(0, 0))
    far = tile_at(60_000, 60_000, 16)

    for layer in ("parcels", "buildings", "infrastructure", "cameras", "admin_areas", "incidents"):
        response = client.get(f"/tiles/{layer}/{far[0]}/{far[1]}/{far[2]}.pbf")
        assert response.status_code == 200
        assert response.content == b""
        assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
