"""Every parameter of every public endpoint: garbage gets a 4xx naming the problem, never 500."""

import pytest

from tests.api.factories import (
    make_area_chain,
    make_building,
    make_camera,
    make_parcel,
    make_segment,
)
from tests.geometry import square

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/parcels/",
    "/api/buildings/",
    "/api/cameras/",
    "/api/infrastructure/",
    "/api/admin-areas/",
]

BAD_BBOX = [
    ("3_values", "69,41,70", "got 3"),
    ("5_values", "69,41,70,42,1", "got 5"),
    ("word", "69,41,east,42", "maxlon 'east' is not a number"),
    ("nan", "nan,41,70,42", "minlon 'nan' is not a number"),
    ("inf", "69,41,inf,42", "maxlon 'inf' is not a number"),
    ("huge_exponent", "69,41,1e400,42", "not a finite number"),
    ("empty_value", "69,,70,42", "minlat '' is not a number"),
    ("lon_over_180", "69,41,181,42", "maxlon 181 is outside -180..180"),
    ("lon_under_minus_180", "-180.5,41,70,42", "minlon -180.5 is outside -180..180"),
    ("lat_over_90", "41,69,42,91", "maxlat 91 is outside -90..90"),
    ("min_lon_equals_max", "69,41,69,42", "minlon 69 must be less than maxlon 69"),
    ("min_lon_above_max", "70,41,69,42", "minlon 70 must be less than maxlon 69"),
    ("min_lat_above_max", "69,42,70,41", "minlat 42 must be less than maxlat 41"),
    ("semicolons", "69;41;70;42", "got 1"),
    ("hex", "0x45,41,70,42", "is not a number"),
    ("underscore", "6_9,41,70,42", "is not a number"),
    ("nul", "69\x00,41,70,42", "is not a number"),
]

BAD_PAGING = [
    ("page_zero", {"page": "0"}, 400, "page must be between 1"),
    ("page_negative", {"page": "-1"}, 400, "page must be a whole number"),
    ("page_word", {"page": "last"}, 400, "page must be a whole number"),
    ("page_float", {"page": "1.5"}, 400, "page must be a whole number"),
    ("page_huge", {"page": "9" * 40}, 400, "page must be between 1"),
    ("page_arabic_digits", {"page": "\u0663"}, 400, "page must be a whole number"),
    ("page_past_end", {"page": "5"}, 404, "page 5 does not exist"),
    ("size_zero", {"page_size": "0"}, 400, "page_size must be between 1 and 1000"),
    ("size_over_max", {"page_size": "1001"}, 400, "page_size must be between 1 and 1000"),
    ("size_word", {"page_size": "all"}, 400, "page_size must be a whole number"),
    ("size_negative", {"page_size": "-5"}, 400, "page_size must be a whole number"),
]

BAD_FILTERS = [
    ("/api/parcels/", {"land_use": "castle"}, 400, "land_use 'castle' is not one of"),
    ("/api/parcels/", {"land_use": "RESIDENTIAL"}, 400, "land_use 'RESIDENTIAL'"),
    ("/api/parcels/", {"district": "10:77"}, 400, "district: no district (tuman) has the code"),
    ("/api/parcels/", {"district": "10:01:01:01"}, 400, "district: no district"),
    ("/api/parcels/", {"district": "1" * 33}, 400, "district is 33 characters long"),
    ("/api/parcels/", {"district": "10\x0001"}, 400, "district '10\\x0001' contains"),
    ("/api/buildings/", {"use": "palace"}, 400, "use 'palace' is not one of"),
    ("/api/buildings/", {"parcel": "10:01"}, 400, "parcel: '10:01' is not a cadastral number"),
    (
        "/api/buildings/",
        {"parcel": "10:01:01:01:01:0001:0001"},
        400,
        "parcel: '10:01:01:01:01:0001:0001' is a building number; a parcel number was expected",
    ),
    ("/api/buildings/", {"parcel": "10:01:01:01:01:00x1"}, 400, "parcel group must be 4 digits"),
    ("/api/cameras/", {"kind": "satellite"}, 400, "kind 'satellite' is not one of"),
    ("/api/cameras/", {"status": "broken"}, 400, "status 'broken' is not one of"),
    ("/api/infrastructure/", {"network": "oil"}, 400, "network 'oil' is not one of"),
    ("/api/infrastructure/", {"status": "active"}, 400, "status 'active' is not one of"),
    ("/api/admin-areas/", {"level": "country"}, 400, "level 'country' is not one of"),
    ("/api/admin-areas/", {"parent": "99"}, 400, "parent: no administrative area"),
    ("/api/admin-areas/", {"parent": "x" * 40}, 400, "parent is 40 characters long"),
    ("/api/admin-areas/", {"parent": "10 01"}, 400, "contains spaces"),
]

