"""Which cameras see a place: in reach AND in the field-of-view wedge, with defaults, in metres.

Cameras stand at the test origin in central Tashkent (EPSG:32642). Targets are placed by
compass bearing and distance on the ellipsoid with pyproj, so the meridian convergence of the
UTM grid (about 0.2 degrees here) is part of what is checked.
"""

import pytest
from django.contrib.gis.geos import LineString, Point, Polygon
from pyproj import Geod, Transformer

from core.exceptions import InvalidInputError
from gis.models import Camera
from situation.spatial import CAMERA_DEFAULTS, cameras_seeing
from tests.api.factories import make_camera
from tests.geometry import ORIGIN_X, ORIGIN_Y, point

pytestmark = pytest.mark.django_db

_GEOD = Geod(ellps="WGS84")
_TO_LONLAT = Transformer.from_crs("EPSG:32642", "EPSG:4326", always_xy=True)
_TO_UTM = Transformer.from_crs("EPSG:4326", "EPSG:32642", always_xy=True)


def at(bearing_deg: float, distance_m: float, *, x: float = 0, y: float = 0) -> Point:
    """The point `distance_m` from (x, y) along the compass bearing, on the ellipsoid."""
    lon, lat = _TO_LONLAT.transform(ORIGIN_X + x, ORIGIN_Y + y)
    lon2, lat2, _ = _GEOD.fwd(lon, lat, bearing_deg, distance_m)
    easting, northing = _TO_UTM.transform(lon2, lat2)
    return Point(easting, northing, srid=32642)


def seen_ids(target, **options) -> list[int]:
    return [view.camera_id for view in cameras_seeing(target, **options)]


def test_camera_sees_what_is_in_front_and_in_reach():
    camera = make_camera(direction_deg=90, field_of_view_deg=60, range_m=80)
    assert seen_ids(at(90, 50)) == [camera.pk]
    assert seen_ids(at(115, 70)) == [camera.pk]


def test_camera_in_reach_but_facing_away_does_not_count():
    make_camera(direction_deg=90, field_of_view_deg=60, range_m=80)
    assert seen_ids(at(270, 20)) == []
    assert seen_ids(at(180, 20)) == []
    # Just outside the wedge's edge (90 + 30 degrees).
    assert seen_ids(at(122, 40)) == []


def test_camera_in_view_but_out_of_reach_does_not_count():
    make_camera(direction_deg=90, field_of_view_deg=60, range_m=80)
    assert seen_ids(at(90, 85)) == []


def test_reach_is_metres_on_the_ground_not_web_mercator_units():
    # 70 m on the ground are about 93 Web Mercator units at 41 N: still within 80 m.
    camera = make_camera(direction_deg=0, field_of_view_deg=40, range_m=80)
    (view,) = cameras_seeing(at(0, 70))
    assert view.camera_id == camera.pk
    assert view.distance_m == pytest.approx(70, abs=0.1)


@pytest.mark.parametrize(
    ("bearing", "seen"),
    [(350, True), (5, True), (335, True), (8, True), (20, False), (320, False), (180, False)],
)
def test_wedge_across_north_wraps(bearing, seen):
    # Facing 350 with 40 degrees: it sees from 330 through north to 10.
    make_camera(direction_deg=350, field_of_view_deg=40, range_m=100)
    assert bool(seen_ids(at(bearing, 60))) is seen


def test_osm_direction_range_across_north():
    # camera:direction=300-60 was imported as bearing 0 and width 120.
    make_camera(direction_deg=0, field_of_view_deg=120, range_m=100)
    assert seen_ids(at(305, 50))
    assert seen_ids(at(55, 50))
    assert not seen_ids(at(65, 50))
    assert not seen_ids(at(295, 50))


def test_missing_reach_takes_the_kind_default():
    default = CAMERA_DEFAULTS[Camera.Kind.FIXED].range_m
    camera = make_camera(kind=Camera.Kind.FIXED, direction_deg=90, range_m=None)
    (view,) = cameras_seeing(at(90, default - 10))
    assert (view.camera_id, view.range_m, view.range_assumed) == (camera.pk, default, True)
    assert seen_ids(at(90, default + 10)) == []


def test_missing_field_of_view_takes_the_kind_default():
    half = CAMERA_DEFAULTS[Camera.Kind.FIXED].field_of_view_deg / 2
    make_camera(kind=Camera.Kind.FIXED, direction_deg=90, field_of_view_deg=None, range_m=80)
    (view,) = cameras_seeing(at(90 + half - 5, 40))
    assert view.field_of_view_assumed is True
    assert seen_ids(at(90 + half + 5, 40)) == []


def test_narrow_anpr_default():
    make_camera(kind=Camera.Kind.ANPR, direction_deg=0, field_of_view_deg=None, range_m=None)
    assert seen_ids(at(10, 40))
    assert not seen_ids(at(20, 40))


