"""The operator incident API over HTTP: roles, districts, filters, create, transitions, errors."""

import json
from datetime import timedelta

import pytest
from rest_framework.test import APIClient

from accounts.testing import make_user
from situation.models import Incident, IncidentEvent
from situation.services import transition
from tests.situation.helpers import backdate, lonlat, make_city, make_incident, route_to

pytestmark = pytest.mark.django_db

LIST = "/api/situation/incidents/"


@pytest.fixture
def city():
    return make_city()


@pytest.fixture
def operator(city):
    return make_user(roles=["operator"])


@pytest.fixture
def client(operator):
    client = APIClient()
    client.force_authenticate(operator)
    return client


def numbers(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [feature["properties"]["number"] for feature in response.json()["features"]]


def geojson_point(x: float, y: float) -> dict:
    return json.loads(lonlat(x, y).geojson)


def test_anonymous_gets_401_and_other_roles_403(city):
    assert APIClient().get(LIST).status_code == 401
    citizen = APIClient()
    citizen.force_authenticate(make_user(roles=["citizen"]))
    response = citizen.get(LIST)
    assert response.status_code == 403


def test_an_operator_sees_only_the_incidents_of_their_districts(city):
    west = make_incident(-500, 0)
    east = make_incident(500, 0)
    limited = APIClient()
    limited.force_authenticate(make_user(roles=["operator"], district_ids=[city["west"].pk]))
    assert numbers(limited.get(LIST)) == [west.number]
    assert limited.get(f"{LIST}{east.pk}/").status_code == 404
    assert limited.post(f"{LIST}{east.pk}/transition/", {"to_state": "triaged"}).status_code == 404
    assert Incident.objects.get(pk=east.pk).state == "new"


def test_list_is_geojson_with_overdue_first(client, city):
    on_time = make_incident(100, 0)
    overdue = backdate(make_incident(200, 0), hours=30)
    body = client.get(LIST).json()
    assert body["type"] == "FeatureCollection"
    assert body["count"] == 2
    first = body["features"][0]
    assert first["properties"]["number"] == overdue.number
    assert first["properties"]["overdue"] is True
    assert first["properties"]["needs_escalation"] is True
    assert first["geometry"]["type"] == "Point"
    lon, lat = first["geometry"]["coordinates"]
    assert 69.2 < lon < 69.4
    assert 41.2 < lat < 41.4
    assert numbers(client.get(LIST)) == [overdue.number, on_time.number]


def test_list_filters(client, city):
    east_roads = route_to("road_damage", city["east"])
    water = make_incident(500, 0)
    road = make_incident(600, 0, code="road_damage")
    west = make_incident(-500, 0)
    late = backdate(make_incident(-600, 0), hours=30)
    transition(None, west, "triaged")
    assert numbers(client.get(LIST, {"type": "road_damage"})) == [road.number]
    assert set(numbers(client.get(LIST, {"type": "road_damage,water_leak"}))) == {
        water.number,
        road.number,
        west.number,
        late.number,
    }
    assert numbers(client.get(LIST, {"state": "triaged"})) == [west.number]
    assert set(numbers(client.get(LIST, {"district": city["east"].pk}))) == {
        water.number,
        road.number,
    }
    assert numbers(client.get(LIST, {"department": east_roads.pk})) == [road.number]
    assert numbers(client.get(LIST, {"overdue": "true"})) == [late.number]
    assert late.number not in numbers(client.get(LIST, {"overdue": "false"}))
    west_box = lonlat(-1000, -500).coords + lonlat(-400, 500).coords
    assert set(numbers(client.get(LIST, {"bbox": ",".join(map(str, west_box))}))) == {
        west.number,
        late.number,
    }


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"type": "volcano"}, "type"),
        ({"state": "done"}, "state"),
        ({"district": "abc"}, "district"),
        ({"department": "-1"}, "department"),
        ({"overdue": "maybe"}, "overdue"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "nan,0,1,1"}, "bbox"),
        ({"page_size": "100000"}, "page_size"),
    ],
)
def test_list_refuses_bad_filters_with_400(client, city, params, field):
    response = client.get(LIST, params)
    assert response.status_code == 400
    assert field in response.json()["detail"]


