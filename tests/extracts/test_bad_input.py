"""Every endpoint of extracts and documents: garbage gets a clear 4xx, never a 500, no writes."""

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import Action, AuditEntry
from extracts.models import Extract, ExtractOrder
from extracts.services import order_extract
from tests.extracts.conftest import client_for

pytestmark = pytest.mark.django_db

GARBAGE_NUMBERS = [
    "",
    "x",
    "10:01:01:01:01",
    "10:01:01:01:01:ABCD",
    "10:01:01:01:01:0001:0001:0001:001",
    "10-01-01-01-01-0001",
    "\x00",
    ":".join("\u0661\u0660" for _ in range(5)) + ":\u0660\u0660\u0660\u0661",  # Arabic-Indic
    "9" * 5000,
    "'; DROP TABLE cadastre_parcel; --",
]
GARBAGE_CODES = ["x", "0" * 19, "7K3M-Q9XD-2HFA-PB4T-W8CU", "%20", "A" * 1000, "null"]


@pytest.mark.parametrize("number", GARBAGE_NUMBERS)
def test_ordering_with_a_garbage_number_is_400_or_404(register, citizen, number):
    response = client_for(citizen).post(
        reverse("extracts:api-list"), {"cadastral_number": number, "language": "en"}, format="json"
    )
    assert response.status_code in (400, 404), response.content
    assert response.json()
    assert not ExtractOrder.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"cadastral_number": "10:01:01:01:01:0001"},
        {"language": "en"},
        {"cadastral_number": ["10:01:01:01:01:0001"], "language": "en"},
        {"cadastral_number": {"a": 1}, "language": "en"},
        {"cadastral_number": 1001, "language": "en"},
        {"cadastral_number": None, "language": "en"},
        {"cadastral_number": "10:01:01:01:01:0001", "language": "de"},
        {"cadastral_number": "10:01:01:01:01:0001", "language": ["en"]},
        {"cadastral_number": "10:01:01:01:01:0001", "language": None},
    ],
)
def test_ordering_with_a_garbage_body_is_400_naming_the_field(register, citizen, body):
    response = client_for(citizen).post(reverse("extracts:api-list"), body, format="json")
    assert response.status_code == 400, response.content
    assert not ExtractOrder.objects.exists()


def test_ordering_with_a_body_that_is_not_json_is_400(register, citizen):
    response = client_for(citizen).post(
        reverse("extracts:api-list"), "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


def test_the_fields_the_orderer_may_not_set_are_ignored(register, citizen, neighbour):
    response = client_for(citizen).post(
        reverse("extracts:api-list"),
        {
            "cadastral_number": register.house.cadastral_number,
            "language": "en",
            "state": "issued",
            "fee_soum": -5,
            "orderer": neighbour.pk,
            "code": "0000-0000-0000-0000-0000",
            "number": "1999-0000001",
            "valid_until": "2099-01-01T00:00:00Z",
        },
        format="json",
    )
    assert response.status_code == 201
    extract = Extract.objects.get()
    assert extract.order.orderer == citizen
    assert extract.code != "0000-0000-0000-0000-0000"
    assert not extract.number.startswith("1999")
    assert extract.order.fee_soum == 0
    assert extract.valid_until.year < 2099


@pytest.mark.parametrize("code", GARBAGE_CODES)
@pytest.mark.parametrize("name", ["extracts:api-detail", "extracts:api-pdf"])
def test_reading_a_garbage_code_is_404(citizen, name, code):
    assert client_for(citizen).get(reverse(name, args=[code])).status_code == 404


@pytest.mark.parametrize("code", GARBAGE_CODES)
def test_revoking_a_garbage_code_is_404_and_audits_nothing(registrar, code):
    response = client_for(registrar).post(
        reverse("extracts:api-revoke", args=[code]), {"reason": "x"}
    )
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action=Action.EXTRACT_REVOKE).exists()


@pytest.mark.parametrize("reason", [["a"], {"a": 1}, None, 17])
def test_revoking_with_a_reason_that_is_not_text_is_400(register, citizen, registrar, reason):
    extract = order_extract(citizen, register.house.cadastral_number, "en", base_url="https://m.uz")
    response = client_for(registrar).post(
        reverse("extracts:api-revoke", args=[extract.code]), {"reason": reason}, format="json"
    )
    # a number is taken as its text, as JSON clients send it
    expected = 200 if reason == 17 else 400
    assert response.status_code == expected
    extract.refresh_from_db()
    assert (extract.revoked_at is None) == (reason != 17)


@pytest.mark.parametrize("code", GARBAGE_CODES)
def test_the_pages_answer_garbage_codes_without_500(citizen, code):
    client = Client(REMOTE_ADDR="192.0.2.77")
    client.force_login(citizen)
    assert client.get(reverse("extracts:pdf", args=[code])).status_code == 404
    assert client.get(reverse("extracts:verify", args=[code])).status_code == 200
    assert client.get(reverse("extracts:verify-form"), {"code": code}).status_code == 400


@pytest.mark.parametrize(
    ("method", "name", "args"),
    [
        ("put", "extracts:api-list", []),
        ("delete", "extracts:api-list", []),
        ("put", "extracts:api-verify", ["X"]),
        ("delete", "extracts:api-detail", ["X"]),
        ("post", "extracts:api-pdf", ["X"]),
        ("get", "extracts:api-revoke", ["X"]),
        ("get", "documents:api-upload", []),
        ("delete", "documents:api-detail", [1]),
    ],
)
def test_methods_an_api_does_not_have_are_405(registrar, method, name, args):
    response = getattr(client_for(registrar), method)(reverse(name, args=args))
    assert response.status_code == 405


@pytest.mark.parametrize(
    ("method", "name", "args"),
    [
        ("put", "extracts:verify", ["X"]),
        ("post", "extracts:mine", []),
        ("post", "extracts:pdf", ["X"]),
        ("get", "extracts:revoke", ["X"]),
        ("post", "extracts:verify-form", []),
        ("post", "documents:view", [1]),
    ],
)
def test_methods_a_page_does_not_have_are_405(registrar, method, name, args):
    client = Client()
    client.force_login(registrar)
    assert getattr(client, method)(reverse(name, args=args)).status_code == 405
