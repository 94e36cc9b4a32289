"""Operators triage appeals over HTTP: queue, duplicate suggestions, into new or existing
incidents, rejection; limited to the operator's districts."""

import pytest
from rest_framework.test import APIClient

from accounts.testing import make_user
from situation.models import Appeal, Incident
from situation.services import appeal_file
from tests.situation.helpers import incident_type, lonlat, make_city, make_incident

pytestmark = pytest.mark.django_db

BASE = "/api/situation/appeals/"


@pytest.fixture
def city():
    return make_city()


@pytest.fixture
def client(city):
    client = APIClient()
    client.force_authenticate(make_user(roles=["operator"]))
    return client


def file(x: float, y: float = 0, code: str = "water_leak", text: str = "Leak") -> Appeal:
    return appeal_file(user=None, category=incident_type(code), geom=lonlat(x, y), text=text)


def test_the_queue_lists_submitted_appeals_oldest_first(client):
    first, second = file(100), file(200)
    rows = client.get(BASE).json()
    assert [row["id"] for row in rows][:2] == [first.pk, second.pk]
    assert rows[0]["incident"] is None


def test_an_appeal_shows_its_likely_duplicates_in_metres(client):
    near = make_incident(100, 0)
    appeal = file(130)
    body = client.get(f"{BASE}{appeal.pk}/").json()
    (candidate,) = body["duplicate_candidates"]
    assert candidate["incident"] == near.pk
    assert candidate["distance_m"] == pytest.approx(30, abs=0.5)


def test_triage_into_the_suggested_incident(client):
    near = make_incident(100, 0)
    appeal = file(130)
    response = client.post(f"{BASE}{appeal.pk}/triage/", {"incident": near.pk}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["id"] == near.pk
    assert [a["id"] for a in response.json()["properties"]["appeals"]] == [appeal.pk]
    assert client.get(BASE).json() == []


def test_triage_into_a_new_incident_and_twice_is_409(client):
    appeal = file(500, text="Pipe burst at the corner")
    response = client.post(f"{BASE}{appeal.pk}/triage/", {"severity": 4}, format="json")
    assert response.status_code == 200, response.content
    props = response.json()["properties"]
    assert (props["state"], props["severity"], props["description"]) == (
        "triaged",
        4,
        "Pipe burst at the corner",
    )
    again = client.post(f"{BASE}{appeal.pk}/triage/", {}, format="json")
    assert again.status_code == 409
    assert again.json()["code"] == "appeal_already_triaged"
    assert Incident.objects.count() == 1


def test_reject_needs_a_reason(client):
    appeal = file(500)
    assert client.post(f"{BASE}{appeal.pk}/reject/", {}, format="json").status_code == 400
    response = client.post(f"{BASE}{appeal.pk}/reject/", {"comment": "Private yard"}, format="json")
    assert response.status_code == 200
    assert response.json()["state"] == "rejected"


def test_a_district_operator_sees_only_appeals_in_their_district(city):
    west_operator = APIClient()
    west_operator.force_authenticate(make_user(roles=["operator"], district_ids=[city["west"].pk]))
    west, east = file(-500), file(500)
    assert [row["id"] for row in west_operator.get(BASE).json()] == [west.pk]
    assert west_operator.get(f"{BASE}{east.pk}/").status_code == 404
    assert west_operator.post(f"{BASE}{east.pk}/triage/", {}, format="json").status_code == 404
    # nor can they pull a west appeal into an east incident
    east_incident = make_incident(600, 0)
    response = west_operator.post(
        f"{BASE}{west.pk}/triage/", {"incident": east_incident.pk}, format="json"
    )
    assert response.status_code == 404
    assert Appeal.objects.get(pk=west.pk).state == "submitted"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"incident": "x"}, 400),
        ({"incident": 0}, 400),
        ({"incident": 999999}, 404),
        ({"severity": 7}, 400),
    ],
)
def test_triage_bad_input(client, body, status):
    appeal = file(500)
    response = client.post(f"{BASE}{appeal.pk}/triage/", body, format="json")
    assert response.status_code == status
    assert Appeal.objects.get(pk=appeal.pk).state == "submitted"


def test_citizens_cannot_triage(city):
    citizen = APIClient()
    citizen.force_authenticate(make_user(roles=["citizen"]))
    appeal = file(500)
    assert citizen.get(BASE).status_code == 403
    assert citizen.post(f"{BASE}{appeal.pk}/triage/", {}, format="json").status_code == 403
