"""The console's own reads over HTTP: district dashboard, an incident's surroundings, camera
wedges; each for operators only, within their districts, with 4xx for bad input."""

import json
from datetime import timedelta

import pytest
from django.contrib.gis.geos import GEOSGeometry
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import Role
from accounts.testing import make_user
from gis.models import Camera, Network
from situation.models import Incident, ResolutionCode, State
from situation.services import transition
from tests.api.factories import bbox_around, make_camera, make_parcel, make_segment
from tests.geometry import point, square
from tests.situation.helpers import backdate, make_city, make_incident

pytestmark = pytest.mark.django_db

DASHBOARD = "/api/situation/console/dashboard/"
WEDGES = "/api/situation/console/camera-wedges/"


def surroundings(incident_id):
    return f"/api/situation/console/incidents/{incident_id}/surroundings/"


def client_for(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def city():
    return make_city()


def test_dashboard_counts_per_district(city):
    operator = make_user(roles=[Role.OPERATOR])
    make_incident(-500, 0)
    backdate(make_incident(-400, 0), hours=48)  # a water leak is due in 24 h: overdue
    fixed = make_incident(-300, 0)
    Incident.objects.filter(pk=fixed.pk).update(created_at=timezone.now() - timedelta(hours=5))
    transition(operator, fixed, State.ASSIGNED)
    transition(operator, fixed, State.RESOLVED, resolution_code=ResolutionCode.FIXED)
    not_ours = make_incident(-200, 0)
    transition(operator, not_ours, State.ASSIGNED)
    transition(operator, not_ours, State.RESOLVED, resolution_code=ResolutionCode.NOT_OURS)
    make_incident(500, 0)

    answer = client_for(operator).get(DASHBOARD).json()

    rows = {row["name"]: row for row in answer["districts"]}
    west, east = rows["West"], rows["East"]
    assert (west["open"], west["overdue"], west["resolved_today"], west["fixed_today"]) == (
        2,
        1,
        2,
        1,
    )
    assert west["mean_hours_to_resolve"] == pytest.approx(2.5, abs=0.1)
    assert (east["open"], east["overdue"], east["mean_hours_to_resolve"]) == (1, 0, None)
    # Overdue districts first; totals add up.
    assert [row["name"] for row in answer["districts"]] == ["West", "East"]
    assert answer["totals"]["open"] == 3


def test_dashboard_keeps_to_the_operator_districts(city):
    make_incident(-500, 0)
    make_incident(500, 0)
    east_operator = make_user(roles=[Role.OPERATOR], district_ids=[city["east"].pk])
    answer = client_for(east_operator).get(DASHBOARD).json()
    assert [(row["name"], row["open"]) for row in answer["districts"]] == [("East", 1)]


@pytest.mark.parametrize(("roles", "status"), [(None, 401), ([Role.CITIZEN], 403)])
def test_console_reads_are_for_operators(city, roles, status):
    incident = make_incident(-500, 0)
    client = client_for(None if roles is None else make_user(roles=roles))
    assert client.get(DASHBOARD).status_code == status
    assert client.get(surroundings(incident.pk)).status_code == status
    assert client.get(WEDGES, {"bbox": "69.27,41.30,69.28,41.31"}).status_code == status


def test_surroundings_of_a_water_leak(city):
    operator = make_user(roles=[Role.OPERATOR])
    incident = make_incident(-500, 0)
    facing = make_camera(x=-560, y=0, direction_deg=90, field_of_view_deg=60, range_m=100)
    make_camera(x=-440, y=0, direction_deg=90, field_of_view_deg=60, range_m=100)  # away
    parcel = make_parcel(geom=square(-520, -10, 15))
    main = make_segment(x=-550, y=20, network=Network.WATER)
    make_segment(x=-550, y=10, network=Network.SEWER)

    answer = client_for(operator).get(surroundings(incident.pk), {"radius_m": 60}).json()

    assert [c["camera_id"] for c in answer["cameras"]] == [facing.pk]
    assert answer["cameras"][0]["distance_m"] == pytest.approx(60, abs=0.5)
    assert answer["network"] == Network.WATER
    assert [s["feature_id"] for s in answer["segments"]] == [main.pk]
    assert answer["segments"][0]["distance_m"] == pytest.approx(20, abs=0.1)
    assert answer["radius_m"] == 60
    assert [p["cadastral_number"] for p in answer["parcels"]] == [parcel.cadastral_number]
    assert answer["parcels"][0]["distance_m"] == pytest.approx(5, abs=0.1)


def test_surroundings_of_an_incident_in_another_district_is_404(city):
    incident = make_incident(500, 0)
    west_operator = make_user(roles=[Role.OPERATOR], district_ids=[city["west"].pk])
    response = client_for(west_operator).get(surroundings(incident.pk))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("incident_id", "radius", "status"),
    [
        ("abc", "50", 400),
        ("99999999", "50", 404),
        ("{pk}", "0", 400),
        ("{pk}", "5000", 400),
        ("{pk}", "ten", 400),
        ("{pk}", "1e3", 400),
    ],
)
def test_surroundings_bad_input(city, incident_id, radius, status):
    incident = make_incident(-500, 0)
    operator = make_user(roles=[Role.OPERATOR])
    url = surroundings(incident_id.format(pk=incident.pk))
    response = client_for(operator).get(url, {"radius_m": radius})
    assert response.status_code == status
    assert response.json()["detail"]


