"""The citizen's "my property" API: my shares, co-holders, encumbrances, history, audit."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import Role
from accounts.testing import make_user
from audit.models import Action, AuditEntry
from audit.services import record
from cadastre.models import Parcel, PartyGroupMember
from portal.models import Notification
from portal.services import notify_watchers

pytestmark = pytest.mark.django_db

LIST = "/api/me/properties/"


def detail(number: str) -> str:
    return f"/api/me/properties/{number}/"


@pytest.fixture
def client_for():
    def make(user):
        client = APIClient()
        client.force_login(user)
        return client

    return make


def by_number(results: list[dict]) -> dict[str, dict]:
    return {p["cadastral_number"]: p for p in results}


def test_my_list_shows_my_shares_exactly_and_co_holders_by_name(register, dilnoza_user, client_for):
    response = client_for(dilnoza_user).get(LIST)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    mine = by_number(body["results"])
    home = mine[register.home.cadastral_number]
    assert home["my_shares"] == {"ownership": {"fraction": "1/3", "percent": "33.33"}}
    assert home["co_holders"] == ["Rahimov Jasur Rustamovich"]
    assert [(r["holders"], r["share"]["fraction"], r["my_share"]) for r in home["rights"]] == [
        (["Rahimova Dilnoza Rustamovich"], "1/3", {"fraction": "1/3", "percent": "33.33"}),
        (["Rahimov Jasur Rustamovich"], "2/3", None),
    ]
    assert [e["type"] for e in home["encumbrances"]] == ["mortgage"]
    mortgage = home["encumbrances"][0]
    assert mortgage["amount"] == "350000000.00"
    assert mortgage["beneficiary"] == "Xalq banki"
    assert mortgage["sources"][0]["id"] == register.mortgage_deed.pk
    assert mortgage["sources"][0]["url"].endswith(f"/{register.mortgage_deed.pk}/")
    assert home["objects"][0]["kind"] == "parcel"
    assert home["objects"][0]["geometry"]["type"] == "MultiPolygon"
    parcel = Parcel.objects.current().get(cadastral_number=register.home.cadastral_number)
    corner = parcel.geom.transform(4326, clone=True).coords[0][0][0]
    lon, lat = home["objects"][0]["geometry"]["coordinates"][0][0][0]
    assert (lon, lat) == pytest.approx(corner, abs=1e-7)  # EPSG:4326, longitude first


def test_a_share_through_a_family_group_is_the_product_of_both(register, dilnoza_user, client_for):
    flat = by_number(client_for(dilnoza_user).get(LIST).json()["results"])[
        register.flat.cadastral_number
    ]
    assert flat["my_shares"] == {"ownership": {"fraction": "1/2", "percent": "50.00"}}
    assert flat["co_holders"] == ["Toshmatov Karim Rustamovich"]
    assert flat["objects"][0]["kind"] == "building"


def test_a_sixth_is_shown_exactly_and_rounded_only_in_the_percent(
    register, dilnoza_user, client_for
):
    PartyGroupMember.objects.filter(party=register.dilnoza).update(
        share_numerator=1, share_denominator=3
    )
    flat = by_number(client_for(dilnoza_user).get(LIST).json()["results"])[
        register.flat.cadastral_number
    ]
    assert flat["my_shares"]["ownership"] == {"fraction": "1/3", "percent": "33.33"}


def test_every_property_listed_is_an_audited_personal_read(register, dilnoza_user, client_for):
    client_for(dilnoza_user).get(LIST)
    reads = AuditEntry.objects.filter(action=Action.READ_PERSONAL, actor=dilnoza_user)
    assert sorted(reads.values_list("cadastral_number", flat=True)) == sorted(
        [register.home.cadastral_number, register.flat.cadastral_number]
    )


def test_detail_has_every_version_and_who_looked(register, dilnoza_user, client_for):
    notary = make_user("notary-aziz", roles=[Role.NOTARY])
    record(
        actor=notary,
        action=Action.LOOKUP,
        object_type="property",
        object_id=register.home.pk,
        cadastral_number=register.home.cadastral_number,
        purpose="Deal 2026/117",
    )
    response = client_for(dilnoza_user).get(detail(register.home.cadastral_number))
    assert response.status_code == 200
    body = response.json()
    rights = [h for h in body["history"] if h["kind"] == "right"]
    assert [(h["holders"], h["valid_until"] is None) for h in rights] == [
        (["Usmonov Alisher Rustamovich"], False),
        (["Rahimova Dilnoza Rustamovich"], True),
        (["Rahimov Jasur Rustamovich"], True),
    ]
    assert rights[0]["valid_until"].startswith("2018-05-10")
    assert {h["kind"] for h in body["history"]} == {"parcel", "right", "restriction"}
    looked = [a for a in body["audit"] if not a["is_me"]]
    assert [(a["who"], a["action"], a["purpose"]) for a in looked] == [
        ("notary-aziz", "lookup", "Deal 2026/117")
    ]
    assert body["property"]["my_shares"]["ownership"]["fraction"] == "1/3"


def test_detail_read_is_audited_in_the_same_request(register, dilnoza_user, client_for):
    before = AuditEntry.objects.count()
    client_for(dilnoza_user).get(detail(register.home.cadastral_number))
    entry = AuditEntry.objects.order_by("-id").first()
    assert AuditEntry.objects.count() == before + 1
    assert (entry.action, entry.cadastral_number, entry.actor_id) == (
        Action.READ_PERSONAL,
        register.home.cadastral_number,
        dilnoza_user.pk,
    )


def test_anothers_property_is_404_exactly_like_a_missing_one(register, dilnoza_user, client_for):
    client = client_for(dilnoza_user)
    foreign = client.get(detail(register.karims.cadastral_number))
    missing = client.get(detail("10:09:09:09:09:9999"))
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json()["detail"] == missing.json()["detail"].replace(
        "10:09:09:09:09:9999", register.karims.cadastral_number
    )
    assert "Toshmatov" not in foreign.content.decode()
    assert not AuditEntry.objects.filter(cadastral_number=register.karims.cadastral_number).exists()


def test_a_notary_has_no_property_of_their_own_here(register, notary_user, client_for):
    response = client_for(notary_user).get(LIST)
    assert response.status_code == 403


def test_a_notary_who_is_also_a_citizen_sees_only_what_they_hold(register, client_for):
    both = make_user("notary-karim", roles=[Role.NOTARY, Role.CITIZEN], party=register.karim)
    client = client_for(both)
    numbers = {p["cadastral_number"] for p in client.get(LIST).json()["results"]}
    assert numbers == {register.flat.cadastral_number, register.karims.cadastral_number}
    assert client.get(detail(register.home.cadastral_number)).status_code == 404


def test_anonymous_gets_401(register):
    client = APIClient()
    assert client.get(LIST).status_code == 401
    assert client.get(detail(register.home.cadastral_number)).status_code == 401
    assert client.get("/api/me/notifications/").status_code == 401


@pytest.mark.parametrize(
    "number", ["nope", "10:01", "10:01:01:01:01:00001", "1O:01:01:01:01:0001", "%00", "x" * 500]
)
def test_malformed_number_is_a_clear_400(dilnoza_user, client_for, number):
    response = client_for(dilnoza_user).get(detail(number))
    assert response.status_code == 400
    assert "cadastral number" in response.json()["detail"]


def test_token_authentication_works_for_the_api(register, dilnoza_user):
    token = Token.objects.create(user=dilnoza_user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get(LIST).json()["count"] == 2


def test_notifications_list_and_mark_read(register, dilnoza_user, karim_user, client_for):
    notify_watchers(register.home, Notification.Kind.LOOKUP, "Notary looked")
    notify_watchers(register.karims, Notification.Kind.LOOKUP, "Not for Dilnoza")
    client = client_for(dilnoza_user)
    body = client.get("/api/me/notifications/").json()
    assert body["unread"] == 1
    assert [(n["text"], n["cadastral_number"]) for n in body["results"]] == [
        ("Notary looked", register.home.cadastral_number)
    ]
    karims = Notification.objects.get(recipient=karim_user)
    marked = client.post("/api/me/notifications/read/", {"ids": [karims.pk]}, format="json")
    assert marked.json() == {"marked": 0}
    karims.refresh_from_db()
    assert karims.read_at is None
    assert client.post("/api/me/notifications/read/", {}, format="json").json() == {"marked": 1}
    assert client.get("/api/me/notifications/").json()["unread"] == 0


@pytest.mark.parametrize(
    "payload", [{"ids": "all"}, {"ids": [0]}, {"ids": ["x"]}, {"ids": [2**70]}, [1, 2]]
)
def test_mark_read_refuses_garbage_with_400(register, dilnoza_user, client_for, payload):
    response = client_for(dilnoza_user).post("/api/me/notifications/read/", payload, format="json")
    assert response.status_code == 400


def test_listing_my_property_takes_a_bounded_number_of_queries(
    register, dilnoza_user, client_for, django_assert_max_num_queries
):
    client = client_for(dilnoza_user)
    client.get(LIST)
    with django_assert_max_num_queries(40):
        response = client.get(LIST)
    assert response.json()["count"] == 2
