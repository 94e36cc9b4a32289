"""Searching the audit log: registrars and admins only, filters, paging, clear 4xx for bad input."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import Role
from accounts.testing import make_user
from audit.models import Action, AuditEntry
from audit.services import record

pytestmark = pytest.mark.django_db

API = "/api/audit/entries/"


@pytest.fixture
def log():
    notary = make_user("notary1", roles=[Role.NOTARY])
    record(
        actor=notary,
        action=Action.LOOKUP,
        object_type="property",
        object_id=1,
        cadastral_number="10:02:03:04:05:0006",
        purpose="Deal 2026/17",
    )
    record(
        actor=notary,
        action=Action.LOOKUP,
        object_type="property",
        object_id=2,
        cadastral_number="10:07:01:01:01:0001",
    )
    record(
        actor=None,
        action=Action.LOGIN_FAILED,
        object_type="user",
        object_id="",
        actor_username="guesser",
    )
    return notary


def _api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.parametrize(
    ("roles", "status"),
    [
        (None, 401),
        ((Role.CITIZEN,), 403),
        ((Role.NOTARY,), 403),
        ((Role.OPERATOR,), 403),
        ((Role.REGISTRAR,), 200),
        ((Role.ADMIN,), 200),
    ],
)
def test_only_registrars_and_admins_may_search(log, roles, status):
    user = make_user(roles=roles) if roles else None
    assert _api(user).get(API).status_code == status


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, 3),
        ({"actor": "notary1"}, 2),
        ({"actor": "NOTARY1"}, 2),
        ({"action": "login_failed"}, 1),
        ({"cadastral_number": "10:02"}, 1),
        ({"cadastral_number": "10:07:01:01:01:0001"}, 1),
        ({"actor": "nobody"}, 0),
    ],
)
def test_filters(log, params, expected):
    registrar = make_user(roles=[Role.REGISTRAR])
    body = _api(registrar).get(API, params).json()
    assert body["count"] == expected
    assert len(body["results"]) == expected


def test_actor_by_user_number(log):
    body = _api(make_user(roles=[Role.ADMIN])).get(API, {"actor": str(log.pk)}).json()
    assert body["count"] == 2


def test_date_range_is_whole_days_in_the_site_time_zone(log):
    today = timezone.localdate()
    admin = make_user(roles=[Role.ADMIN])
    assert _api(admin).get(API, {"date_from": today, "date_to": today}).json()["count"] == 3
    yesterday = today - timedelta(days=1)
    assert _api(admin).get(API, {"date_to": yesterday}).json()["count"] == 0
    assert _api(admin).get(API, {"date_from": today + timedelta(days=1)}).json()["count"] == 0


def test_entries_carry_the_chain_and_newest_come_first(log):
    rows = _api(make_user(roles=[Role.ADMIN])).get(API).json()["results"]
    assert [r["id"] for r in rows] == sorted((r["id"] for r in rows), reverse=True)
    newest, older = rows[0], rows[1]
    assert newest["prev_hash"] == older["hash"]
    assert newest["action_label"] == "Failed sign-in"
    lookup = rows[-1]
    assert lookup["purpose"] == "Deal 2026/17"
    assert lookup["actor_username"] == "notary1"


def test_paging(log):
    admin = make_user(roles=[Role.ADMIN])
    first = _api(admin).get(API, {"page_size": 2}).json()
    assert len(first["results"]) == 2
    assert first["next"]
    second = _api(admin).get(API, {"page_size": 2, "page": 2}).json()
    assert len(second["results"]) == 1
    assert _api(admin).get(API, {"page_size": 2, "page": 3}).status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"action": "peek"},
        {"date_from": "2026-13-01"},
        {"date_from": "yesterday"},
        {"date_from": "2026-05-02", "date_to": "2026-05-01"},
        {"cadastral_number": "1" * 41},
        {"actor": "x" * 151},
        {"page": "0"},
        {"page": "two"},
        {"page_size": "100000"},
        {"actor": "9" * 40},
    ],
)
def test_bad_filters_are_a_clear_400(log, params):
    response = _api(make_user(roles=[Role.ADMIN])).get(API, params)
    if params.get("actor", "").isdigit():
        assert response.status_code == 200  # a long number is simply nobody's
        assert response.json()["count"] == 0
        return
    assert response.status_code == 400
    assert response.json()["detail"]


# --- the page ---------------------------------------------------------------------------------


def _page_client(roles):
    user = make_user(roles=roles)
    client = Client()
    client.force_login(user)
    return client


def test_page_sends_anonymous_to_sign_in_and_refuses_other_roles(log):
    response = Client().get("/audit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert _page_client([Role.NOTARY]).get("/audit/").status_code == 403
    assert _page_client([Role.CITIZEN]).get("/audit/").status_code == 403


def test_page_lists_and_filters_entries(log):
    client = _page_client([Role.REGISTRAR])
    page = client.get("/audit/").content.decode()
    assert "Deal 2026/17" in page
    assert "guesser" in page
    filtered = client.get("/audit/", {"action": "login_failed"}).content.decode()
    assert "guesser" in filtered
    assert "Deal 2026/17" not in filtered


def test_page_shows_bad_filters_with_400(log):
    response = _page_client([Role.ADMIN]).get("/audit/", {"date_from": "nonsense"})
    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()


def test_page_speaks_russian_and_uzbek(log):
    client = _page_client([Role.ADMIN])
    client.cookies["django_language"] = "ru"
    assert "Журнал аудита" in client.get("/audit/").content.decode()
    client.cookies["django_language"] = "uz"
    assert "Audit jurnali" in client.get("/audit/").content.decode()


# --- the admin ---------------------------------------------------------------------------------


def test_admin_shows_entries_read_only(log):
    admin = make_user(roles=[Role.ADMIN])
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client()
    client.force_login(admin)
    entry = AuditEntry.objects.order_by("id").first()

    assert client.get("/admin/audit/auditentry/").status_code == 200
    change = client.get(f"/admin/audit/auditentry/{entry.pk}/change/")
    assert change.status_code == 200
    assert "Deal 2026/17" in change.content.decode()
    assert client.get("/admin/audit/auditentry/add/").status_code == 403
    assert client.get(f"/admin/audit/auditentry/{entry.pk}/delete/").status_code == 403
    client.post(f"/admin/audit/auditentry/{entry.pk}/change/", {"purpose": "rewritten"})
    assert AuditEntry.objects.get(pk=entry.pk).purpose == "Deal 2026/17"