def test_camera_wedges_in_a_box(city):
    operator = make_user(roles=[Role.OPERATOR])
    camera = make_camera(x=0, y=0, direction_deg=90, field_of_view_deg=60, range_m=80)
    make_camera(x=900, y=0)  # outside the box
    dome = make_camera(
        x=30, y=30, kind=Camera.Kind.DOME, direction_deg=None, field_of_view_deg=None, range_m=None
    )

    answer = client_for(operator).get(WEDGES, {"bbox": bbox_around(-50, -50, 50, 50)}).json()

    by_id = {f["id"]: f for f in answer["features"]}
    assert set(by_id) == {camera.pk, dome.pk}
    wedge = GEOSGeometry(json.dumps(by_id[camera.pk]["geometry"]), srid=4326)
    wedge.transform(32642)
    assert wedge.contains(point(50, 0))
    assert not wedge.contains(point(-20, 0))
    assert not wedge.contains(point(90, 0))
    assert wedge.area == pytest.approx(3.14159 * 80**2 / 6, rel=0.02)
    dome_props = by_id[dome.pk]["properties"]
    assert (dome_props["range_m"], dome_props["range_assumed"]) == (50, True)


@pytest.mark.parametrize(
    "params",
    [{}, {"bbox": "nope"}, {"bbox": "69.0,41.0,69.5,41.5"}, {"bbox": "69.2,91,69.21,92"}],
)
def test_camera_wedges_bad_box(city, params):
    response = client_for(make_user(roles=[Role.OPERATOR])).get(WEDGES, params)
    assert response.status_code == 400
    assert "bbox" in response.json()["detail"]


def test_console_page_for_operators(city, client):
    operator = make_user(roles=[Role.OPERATOR])
    client.force_login(operator)
    response = client.get("/situation/")
    assert response.status_code == 200
    config = json.loads(
        response.content.decode()
        .split('id="console-config" type="application/json">')[1]
        .split("</script>")[0]
    )
    assert config["urls"]["stream"] == "/situation/stream/"
    assert config["latestEventId"] == 0
    assert "csrftoken" in response.cookies


def test_console_page_sends_others_away(city, client):
    assert client.get("/situation/").status_code == 302
    client.force_login(make_user(roles=[Role.CITIZEN]))
    assert client.get("/situation/").status_code == 403


def test_citizen_appeal_page_is_open_to_everyone(city, client):
    response = client.get("/appeal/")
    assert response.status_code == 200
    config = json.loads(
        response.content.decode()
        .split('id="appeal-config" type="application/json">')[1]
        .split("</script>")[0]
    )
    assert config["signedIn"] is False
    assert "water_leak" in config["categories"]
    assert config["urls"]["create"] == "/api/appeals/"
    client.force_login(make_user(roles=[Role.CITIZEN]))
    assert client.get("/appeal/").status_code == 200
