"""The notary's look-up: holders, shares, blockers, as of a date; logged, and the holders told."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import Role
from accounts.testing import make_user
from audit.models import Action, AuditEntry
from portal.lookup import NO_PENDING_REGISTER
from portal.models import Notification

pytestmark = pytest.mark.django_db

URL = "/api/notary/lookup/"


@pytest.fixture
def notary_client(notary_user):
    client = APIClient()
    client.force_login(notary_user)
    return client


def lookup(client, number, purpose="Deal 2026/117", **params):
    query = {"cadastral_number": number, **params}
    if purpose is not None:
        query["purpose"] = purpose
    return client.get(URL, query)


def holders(body) -> list[tuple[str, str]]:
    return [
        (h["name"], h["share"]["fraction"])
        for p in body["properties"]
        for r in p["rights"]
        for h in r["holders"]
    ]


def test_current_holders_shares_and_mortgage_as_blocker(register, notary_client):
    response = lookup(notary_client, register.home.cadastral_number)
    assert response.status_code == 200
    body = response.json()
    assert holders(body) == [
        ("Rahimova Dilnoza Rustamovich", "1/3"),
        ("Rahimov Jasur Rustamovich", "2/3"),
    ]
    assert body["properties"][0]["rights"][0]["holders"][0]["national_id"] == (
        register.dilnoza.pinfl
    )
    assert [(b["type"], b["registration_number"]) for b in body["blockers"]] == [
        ("mortgage", "M-77")
    ]
    assert "Xalq banki" in body["blockers"][0]["reason"]
    assert body["pending_changes"] == {"checked": False, "note": NO_PENDING_REGISTER}
    assert body["as_of"] is None


def test_an_arrest_blocks_the_deal(register, notary_client):
    body = lookup(notary_client, register.karims.cadastral_number).json()
    assert [b["type"] for b in body["blockers"]] == ["arrest"]
    assert "may not be sold" in body["blockers"][0]["reason"]


def test_as_of_a_date_before_the_sale_shows_the_former_owner(register, notary_client):
    body = lookup(notary_client, register.home.cadastral_number, as_of="2015-01-01").json()
    assert holders(body) == [("Usmonov Alisher Rustamovich", "1/1")]
    assert body["blockers"] == []
    assert body["as_of"] == "2015-01-01"


def test_a_family_groups_members_are_listed_with_their_parts(register, notary_client):
    flat_number = register.flat.cadastral_number
    body = lookup(notary_client, flat_number).json()
    assert [p["cadastral_number"] for p in body["properties"]] == [flat_number]
    assert holders(body) == [
        ("Toshmatov Karim Rustamovich", "1/2"),
        ("Rahimova Dilnoza Rustamovich", "1/2"),
    ]


def test_each_lookup_is_audited_with_its_purpose_and_the_holders_are_told(
    register, notary_client, notary_user, dilnoza_user
):
    jasur = make_user("jasur", roles=[Role.CITIZEN], party=register.jasur)
    lookup(notary_client, register.home.cadastral_number, purpose="Sale contract 2026/117")
    entry = AuditEntry.objects.get(action=Action.LOOKUP)
    assert (entry.actor_id, entry.cadastral_number, entry.purpose) == (
        notary_user.pk,
        register.home.cadastral_number,
        "Sale contract 2026/117",
    )
    for holder in (dilnoza_user, jasur):
        (told,) = Notification.objects.filter(recipient=holder)
        assert told.kind == Notification.Kind.LOOKUP
        assert "Sale contract 2026/117" in told.text
        assert register.home.cadastral_number in told.text


def test_the_holder_sees_the_lookup_in_their_property(register, notary_client, dilnoza_user):
    lookup(notary_client, register.home.cadastral_number, purpose="Deal X-1")
    citizen = APIClient()
    citizen.force_login(dilnoza_user)
    body = citizen.get(f"/api/me/properties/{register.home.cadastral_number}/").json()
    assert [(a["who"], a["purpose"]) for a in body["audit"] if a["action"] == "lookup"] == [
        ("notary", "Deal X-1")
    ]


@pytest.mark.parametrize("purpose", [None, "", "   "])
def test_purpose_is_required(register, notary_client, purpose):
    response = lookup(notary_client, register.home.cadastral_number, purpose=purpose)
    assert response.status_code == 400
    assert "purpose is required" in response.json()["detail"]
    assert not AuditEntry.objects.filter(action=Action.LOOKUP).exists()
    assert not Notification.objects.exists()


def test_a_too_long_purpose_is_refused_and_nothing_is_written(register, notary_client):
    response = lookup(notary_client, register.home.cadastral_number, purpose="x" * 501)
    assert response.status_code == 400
    assert "longer than" in response.json()["detail"]
    assert not AuditEntry.objects.filter(action=Action.LOOKUP).exists()


def test_unknown_number_is_404_with_a_clear_message(register, notary_client):
    response = lookup(notary_client, "10:09:09:09:09:9999")
    assert response.status_code == 404
    assert "10:09:09:09:09:9999" in response.json()["detail"]
    assert not AuditEntry.objects.filter(action=Action.LOOKUP).exists()


def test_a_date_before_the_parcel_existed_is_404(register, notary_client):
    response = lookup(notary_client, register.home.cadastral_number, as_of="2001-01-01")
    assert response.status_code == 404
    assert "2001-01-01" in response.json()["detail"]


def test_a_future_date_is_refused(register, notary_client):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = lookup(notary_client, register.home.cadastral_number, as_of=tomorrow)
    assert response.status_code == 400
    assert "future" in response.json()["detail"]


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"cadastral_number": ""}, "cadastral_number is required"),
        ({"cadastral_number": "10:01"}, "cadastral_number"),
        ({"cadastral_number": "x" * 300}, "cadastral_number"),
        ({"as_of": "31.05.2024"}, "as_of must be a date"),
        ({"as_of": "2024-02-30"}, "as_of must be a date"),
        ({"as_of": "\uff12\uff10\uff12\uff14-01-01"}, "as_of must be a date"),
    ],
)
def test_bad_parameters_are_a_clear_400(register, notary_client, params, fragment):
    query = {"cadastral_number": register.home.cadastral_number, "purpose": "Deal", **params}
    response = notary_client.get(URL, query)
    assert response.status_code == 400
    assert fragment in response.json()["detail"]


def test_a_building_number_shows_the_building_property(register, notary_client):
    response = lookup(notary_client, register.flat.cadastral_number)
    assert response.status_code == 200
    assert response.json()["parcel"]["buildings"] == [register.flat.cadastral_number]


def test_an_unregistered_building_number_is_404(register, notary_client):
    missing = f"{register.home.cadastral_number}:0099"
    response = lookup(notary_client, missing)
    assert response.status_code == 404
    assert missing in response.json()["detail"]


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.REGISTRAR, Role.PLANNER, Role.ADMIN])
def test_only_notaries_may_look_up(register, role):
    user = make_user(f"not-notary-{role}", roles=[role], party=register.dilnoza)
    client = APIClient()
    client.force_login(user)
    response = lookup(client, register.home.cadastral_number)
    assert response.status_code == 403
    assert "Rahim" not in response.content.decode()


def test_anonymous_lookup_is_401(register):
    response = lookup(APIClient(), register.home.cadastral_number)
    assert response.status_code == 401