def test_dome_sees_all_round_within_reach():
    camera = make_camera(kind=Camera.Kind.DOME, direction_deg=None, field_of_view_deg=360)
    for bearing in (0, 90, 200, 359):
        assert seen_ids(at(bearing, 70)) == [camera.pk]
    assert seen_ids(at(0, 81)) == []


def test_camera_without_a_bearing_is_offered_as_unknown():
    camera = make_camera(direction_deg=None, field_of_view_deg=60, range_m=80)
    (view,) = cameras_seeing(at(200, 30))
    assert (view.camera_id, view.direction_known) == (camera.pk, False)


def test_ptz_facing_away_is_offered_to_be_turned():
    ptz = make_camera(kind=Camera.Kind.PTZ, direction_deg=90, field_of_view_deg=60, range_m=200)
    (behind,) = cameras_seeing(at(270, 150))
    (ahead,) = cameras_seeing(at(90, 150))
    assert (behind.camera_id, behind.needs_turning) == (ptz.pk, True)
    assert (ahead.camera_id, ahead.needs_turning) == (ptz.pk, False)
    assert seen_ids(at(270, 210)) == []


def test_nearest_first_and_limit():
    far = make_camera(x=-60, direction_deg=90, field_of_view_deg=60, range_m=150)
    near = make_camera(x=-20, direction_deg=90, field_of_view_deg=60, range_m=150)
    middle = make_camera(x=-40, direction_deg=90, field_of_view_deg=60, range_m=150)
    target = point(10, 0)
    assert seen_ids(target) == [near.pk, middle.pk, far.pk]
    assert seen_ids(target, limit=2) == [near.pk, middle.pk]


def test_offline_cameras_only_when_asked():
    camera = make_camera(direction_deg=90, status=Camera.Status.OFFLINE)
    assert seen_ids(at(90, 30)) == []
    assert seen_ids(at(90, 30), include_inactive=True) == [camera.pk]


def test_bearing_is_the_compass_bearing_of_the_target():
    make_camera(direction_deg=45, field_of_view_deg=90, range_m=200)
    for bearing in (10, 45, 80):
        (view,) = cameras_seeing(at(bearing, 120))
        assert view.bearing_deg == pytest.approx(bearing, abs=0.01)
        assert view.distance_m == pytest.approx(120, abs=0.2)


def test_line_seen_where_it_crosses_the_wedge_within_reach():
    # A street running north-south 40 m east of a camera facing east: seen, at 40 m.
    camera = make_camera(direction_deg=90, field_of_view_deg=60, range_m=80)
    street = LineString(point(40, -200).coords, point(40, 200).coords, srid=32642)
    (view,) = cameras_seeing(street)
    assert view.camera_id == camera.pk
    assert view.distance_m == pytest.approx(40, abs=0.5)
    assert view.bearing_deg == pytest.approx(90, abs=0.5)


def test_line_near_behind_and_in_view_only_beyond_reach_is_not_seen():
    # It passes 10 m behind the camera and enters the wedge only 200 m out.
    make_camera(direction_deg=90, field_of_view_deg=60, range_m=80)
    line = LineString(point(-10, -50).coords, point(-10, 50).coords, point(200, 50).coords)
    line.srid = 32642
    assert seen_ids(line) == []


def test_area_partly_in_view():
    camera = make_camera(direction_deg=0, field_of_view_deg=30, range_m=100)
    x0, y0 = ORIGIN_X - 100, ORIGIN_Y + 50
    # A wide block north of the camera, its nearest edge 50 m away.
    block = Polygon(((x0, y0), (x0 + 200, y0), (x0 + 200, y0 + 20), (x0, y0 + 20), (x0, y0)))
    block.srid = 32642
    (view,) = cameras_seeing(block)
    assert view.camera_id == camera.pk
    assert view.distance_m == pytest.approx(50, abs=0.5)


def test_target_in_degrees_is_transformed():
    camera = make_camera(direction_deg=90, field_of_view_deg=60, range_m=80)
    target = at(90, 50)
    target.transform(4326)
    assert seen_ids(target) == [camera.pk]


@pytest.mark.parametrize(
    "target",
    [
        Point(ORIGIN_X, ORIGIN_Y),  # no SRID
        Polygon(((0, 0), (1, 1), (1, 0), (0, 1), (0, 0)), srid=32642),  # self-crossing
        Point(srid=32642),  # empty
        "POINT (1 2)",
    ],
)
def test_bad_geometry_is_refused(target):
    with pytest.raises(InvalidInputError):
        cameras_seeing(target)


@pytest.mark.parametrize("limit", [0, -1, 101, 2.5, True])
def test_bad_limit_is_refused(limit):
    with pytest.raises(InvalidInputError, match="limit"):
        cameras_seeing(point(0, 0), limit=limit)
