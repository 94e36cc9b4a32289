"""Revocation: registrars and admins, with a reason, once; audited."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import Role
from accounts.testing import make_user
from audit.models import Action, AuditEntry
from extracts.models import Extract
from extracts.services import order_extract
from tests.extracts.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def extract(register, citizen) -> Extract:
    return order_extract(citizen, register.house.cadastral_number, "en", base_url="https://m.uz")


def url(extract: Extract) -> str:
    return reverse("extracts:api-revoke", args=[extract.code])


def test_a_registrar_revokes_with_a_reason_and_it_is_audited(extract, registrar):
    response = client_for(registrar).post(url(extract), {"reason": "  Deed was forged.  "})
    assert response.status_code == 200
    assert response.json()["revocation_reason"] == "Deed was forged."
    extract.refresh_from_db()
    assert (extract.revoked_by, extract.revocation_reason) == (registrar, "Deed was forged.")
    assert extract.revoked_at is not None
    entry = AuditEntry.objects.get(action=Action.EXTRACT_REVOKE)
    assert (entry.actor, entry.object_id) == (registrar, extract.number)
    assert entry.detail == {"reason": "Deed was forged."}


def test_an_admin_may_revoke(extract):
    admin = make_user("chief", roles=[Role.ADMIN])
    assert client_for(admin).post(url(extract), {"reason": "Error"}).status_code == 200


@pytest.mark.parametrize("who", ["citizen", "notary", "neighbour"])
def test_nobody_else_may_revoke(request, extract, who):
    response = client_for(request.getfixturevalue(who)).post(url(extract), {"reason": "mine"})
    assert response.status_code == 403
    extract.refresh_from_db()
    assert extract.revoked_at is None
    assert not AuditEntry.objects.filter(action=Action.EXTRACT_REVOKE).exists()


def test_anonymous_gets_401(extract):
    assert APIClient().post(url(extract), {"reason": "x"}).status_code == 401


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "reason"),
        ({"reason": ""}, "reason"),
        ({"reason": "   "}, "reason"),
        ({"reason": "x" * 501}, "500"),
    ],
)
def test_a_reason_is_required(extract, registrar, body, message):
    response = client_for(registrar).post(url(extract), body)
    assert response.status_code == 400
    assert message in response.content.decode()
    extract.refresh_from_db()
    assert extract.revoked_at is None


def test_an_extract_is_revoked_once(extract, registrar):
    client_for(registrar).post(url(extract), {"reason": "first"})
    again = client_for(registrar).post(url(extract), {"reason": "second"})
    assert again.status_code == 409
    assert "already revoked" in again.json()["detail"]
    extract.refresh_from_db()
    assert extract.revocation_reason == "first"


def test_an_unknown_code_is_404(registrar, db):
    response = client_for(registrar).post(
        reverse("extracts:api-revoke", args=["7K3M-Q9XD-2HFA-PB4T-W8CZ"]), {"reason": "x"}
    )
    assert response.status_code == 404


def test_a_registrar_revokes_from_the_verification_page(extract, registrar):
    client = Client()
    client.force_login(registrar)
    page = client.get(reverse("extracts:verify", args=[extract.code]))
    assert "Revoke this extract" in page.content.decode()
    response = client.post(
        reverse("extracts:revoke", args=[extract.code]), {"reason": "Court order 2-17/2026"}
    )
    assert response.status_code == 302
    after = client.get(response["Location"])
    assert 'data-status="revoked"' in after.content.decode()
    assert "Court order 2-17/2026" in after.content.decode()


def test_the_page_refuses_others_and_blank_reasons(extract, registrar, citizen):
    client = Client()
    client.force_login(citizen)
    target = reverse("extracts:revoke", args=[extract.code])
    assert client.post(target, {"reason": "mine"}).status_code == 403
    client.force_login(registrar)
    blank = client.post(target, {"reason": " "})
    assert blank.status_code == 400
    assert "Give the reason" in blank.content.decode()
    assert Client().post(target, {"reason": "x"}).status_code == 302  # to the login page
    extract.refresh_from_db()
    assert extract.revoked_at is None
