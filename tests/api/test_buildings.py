"""Public building API: bbox, filters, units count, current versions only."""

import pytest

from cadastre.models import Building
from core.versioning import version_end, version_replace
from tests.api.factories import bbox_around, lonlat, make_building, make_parcel, make_units
from tests.geometry import square

pytestmark = pytest.mark.django_db

LIST = "/api/buildings/"


def detail(number: str) -> str:
    return f"/api/buildings/{number}/"


def test_bbox_lists_current_buildings_with_their_units(api_client, django_assert_max_num_queries):
    # given two buildings near the origin (one with units, one replaced) and one far away
    near = make_parcel(geom=square(0, 0))
    tower = make_building(parcel=near, suffix="0001", use="apartments", floors=9)
    make_units(building=tower, count=4)
    annex = make_building(parcel=near, suffix="0002", use="auxiliary", floors=1)
    annex.floors = 2
    version_replace(edited=annex)
    make_building(parcel=make_parcel(geom=square(2000, 0)))
    # when
    with django_assert_max_num_queries(2):
        response = api_client.get(LIST, {"bbox": bbox_around(-10, -10, 30, 30)})
    # then
    assert response.status_code == 200
    body = response.json()
    by_number = {f["properties"]["cadastral_number"]: f for f in body["features"]}
    assert body["count"] == 2
    assert set(by_number) == {tower.cadastral_number, annex.cadastral_number}
    assert by_number[tower.cadastral_number]["properties"]["units_count"] == 4
    assert by_number[annex.cadastral_number]["properties"]["units_count"] == 0
    assert by_number[annex.cadastral_number]["properties"]["floors"] == 2
    assert by_number[annex.cadastral_number]["properties"]["version"] == 2


def test_filters_by_use_and_parcel(api_client):
    first, second = make_parcel(geom=square(0, 0)), make_parcel(geom=square(40, 0))
    house = make_building(parcel=first, suffix="0001", use="house")
    make_building(parcel=first, suffix="0002", use="auxiliary")
    make_building(parcel=second, suffix="0001", use="house")
    response = api_client.get(LIST, {"use": "house", "parcel": first.cadastral_number})
    assert [f["properties"]["cadastral_number"] for f in response.json()["features"]] == [
        house.cadastral_number
    ]
    assert api_client.get(LIST, {"use": "house"}).json()["count"] == 2


def test_detail_has_units_parcel_and_lon_lat_footprint(api_client, django_assert_max_num_queries):
    # given a building with a footprint 2 m inside a parcel whose corner is the origin
    parcel = make_parcel(geom=square(0, 0, 20))
    building = make_building(
        parcel=parcel, suffix="0007", use="apartments", floors=5, year_built=1978, address="A, 1"
    )
    make_units(building=building, count=6)
    ended_unit = make_units(building=make_building(parcel=parcel, suffix="0008"), count=1)[0]
    version_end(instance=ended_unit)
    # when
    with django_assert_max_num_queries(1):
        response = api_client.get(detail(building.cadastral_number))
    # then
    assert response.status_code == 200
    feature = response.json()
    assert feature["id"] == str(building.uid)
    assert feature["properties"] == {
        "cadastral_number": building.cadastral_number,
        "parcel_number": parcel.cadastral_number,
        "address": "A, 1",
        "use": "apartments",
        "floors": 5,
        "year_built": 1978,
        "units_count": 6,
        "valid_from": feature["properties"]["valid_from"],
        "version": 1,
    }
    # the footprint's south-west corner is 2 m inside the parcel's, in lon/lat order
    ring = feature["geometry"]["coordinates"][0][0]
    corner = lonlat(2, 2)
    assert [v for v in ring if v == pytest.approx(list(corner), abs=1e-7)]
    other = api_client.get(detail(f"{parcel.cadastral_number}:0008")).json()
    assert other["properties"]["units_count"] == 0


def test_ended_building_is_gone(api_client):
    building = make_building(parcel=make_parcel(geom=square(0, 0)))
    version_end(instance=building)
    assert api_client.get(LIST).json()["count"] == 0
    response = api_client.get(detail(building.cadastral_number))
    assert response.status_code == 404
    assert building.cadastral_number in response.json()["detail"]


def test_unregistered_building_is_listed_without_numbers(api_client):
    # given a footprint known from a survey but not registered
    footprint = Building.objects.create(geom=square(0, 0, 10), use=Building.Use.AUXILIARY)
    # when
    (feature,) = api_client.get(LIST).json()["features"]
    # then
    assert feature["id"] == str(footprint.uid)
    assert feature["properties"]["cadastral_number"] is None
    assert feature["properties"]["parcel_number"] is None
    assert feature["properties"]["units_count"] == 0