BAD_DETAILS = [
    ("/api/parcels/abc/", 400, "'abc' is not a cadastral number: expected 6 groups"),
    ("/api/parcels/10:01:01:01:01:1/", 400, "the parcel group must be 4 digits, not '1'"),
    ("/api/parcels/1O:01:01:01:01:0001/", 400, "the region group must be 2 digits"),
    (
        "/api/parcels/10:01:01:01:01:0001:0001/",
        400,
        "is a building number; a parcel number was expected",
    ),
    ("/api/parcels/%00/", 400, "is not a cadastral number"),
    ("/api/parcels/10:99:99:99:99:9999/", 404, "No parcel in force"),
    ("/api/buildings/10:01:01:01:01:0001/", 400, "a building number was expected"),
    ("/api/buildings/10:01:01:01:01:0001:12/", 400, "the building group must be 4 digits"),
    ("/api/buildings/10:99:99:99:99:9999:0001/", 404, "No building in force"),
    ("/api/cameras/abc/", 400, "camera id must be a whole number"),
    ("/api/cameras/0/", 400, "camera id must be between 1"),
    ("/api/cameras/-3/", 400, "camera id must be a whole number"),
    ("/api/cameras/99999999999999999999/", 400, "camera id must be between 1 and"),
    ("/api/cameras/2.5/", 400, "camera id must be a whole number"),
    ("/api/cameras/%20/", 400, "camera id is required"),
    ("/api/cameras/987654321/", 404, "No camera has the id 987654321"),
    ("/api/infrastructure/water/", 400, "segment id must be a whole number"),
    ("/api/infrastructure/9223372036854775808/", 400, "segment id must be between 1"),
    ("/api/infrastructure/987654321/", 404, "No infrastructure segment has the id"),
    ("/api/admin-areas/%01/", 400, "code '\\x01' contains spaces or control characters"),
    (f"/api/admin-areas/{'9' * 33}/", 400, "code is 33 characters long"),
    ("/api/admin-areas/nowhere/", 404, "No administrative area has the code 'nowhere'"),
]


@pytest.fixture(autouse=True)
def some_data():
    """One object of each kind, so filters and pages run against real rows."""
    areas = make_area_chain(prefix="10:01")
    make_building(parcel=make_parcel(block=areas["block"], geom=square(0, 0)))
    make_camera()
    make_segment()


def assert_refused(response, status: int, message: str) -> None:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["code"] in {"invalid", "invalid_parameter", "not_found"}
    assert message in body["detail"], body["detail"]


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(("_case", "bbox", "message"), BAD_BBOX)
def test_bad_bbox_is_400(api_client, url, _case, bbox, message):
    response = api_client.get(url, {"bbox": bbox})
    assert_refused(response, 400, "bbox must be minlon,minlat,maxlon,maxlat in degrees")
    assert message in response.json()["detail"]


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(("_case", "params", "status", "message"), BAD_PAGING)
def test_bad_paging_is_refused(api_client, url, _case, params, status, message):
    assert_refused(api_client.get(url, params), status, message)


@pytest.mark.parametrize(("url", "params", "status", "message"), BAD_FILTERS)
def test_bad_filter_is_400(api_client, url, params, status, message):
    assert_refused(api_client.get(url, params), status, message)


@pytest.mark.parametrize(("url", "status", "message"), BAD_DETAILS)
def test_bad_or_unknown_id_in_the_path(api_client, url, status, message):
    assert_refused(api_client.get(url), status, message)


@pytest.mark.parametrize("url", LISTS)
def test_blank_parameters_mean_no_filter(api_client, url):
    params = {"bbox": "", "page": "", "page_size": " ", "land_use": "", "level": "", "kind": ""}
    response = api_client.get(url, params)
    assert response.status_code == 200
    assert response.json()["count"] >= 1


@pytest.mark.parametrize("url", LISTS)
def test_bbox_outside_the_deployment_area_is_empty_not_an_error(api_client, url):
    # lat/lon swapped for Tashkent lands in the Arctic, far outside Uzbekistan
    response = api_client.get(url, {"bbox": "41.2,69.2,41.4,69.4"})
    assert response.status_code == 200
    assert response.json()["count"] == 0
    # the whole world is clipped to the deployment area and still finds everything
    world = api_client.get(url, {"bbox": "-180,-90,180,90"})
    assert world.status_code == 200
    assert world.json()["count"] >= 1
