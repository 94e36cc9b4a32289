"""Owner, state, share, fee and version fields are set by the server, never by a request.

Each request below is otherwise valid and made by someone allowed to make it; the protected
fields it smuggles in must not take effect. A request by someone without the right changes
nothing at all.
"""

import pytest
from django.conf import settings
from django.contrib.gis.geos import Point
from rest_framework.test import APIClient

from cadastre.models import Right
from extracts.models import ExtractOrder
from portal.models import Notification
from situation.models import Appeal, AppealState, Incident, IncidentType, State
from situation.services.incidents import incident_create
from tests.security.world import World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


def _as(world: World, role: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(world.users[role])
    return client


def _lonlat(world: World) -> tuple[float, float]:
    point = world.a_appeal.geom.transform(4326, clone=True)
    return point.x, point.y


def test_an_appeal_gets_its_author_and_state_from_the_server(world):
    lon, lat = _lonlat(world)
    response = _as(world, "citizen2").post(
        "/api/appeals/",
        {
            "category": world.incident_type_code,
            "longitude": str(lon),
            "latitude": str(lat),
            "text": "A broken pipe.",
            "state": AppealState.REJECTED,
            "incident": world.foreign_incident.pk,
            "citizen": world.users["citizen"].pk,
            "client_key": "forged",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    appeal = Appeal.objects.order_by("-pk").first()
    assert appeal.citizen == world.users["citizen2"]
    assert appeal.state == AppealState.SUBMITTED
    assert appeal.incident_id is None
    assert appeal.client_key != "forged"


def test_an_extract_order_gets_its_orderer_state_and_fee_from_the_server(world):
    before = ExtractOrder.objects.count()
    response = _as(world, "citizen").post(
        "/api/extracts/",
        {
            "cadastral_number": world.a_land.cadastral_number,
            "language": "en",
            "state": ExtractOrder.State.AWAITING_PAYMENT,
            "fee_soum": 1,
            "orderer": world.users["citizen2"].pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    order = ExtractOrder.objects.order_by("-pk").first()
    assert ExtractOrder.objects.count() == before + 1
    assert order.orderer == world.users["citizen"]
    assert order.state == ExtractOrder.State.ISSUED
    assert order.fee_soum == int(settings.MAKON_EXTRACT_FEE)


def test_another_citizen_cannot_order_an_extract_of_a_property_not_theirs(world):
    before = ExtractOrder.objects.count()
    response = _as(world, "citizen2").post(
        "/api/extracts/",
        {"cadastral_number": world.a_land.cadastral_number, "language": "en"},
        format="json",
    )
    assert response.status_code == 404
    assert ExtractOrder.objects.count() == before


def test_a_new_incident_starts_new_whatever_the_request_says(world):
    lon, lat = _lonlat(world)
    response = _as(world, "operator").post(
        "/api/situation/incidents/",
        {
            "type": IncidentType.objects.filter(is_active=True).order_by("code")[0].code,
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "state": State.CLOSED,
            "resolution_code": "fixed",
            "escalated": True,
            "created_by": world.users["citizen"].pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    incident = Incident.objects.order_by("-pk").first()
    assert incident.state == State.NEW
    assert incident.created_by == world.users["operator"]
    assert not incident.resolution_code


def test_an_incident_change_cannot_move_its_state(world):
    lon, lat = _lonlat(world)
    incident = incident_create(
        user=world.users["operator"],
        incident_type=IncidentType.objects.filter(is_active=True).order_by("code")[0],
        geom=Point(lon, lat, srid=4326),
    )
    response = _as(world, "operator").patch(
        f"/api/situation/incidents/{incident.pk}/",
        {"description": "Checked on site.", "state": State.CLOSED, "escalated": True},
        format="json",
    )
    assert response.status_code == 200, response.content
    changed = Incident.objects.get(pk=incident.pk)
    assert changed.state == incident.state
    assert changed.escalated == incident.escalated


def test_triage_cannot_close_the_incident_it_makes(world):
    response = _as(world, "operator").post(
        f"/api/situation/appeals/{world.a_appeal.pk}/triage/",
        {"state": State.CLOSED, "resolution_code": "fixed"},
        format="json",
    )
    assert response.status_code in (200, 201), response.content
    appeal = Appeal.objects.get(pk=world.a_appeal.pk)
    assert appeal.incident is not None
    assert appeal.incident.state not in (State.CLOSED, State.RESOLVED)


def test_marking_notifications_read_touches_only_my_own(world):
    theirs = Notification.objects.create(
        recipient=world.users["citizen2"], property=world.a_land, kind="lookup", text="x"
    )
    response = _as(world, "citizen").post(
        "/api/me/notifications/read/", {"ids": [theirs.pk]}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["marked"] == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.parametrize("method", ["put", "patch", "post", "delete"])
def test_a_holder_cannot_change_shares_through_my_property(world, method):
    rights = list(
        Right.objects.filter(property=world.a_shared).values_list("pk", "share_numerator")
    )
    response = getattr(_as(world, "citizen"), method)(
        f"/api/me/properties/{world.a_shared.cadastral_number}/",
        {"share_numerator": 13, "share_denominator": 13, "party": world.users["citizen"].pk},
        format="json",
    )
    assert response.status_code == 405
    after = list(Right.objects.filter(property=world.a_shared).values_list("pk", "share_numerator"))
    assert after == rights


def test_a_citizen_cannot_dispute_someone_elses_appeal(world):
    before = Appeal.objects.get(pk=world.a_appeal.pk).state
    response = _as(world, "citizen2").post(
        f"/api/appeals/{world.a_appeal.pk}/dispute/", {"comment": "Not fixed."}, format="json"
    )
    assert response.status_code == 404
    assert Appeal.objects.get(pk=world.a_appeal.pk).state == before


def test_token_request_cannot_grant_itself_staff_rights(world):
    response = APIClient().post(
        "/api/auth/token/",
        {"username": "citizen", "password": "Makon-demo-2026", "is_staff": True, "role": "admin"},
        format="json",
    )
    assert response.status_code == 200
    user = world.users["citizen"]
    user.refresh_from_db()
    assert not user.is_staff
    assert not user.is_superuser
