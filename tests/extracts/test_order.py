"""Ordering an extract: only of one's own property, issued at once without a fee, audited."""

import hashlib

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from audit.models import Action, AuditEntry
from extracts import codes
from extracts.models import Extract, ExtractOrder
from extracts.services import extract_order_issue_paid, order_extract
from extracts.snapshot import snapshot_sha256
from tests.extracts.conftest import client_for

pytestmark = pytest.mark.django_db

LIST_URL = reverse("extracts:api-list")


def test_a_citizen_orders_an_extract_of_their_house_and_gets_it_at_once(register, citizen):
    # when
    response = client_for(citizen).post(
        LIST_URL, {"cadastral_number": register.house.cadastral_number, "language": "uz"}
    )
    # then
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "issued"
    extract = Extract.objects.get(number=body["extract"]["number"])
    assert extract.order.orderer == citizen
    assert extract.property == register.house
    assert extract.language == "uz"
    assert codes.normalise(extract.code) == extract.code
    assert extract.pdf_sha256 == hashlib.sha256(bytes(extract.pdf)).hexdigest()
    assert extract.snapshot_sha256 == snapshot_sha256(extract.snapshot)
    assert extract.certifies_at == extract.issued_at < extract.valid_until
    assert body["extract"]["pdf_url"] == reverse("extracts:api-pdf", args=[extract.code])
    issued = AuditEntry.objects.get(action=Action.EXTRACT_ISSUE)
    assert (issued.actor, issued.object_id) == (citizen, extract.number)
    assert issued.cadastral_number == register.house.cadastral_number
    assert extract.code not in str(issued.detail)


def test_another_citizens_property_answers_404_like_a_missing_one_and_writes_nothing(
    register, neighbour
):
    client = client_for(neighbour)
    foreign = client.post(
        LIST_URL, {"cadastral_number": register.house.cadastral_number, "language": "en"}
    )
    missing = client.post(LIST_URL, {"cadastral_number": "10:01:01:01:01:9999", "language": "en"})
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json()["detail"].replace(register.house.cadastral_number, "N") == missing.json()[
        "detail"
    ].replace("10:01:01:01:01:9999", "N")
    assert ExtractOrder.objects.count() == 0
    assert not AuditEntry.objects.filter(action=Action.EXTRACT_ISSUE).exists()


def test_anonymous_cannot_order_or_list(register, api_client):
    assert api_client.get(LIST_URL).status_code == 401
    response = api_client.post(
        LIST_URL, {"cadastral_number": register.house.cadastral_number, "language": "en"}
    )
    assert response.status_code == 401
    assert ExtractOrder.objects.count() == 0


def test_the_list_holds_only_my_orders(register, citizen, neighbour):
    order_extract(citizen, register.house.cadastral_number, "en", base_url="https://m.uz")
    order_extract(neighbour, register.flat.cadastral_number, "ru", base_url="https://m.uz")
    mine = client_for(citizen).get(LIST_URL).json()
    assert [o["cadastral_number"] for o in mine] == [register.house.cadastral_number]


def test_with_a_fee_the_order_waits_for_payment_then_is_issued(register, citizen, settings):
    settings.MAKON_EXTRACT_FEE = 25_000
    response = client_for(citizen).post(
        LIST_URL, {"cadastral_number": register.house.cadastral_number, "language": "ru"}
    )
    assert response.status_code == 202
    assert response.json()["state"] == "awaiting_payment"
    assert response.json()["extract"] is None
    order = ExtractOrder.objects.get()
    assert (order.fee_soum, Extract.objects.count()) == (25_000, 0)
    # when the fee is paid (payments will call this)
    extract = extract_order_issue_paid(order=order)
    # then
    order.refresh_from_db()
    assert order.state == ExtractOrder.State.ISSUED
    assert extract.order == order
    assert extract.language == "ru"


def test_a_paid_order_is_issued_only_once(register, citizen, settings):
    settings.MAKON_EXTRACT_FEE = 1000
    client_for(citizen).post(
        LIST_URL, {"cadastral_number": register.house.cadastral_number, "language": "en"}
    )
    order = ExtractOrder.objects.get()
    extract_order_issue_paid(order=order)
    with pytest.raises(Exception, match="is issued, not awaiting payment") as error:
        extract_order_issue_paid(order=order)
    assert error.value.status_code == 409
    assert Extract.objects.count() == 1


def test_order_extract_without_a_fee_returns_the_extract_and_with_one_says_402(
    register, citizen, settings
):
    extract = order_extract(citizen, register.house.cadastral_number, "en", base_url="https://m.uz")
    assert extract.pdf_sha256
    settings.MAKON_EXTRACT_FEE = 500
    with pytest.raises(Exception, match="waits for its fee of 500 soum") as error:
        order_extract(citizen, register.house.cadastral_number, "en", base_url="https://m.uz")
    assert error.value.status_code == 402


def test_the_qr_link_uses_the_public_base_url_setting_or_the_request(register, citizen, settings):
    client_for(citizen).post(
        LIST_URL, {"cadastral_number": register.house.cadastral_number, "language": "en"}
    )
    assert ExtractOrder.objects.get().base_url == "http://testserver"
    settings.MAKON_PUBLIC_BASE_URL = "https://makon.example.uz/"
    client_for(citizen).post(
        LIST_URL, {"cadastral_number": register.house.cadastral_number, "language": "en"}
    )
    assert ExtractOrder.objects.first().base_url == "https://makon.example.uz"


def test_numbers_and_codes_are_unique(register, citizen):
    extracts = [
        order_extract(citizen, register.house.cadastral_number, "en", base_url="https://m.uz")
        for _ in range(3)
    ]
    assert len({e.number for e in extracts}) == len({e.code for e in extracts}) == 3


def test_outside_a_request_the_link_goes_to_the_first_allowed_host(register, citizen, settings):
    settings.ALLOWED_HOSTS = ["makon.example.uz", "localhost"]
    settings.SESSION_COOKIE_SECURE = True
    extract = order_extract(citizen, register.house.cadastral_number, "en")
    assert extract.order.base_url == "https://makon.example.uz"
    settings.ALLOWED_HOSTS = ["*"]
    with pytest.raises(ImproperlyConfigured, match="MAKON_PUBLIC_BASE_URL"):
        order_extract(citizen, register.house.cadastral_number, "en")
