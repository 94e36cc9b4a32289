"""Parameter parsing shared by the APIs: strict, and every refusal names the parameter."""

import pytest
from django.contrib.gis.geos import Point, Polygon

from core import cadastral_number as cn
from core.params import (
    BBox,
    InvalidParameterError,
    bbox_search_polygon,
    parse_bbox,
    parse_cadastral_number,
    parse_choice,
    parse_code,
    parse_positive_int,
    require,
)


def test_bbox_parses_lon_lat_order_and_blank_is_absent():
    assert parse_bbox(" 69.1, 41.2 ,69.4,41.45 ") == BBox(69.1, 41.2, 69.4, 41.45)
    assert parse_bbox("-1e-3,-.5,+2.,3E0") == BBox(-0.001, -0.5, 2.0, 3.0)
    assert parse_bbox(None) is None
    assert parse_bbox("  ") is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("1,2,3", "got 3 value(s)"),
        ("a,2,3,4", "minlon 'a' is not a number"),
        ("1,2,3,NaN", "maxlat 'NaN' is not a number"),
        ("1,2,Infinity,4", "maxlon 'Infinity' is not a number"),
        ("1,2,1e999,4", "maxlon '1e999' is not a finite number"),
        ("1,-91,3,4", "minlat -91 is outside -90..90 (are longitude and latitude swapped?)"),
        ("179,2,-179,4", "boxes across the antimeridian are not supported"),
        ("1,4,3,4", "minlat 4 must be less than maxlat 4"),
        ("1," * 5000 + "1", "got 5001 value(s) in '1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,'..."),
    ],
)
def test_bad_bbox_names_the_parameter_and_the_part(raw, message):
    with pytest.raises(InvalidParameterError) as caught:
        parse_bbox(raw, name="bbox")
    assert caught.value.status_code == 400
    assert caught.value.message.startswith("bbox must be minlon,minlat,maxlon,maxlat")
    assert message in caught.value.message


def test_intersection_is_none_without_shared_area():
    box = BBox(0, 0, 2, 2)
    assert box.intersection(BBox(1, 1, 3, 3)) == BBox(1, 1, 2, 2)
    assert box.intersection(BBox(2, 0, 3, 2)) is None  # touching edges share no area
    assert box.intersection(BBox(5, 5, 6, 6)) is None


def test_search_polygon_follows_the_curved_edges_in_the_storage_crs(settings):
    # a lon/lat box east of UTM 42's central meridian (69 E): its parallels bow in UTM, and
    # the straight chord between the two southern corners passes about 120 m north of the
    # middle of the southern edge
    box = BBox(72.0, 41.0, 73.0, 42.0)
    polygon = bbox_search_polygon(box)
    corners_only = Polygon.from_bbox((72.0, 41.0, 73.0, 42.0))
    corners_only.srid = 4326
    corners_only.transform(settings.MAKON_SRID)
    south_middle = Point(72.5, 41.00001, srid=4326).transform(settings.MAKON_SRID, clone=True)
    assert polygon.srid == settings.MAKON_SRID
    assert polygon.contains(south_middle)
    assert not corners_only.contains(south_middle)


def test_search_polygon_is_clipped_to_the_deployment_area(settings):
    settings.MAKON_AREA_BBOX = (68.0, 40.0, 70.0, 42.0)
    polygon = bbox_search_polygon(BBox(-180, -90, 180, 90))
    extent = polygon.transform(4326, clone=True).extent
    assert extent == pytest.approx((68.0, 40.0, 70.0, 42.0), abs=1e-6)
    assert bbox_search_polygon(BBox(10, 40, 20, 42)) is None


def test_choice_is_exact():
    assert parse_choice("water", name="network", choices=["water", "gas"]) == "water"
    assert parse_choice("", name="network", choices=["water"]) is None
    with pytest.raises(InvalidParameterError, match="network 'Water' is not one of: water, gas"):
        parse_choice("Water", name="network", choices=["water", "gas"])


@pytest.mark.parametrize("raw", ["0", "-1", "+1", "1.0", "1e3", "\u0661", "1_0", "x"])
def test_positive_int_refuses_anything_but_plain_digits(raw):
    with pytest.raises(InvalidParameterError, match=r"^page "):
        parse_positive_int(raw, name="page")


def test_positive_int_range():
    assert parse_positive_int("007", name="page") == 7
    assert parse_positive_int("1000", name="page_size", maximum=1000) == 1000
    with pytest.raises(InvalidParameterError, match="between 1 and 1000"):
        parse_positive_int("1001", name="page_size", maximum=1000)
    with pytest.raises(InvalidParameterError, match="between 1 and 9223372036854775807"):
        parse_positive_int("9" * 500, name="id")


def test_code_refuses_control_characters_and_overlong_values():
    assert parse_code(" 10:01 ", name="district", max_length=32) == "10:01"
    with pytest.raises(InvalidParameterError, match="control characters"):
        parse_code("10\x0001", name="district", max_length=32)
    with pytest.raises(InvalidParameterError, match="district is 33 characters long"):
        parse_code("1" * 33, name="district", max_length=32)


def test_cadastral_number_parameter_names_itself():
    number = parse_cadastral_number("10:01:02:03:04:0005", name="parcel", level=cn.Level.PARCEL)
    assert str(number) == "10:01:02:03:04:0005"
    with pytest.raises(InvalidParameterError, match=r"^parcel: '10:01' is not a cadastral"):
        parse_cadastral_number("10:01", name="parcel", level=cn.Level.PARCEL)


def test_require_refuses_a_blank_value():
    assert require(5, name="camera id") == 5
    with pytest.raises(InvalidParameterError, match="camera id is required"):
        require(parse_positive_int(" ", name="camera id"), name="camera id")
