"""Public parcel API: bbox, paging, current versions only, detail fields, GeoJSON in 4326."""

from decimal import Decimal

import pytest
from django.conf import settings

from cadastre.models import LandUse
from core.versioning import version_end, version_replace
from tests.api.factories import (
    bbox_around,
    lonlat,
    make_area_chain,
    make_building,
    make_parcel,
    make_units,
)
from tests.geometry import rectangle, square

pytestmark = pytest.mark.django_db

LIST = "/api/parcels/"


def detail(number: str) -> str:
    return f"/api/parcels/{number}/"


def numbers(response) -> list[str]:
    return [feature["properties"]["cadastral_number"] for feature in response.json()["features"]]


def test_bbox_lists_exactly_the_parcels_it_touches(api_client, django_assert_max_num_queries):
    # given two parcels inside the box, one straddling its edge and two far away
    inside = [make_parcel(geom=square(0, 0)), make_parcel(geom=square(40, 0))]
    straddling = make_parcel(geom=square(190, 0))
    make_parcel(geom=square(1000, 0))
    make_parcel(geom=square(0, 1000))
    # when
    with django_assert_max_num_queries(2):
        response = api_client.get(LIST, {"bbox": bbox_around(-10, -10, 200, 30)})
    # then
    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "FeatureCollection"
    assert body["count"] == 3
    assert sorted(numbers(response)) == sorted(p.cadastral_number for p in [*inside, straddling])


def test_geometry_is_lon_lat_in_epsg_4326(api_client):
    # given a parcel whose south-west corner is the test origin
    parcel = make_parcel(geom=square(0, 0, 20))
    # when
    feature = api_client.get(detail(parcel.cadastral_number)).json()
    # then the first vertex is that corner, longitude first, within 1e-7 degree of pyproj
    assert feature["type"] == "Feature"
    assert feature["geometry"]["type"] == "MultiPolygon"
    ring = feature["geometry"]["coordinates"][0][0]
    expected_lon, expected_lat = lonlat(0, 0)
    assert ring[0][0] == pytest.approx(expected_lon, abs=1e-7)
    assert ring[0][1] == pytest.approx(expected_lat, abs=1e-7)
    # near Tashkent, longitude first
    assert 68 < ring[0][0] < 70
    assert 41 < ring[0][1] < 42
    assert "crs" not in feature["geometry"]  # RFC 7946: WGS 84 implied


def test_pages_are_bounded_and_linked(api_client):
    # given five parcels
    made = [make_parcel(geom=square(30 * i, 0)).cadastral_number for i in range(5)]
    # when reading them two at a time
    first = api_client.get(LIST, {"page_size": 2}).json()
    second = api_client.get(first["next"]).json()
    third = api_client.get(second["next"]).json()
    # then every parcel shows up once, in a stable order
    assert [first["count"], second["count"], third["count"]] == [5, 5, 5]
    assert [len(page["features"]) for page in (first, second, third)] == [2, 2, 1]
    listed = [
        f["properties"]["cadastral_number"]
        for page in (first, second, third)
        for f in page["features"]
    ]
    assert listed == made
    assert first["previous"] is None
    assert third["next"] is None
    assert "page=2" in third["previous"]


