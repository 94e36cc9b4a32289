"""Public API of cameras, infrastructure segments and administrative areas."""

import pytest

from gis.models import AssetStatus, Camera, Network
from tests.api.factories import bbox_around, lonlat, make_area_chain, make_camera, make_segment

pytestmark = pytest.mark.django_db


def ids(response) -> list:
    return [feature["id"] for feature in response.json()["features"]]


def test_cameras_in_bbox_with_position_and_view(api_client, django_assert_max_num_queries):
    # given a camera at the origin, one 50 m east, and one 3 km away
    origin = make_camera(x=0, y=0, kind=Camera.Kind.PTZ, direction_deg=45.0)
    east = make_camera(x=50, y=0)
    make_camera(x=3000, y=0)
    # when
    with django_assert_max_num_queries(2):
        response = api_client.get("/api/cameras/", {"bbox": bbox_around(-10, -10, 60, 10)})
    # then
    assert response.status_code == 200
    assert ids(response) == [origin.pk, east.pk]
    feature = response.json()["features"][0]
    lon, lat = lonlat(0, 0)
    assert feature["geometry"]["type"] == "Point"
    assert feature["geometry"]["coordinates"][0] == pytest.approx(lon, abs=1e-7)
    assert feature["geometry"]["coordinates"][1] == pytest.approx(lat, abs=1e-7)
    assert feature["properties"] == {
        "name": "Amir Temur xiyoboni",
        "kind": "ptz",
        "status": "active",
        "direction_deg": 45.0,
        "field_of_view_deg": 60.0,
        "range_m": 80.0,
    }


def test_camera_filters_and_detail(api_client):
    dome = make_camera(kind=Camera.Kind.DOME, field_of_view_deg=360.0)
    offline = make_camera(status=Camera.Status.OFFLINE)
    assert ids(api_client.get("/api/cameras/", {"kind": "dome"})) == [dome.pk]
    assert ids(api_client.get("/api/cameras/", {"status": "offline"})) == [offline.pk]
    response = api_client.get(f"/api/cameras/{dome.pk}/")
    assert response.status_code == 200
    assert response.json()["id"] == dome.pk
    assert response.json()["properties"]["field_of_view_deg"] == 360.0
    missing = api_client.get(f"/api/cameras/{offline.pk + 1000}/")
    assert missing.status_code == 404
    assert str(offline.pk + 1000) in missing.json()["detail"]


def test_infrastructure_by_network_and_bbox(api_client, django_assert_max_num_queries):
    water = make_segment(x=0, y=0, length=100, network=Network.WATER, diameter_mm=300)
    gas = make_segment(x=0, y=20, length=100, network=Network.GAS)
    make_segment(x=5000, y=0, network=Network.WATER)
    box = bbox_around(-10, -10, 50, 50)
    with django_assert_max_num_queries(2):
        response = api_client.get("/api/infrastructure/", {"bbox": box, "network": "water"})
    assert ids(response) == [water.pk]
    assert ids(api_client.get("/api/infrastructure/", {"bbox": box})) == [water.pk, gas.pk]
    props = response.json()["features"][0]["properties"]
    assert props["network"] == "water"
    assert props["diameter_mm"] == 300
    assert props["owner_body"] == "Suvsoz"
    assert props["length_m"] == pytest.approx(100, rel=0.002)
    line = response.json()["features"][0]["geometry"]
    assert line["type"] == "LineString"
    assert line["coordinates"][1][0] == pytest.approx(lonlat(100, 0)[0], abs=1e-7)


def test_infrastructure_status_filter_and_detail(api_client):
    make_segment()
    repair = make_segment(status=AssetStatus.UNDER_REPAIR)
    assert ids(api_client.get("/api/infrastructure/", {"status": "under_repair"})) == [repair.pk]
    response = api_client.get(f"/api/infrastructure/{repair.pk}/")
    assert response.status_code == 200
    assert response.json()["properties"]["status"] == "under_repair"
    assert api_client.get(f"/api/infrastructure/{repair.pk + 1000}/").status_code == 404


def test_admin_areas_by_level_parent_and_detail(api_client, django_assert_max_num_queries):
    first = make_area_chain(prefix="10:06")
    second = make_area_chain(prefix="10:07")
    with django_assert_max_num_queries(2):
        districts = api_client.get("/api/admin-areas/", {"level": "district"})
    assert ids(districts) == ["10:06", "10:07"]
    assert ids(api_client.get("/api/admin-areas/", {"parent": "10"})) == ["10:06", "10:07"]
    children = api_client.get("/api/admin-areas/", {"parent": "10:07"})
    assert ids(children) == [second["mahalla"].code]
    response = api_client.get(f"/api/admin-areas/{first['block'].code}/")
    assert response.status_code == 200
    feature = response.json()
    assert feature["id"] == "10:06:01:01:01"
    assert feature["geometry"]["type"] == "MultiPolygon"
    assert feature["properties"] == {
        "code": "10:06:01:01:01",
        "level": "block",
        "name_uz": "Kvartal 10:06",
        "name_ru": "Квартал 10:06",
        "name_en": "Block 10:06",
        "parent_code": "10:06:01:01",
    }
    city = api_client.get("/api/admin-areas/10/").json()
    assert city["properties"]["parent_code"] is None
    assert api_client.get("/api/admin-areas/10:99/").status_code == 404


def test_admin_areas_in_bbox(api_client):
    # the blocks of the test chain span 1.6 km from x = -100; the city 10 km
    make_area_chain(prefix="10:08")
    far = bbox_around(6000, 6000, 6100, 6100)
    near = bbox_around(0, 0, 10, 10)
    assert ids(api_client.get("/api/admin-areas/", {"bbox": far})) == []
    assert ids(api_client.get("/api/admin-areas/", {"bbox": near})) == [
        "10",
        "10:08",
        "10:08:01:01",
        "10:08:01:01:01",
    ]