def test_create_routes_and_records_the_first_event(client, city, operator):
    east_water = route_to("water_leak", city["east"])
    response = client.post(
        LIST,
        {
            "type": "water_leak",
            "geometry": geojson_point(500, 0),
            "address": "Navoi 5",
            "description": "Water main burst",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    props = body["properties"]
    assert props["department_id"] == east_water.pk
    assert props["district_id"] == city["east"].pk
    assert props["state"] == "new"
    assert props["allowed_transitions"] == [
        "triaged",
        "assigned",
        "rejected",
        "duplicate",
        "cancelled",
    ]
    event = IncidentEvent.objects.get(incident_id=body["id"])
    assert (event.kind, event.actor) == ("created", operator)


def test_create_an_area_incident(client, city):
    polygon = json.loads(lonlat(0, 0).buffer(0.001).geojson)
    response = client.post(LIST, {"type": "flooding", "geometry": polygon}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["geometry"]["type"] == "Polygon"


@pytest.mark.parametrize(
    ("_case", "body", "expected"),
    [
        (
            "unknown_type",
            {"type": "volcano", "geometry": {"type": "Point", "coordinates": [69.28, 41.31]}},
            "type",
        ),
        ("no_geometry", {"type": "water_leak"}, "geometry"),
        ("not_geojson", {"type": "water_leak", "geometry": "here"}, "geometry"),
        (
            "malformed_coordinates",
            {"type": "water_leak", "geometry": {"type": "Point", "coordinates": ["a", 1]}},
            "geometry",
        ),
        (
            "lat_out_of_range",
            {"type": "water_leak", "geometry": {"type": "Point", "coordinates": [41.31, 169.28]}},
            "latitude",
        ),
        (
            "multipoint",
            {
                "type": "water_leak",
                "geometry": {"type": "MultiPoint", "coordinates": [[69.28, 41.31]]},
            },
            "geometry",
        ),
        (
            "outside_city",
            {"type": "water_leak", "geometry": {"type": "Point", "coordinates": [69.5, 41.5]}},
            "outside",
        ),
        (
            "bad_severity",
            {
                "type": "water_leak",
                "severity": 9,
                "geometry": {"type": "Point", "coordinates": [69.28, 41.31]},
            },
            "severity",
        ),
    ],
)
def test_create_refuses_bad_input_with_400_and_writes_nothing(client, city, _case, body, expected):
    response = client.post(LIST, body, format="json")
    assert response.status_code == 400, response.content
    assert expected in json.dumps(response.json()).lower()
    assert not Incident.objects.exists()


def test_transition_and_its_event(client, city, operator):
    incident = make_incident(500, 0)
    url = f"{LIST}{incident.pk}/transition/"
    response = client.post(url, {"to_state": "assigned", "comment": "crew 4"}, format="json")
    assert response.status_code == 200
    assert response.json()["properties"]["state"] == "assigned"
    events = client.get(f"{LIST}{incident.pk}/events/").json()
    assert [
        (e["kind"], e["from_state"], e["to_state"], e["actor"], e["comment"]) for e in events
    ] == [
        ("created", "", "new", None, ""),
        ("transition", "new", "assigned", operator.username, "crew 4"),
    ]
    after = client.get(f"{LIST}{incident.pk}/events/", {"after": events[0]["id"]}).json()
    assert [e["id"] for e in after] == [events[1]["id"]]


def test_illegal_transition_is_409_and_changes_nothing(client, city):
    incident = make_incident(500, 0)
    response = client.post(
        f"{LIST}{incident.pk}/transition/", {"to_state": "closed"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "illegal_transition"
    assert "new to closed" in response.json()["detail"]
    assert Incident.objects.get(pk=incident.pk).state == "new"
    assert IncidentEvent.objects.filter(incident=incident).count() == 1


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"to_state": "flying"}, 400),
        ({}, 400),
        ({"to_state": "duplicate"}, 400),
        ({"to_state": "duplicate", "duplicate_of": 999999}, 404),
        ({"to_state": "assigned", "department": 999999}, 400),
        ({"to_state": "triaged", "resolution_code": "fixed"}, 400),
    ],
)
def test_transition_bad_input_is_4xx(client, city, body, status):
    incident = make_incident(500, 0)
    response = client.post(f"{LIST}{incident.pk}/transition/", body, format="json")
    assert response.status_code == status, response.content
    assert Incident.objects.get(pk=incident.pk).state == "new"


def test_resolve_without_code_is_400_and_duplicate_links(client, city):
    incident = make_incident(500, 0)
    original = make_incident(510, 0)
    client.post(f"{LIST}{incident.pk}/transition/", {"to_state": "assigned"}, format="json")
    response = client.post(
        f"{LIST}{incident.pk}/transition/", {"to_state": "resolved"}, format="json"
    )
    assert response.status_code == 400
    assert "resolution_code" in response.json()["detail"]
    other = make_incident(520, 0)
    response = client.post(
        f"{LIST}{other.pk}/transition/",
        {"to_state": "duplicate", "duplicate_of": original.pk},
        format="json",
    )
    assert response.status_code == 200
    props = response.json()["properties"]
    assert (props["state"], props["duplicate_of"], props["resolution_code"]) == (
        "duplicate",
        original.number,
        "duplicate",
    )


def test_unknown_or_huge_incident_ids_are_404(client, city):
    assert client.get(f"{LIST}999999/").status_code == 404
    assert client.get(f"{LIST}99999999999999999999999/").status_code == 404


def test_patch_changes_the_department_and_escalate_raises_once(client, city):
    roads = route_to("road_damage", city["west"])
    incident = make_incident(500, 0)
    response = client.patch(
        f"{LIST}{incident.pk}/", {"department": roads.pk, "comment": "theirs"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["properties"]["department_id"] == roads.pk
    assert client.post(f"{LIST}{incident.pk}/escalate/", {}, format="json").status_code == 200
    assert client.post(f"{LIST}{incident.pk}/escalate/", {}, format="json").status_code == 409


def test_district_counts(client, city):
    make_incident(-500, 0)
    backdate(make_incident(500, 0), hours=30)
    rows = client.get("/api/situation/districts/").json()
    assert {(r["district"], r["open"], r["overdue"]) for r in rows} == {
        ("West", 1, 0),
        ("East", 1, 1),
    }


def test_nothing_changed_after_illegal_moves_in_the_sla(client, city):
    incident = make_incident(500, 0)
    due = incident.sla_due_at
    client.post(f"{LIST}{incident.pk}/transition/", {"to_state": "in_progress"}, format="json")
    assert Incident.objects.get(pk=incident.pk).sla_due_at == due
    assert due - incident.created_at == timedelta(hours=24)