def test_default_page_size_is_one_hundred(api_client):
    for i in range(101):
        make_parcel(geom=square(30 * (i % 20), 30 * (i // 20)))
    body = api_client.get(LIST).json()
    assert body["count"] == 101
    assert len(body["features"]) == 100
    assert body["next"] is not None


def test_ended_versions_are_never_listed(api_client):
    # given a parcel whose boundary was corrected and a parcel that was retired
    corrected = make_parcel(geom=square(0, 0), address="Old address 1")
    corrected.address = "New address 1"
    corrected.geom = square(0, 0, 25)
    version_replace(edited=corrected)
    retired = make_parcel(geom=square(60, 0))
    version_end(instance=retired)
    # when
    listed = api_client.get(LIST, {"bbox": bbox_around(-10, -10, 100, 40)}).json()
    # then only the current version of the corrected parcel is there
    assert listed["count"] == 1
    (feature,) = listed["features"]
    assert feature["properties"]["address"] == "New address 1"
    assert feature["properties"]["version"] == 2
    assert api_client.get(detail(retired.cadastral_number)).status_code == 404
    assert api_client.get(detail(corrected.cadastral_number)).json()["properties"]["version"] == 2


def test_filters_by_land_use_and_district(api_client):
    # given parcels in two districts with different land uses
    north = make_area_chain(prefix="10:02")
    south = make_area_chain(prefix="10:03")
    wanted = make_parcel(block=north["block"], geom=square(0, 0), land_use=LandUse.COMMERCIAL)
    make_parcel(block=north["block"], geom=square(30, 0), land_use=LandUse.RESIDENTIAL)
    make_parcel(block=south["block"], geom=square(60, 0), land_use=LandUse.COMMERCIAL)
    make_parcel(geom=square(90, 0), land_use=LandUse.COMMERCIAL)  # no block
    # when
    by_both = api_client.get(LIST, {"district": "10:02", "land_use": "commercial"})
    by_district = api_client.get(LIST, {"district": "10:02"})
    by_use = api_client.get(LIST, {"land_use": "commercial"})
    # then
    assert numbers(by_both) == [wanted.cadastral_number]
    assert by_district.json()["count"] == 2
    assert by_use.json()["count"] == 3


def test_detail_has_the_public_facts_of_the_parcel(api_client, django_assert_max_num_queries):
    # given a 20 x 20 m parcel in a block with two registered buildings, one of them ended
    areas = make_area_chain(prefix="10:04")
    parcel = make_parcel(
        block=areas["block"],
        geom=square(0, 0, 20),
        address="Mustaqillik maydoni, 5",
        land_use=LandUse.PUBLIC,
        area_official_m2=Decimal("400.00"),
    )
    house = make_building(parcel=parcel, suffix="0001", use="house", floors=2)
    shed = make_building(parcel=parcel, suffix="0002", use="auxiliary", floors=1)
    make_units(building=house, count=3)
    ended = make_building(parcel=parcel, suffix="0003")
    version_end(instance=ended)
    # when
    with django_assert_max_num_queries(1):
        response = api_client.get(detail(parcel.cadastral_number))
    # then
    assert response.status_code == 200
    feature = response.json()
    props = feature["properties"]
    assert feature["id"] == str(parcel.uid)
    assert props["cadastral_number"] == parcel.cadastral_number
    assert props["address"] == "Mustaqillik maydoni, 5"
    assert props["land_use"] == "public"
    assert props["area_official_m2"] == 400.0
    # UTM's scale factor makes 400 m2 on the grid a little more on the ellipsoid near 69.5 E
    assert props["area_computed_m2"] == pytest.approx(400, rel=0.002)
    assert props["area_differs"] is False
    assert props["version"] == 1
    assert props["valid_from"]
    assert props["block"] == {
        "code": "10:04:01:01:01",
        "name_uz": "Kvartal 10:04",
        "name_ru": "Квартал 10:04",
        "name_en": "Block 10:04",
    }
    assert props["mahalla"]["code"] == "10:04:01:01"
    assert props["district"]["code"] == "10:04"
    assert props["district"]["name_ru"] == "Район 10:04"
    assert props["buildings"] == [
        {"cadastral_number": house.cadastral_number, "use": "house", "floors": 2},
        {"cadastral_number": shed.cadastral_number, "use": "auxiliary", "floors": 1},
    ]


@pytest.mark.parametrize(
    ("official", "expected"),
    [
        (None, None),
        # 1 % of 400 m2 is 4 m2 either way of the computed area
        ("400.00", False),
        ("394.00", True),
        ("406.00", True),
    ],
)
def test_area_differs_flags_more_than_the_tolerance(api_client, official, expected):
    assert settings.MAKON_AREA_TOLERANCE == 0.01
    parcel = make_parcel(
        geom=square(0, 0, 20), area_official_m2=Decimal(official) if official else None
    )
    props = api_client.get(detail(parcel.cadastral_number)).json()["properties"]
    assert props["area_differs"] is expected


def test_detail_of_a_parcel_without_block_or_buildings(api_client):
    parcel = make_parcel(geom=rectangle(0, 0, 10, 30))
    props = api_client.get(detail(parcel.cadastral_number)).json()["properties"]
    assert props["block"] is None
    assert props["mahalla"] is None
    assert props["district"] is None
    assert props["block_code"] is None
    assert props["buildings"] == []
    assert props["area_official_m2"] is None


def test_list_reads_stay_constant_with_more_parcels(api_client, django_assert_max_num_queries):
    areas = make_area_chain(prefix="10:05")
    for i in range(30):
        make_parcel(block=areas["block"], geom=square(30 * i, 0))
    with django_assert_max_num_queries(3):
        body = api_client.get(LIST, {"district": "10:05", "page_size": 1000}).json()
    assert body["count"] == 30
    assert {f["properties"]["block_code"] for f in body["features"]} == {"10:05:01:01:01"}


def test_unknown_parcel_is_404(api_client):
    response = api_client.get(detail("10:99:99:99:99:9999"))
    assert response.status_code == 404
    assert "10:99:99:99:99:9999" in response.json()["detail"]
