"""The citizen's pages: order an extract of my property, my extracts, the PDF."""

import hashlib

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from extracts.models import Extract, ExtractOrder
from extracts.services import order_extract
from tests.extracts.conftest import client_for

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_order_page_offers_the_languages_and_says_there_is_no_fee(register, citizen):
    response = signed_in(citizen).get(
        reverse("extracts:order", args=[register.house.cadastral_number])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="uz"' in html
    assert 'value="ru"' in html
    assert "No fee" in html


def test_ordering_from_the_page_issues_the_extract_and_lists_it(register, citizen):
    client = signed_in(citizen)
    response = client.post(
        reverse("extracts:order", args=[register.house.cadastral_number]), {"language": "ru"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("extracts:mine")
    extract = Extract.objects.get()
    listing = client.get(reverse("extracts:mine")).content.decode()
    assert extract.number in listing
    assert reverse("extracts:pdf", args=[extract.code]) in listing
    download = client.get(reverse("extracts:pdf", args=[extract.code]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert f'filename="extract-{extract.number}.pdf"' in download["Content-Disposition"]
    assert hashlib.sha256(download.content).hexdigest() == extract.pdf_sha256


def test_the_page_shows_a_bad_language_with_400(register, citizen):
    response = signed_in(citizen).post(
        reverse("extracts:order", args=[register.house.cadastral_number]), {"language": "de"}
    )
    assert response.status_code == 400
    assert "language must be one of" in response.content.decode()
    assert not ExtractOrder.objects.exists()


def test_another_citizens_property_has_no_order_page(register, neighbour):
    target = reverse("extracts:order", args=[register.house.cadastral_number])
    assert signed_in(neighbour).get(target).status_code == 404
    assert signed_in(neighbour).post(target, {"language": "en"}).status_code == 404
    assert not ExtractOrder.objects.exists()


def test_a_malformed_number_is_400(citizen):
    response = signed_in(citizen).get(reverse("extracts:order", args=["10:01"]))
    assert response.status_code == 400
    assert "is not a cadastral number" in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(register):
    target = reverse("extracts:order", args=[register.house.cadastral_number])
    response = Client().get(target)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_with_a_fee_the_list_shows_the_order_waiting(register, citizen, settings):
    settings.MAKON_EXTRACT_FEE = 30_000
    client = signed_in(citizen)
    client.post(
        reverse("extracts:order", args=[register.house.cadastral_number]), {"language": "uz"}
    )
    listing = client.get(reverse("extracts:mine")).content.decode()
    assert "Awaiting payment of 30000 soum" in listing


def test_someone_elses_extract_is_404_as_if_it_did_not_exist(register, citizen, neighbour):
    extract = order_extract(citizen, register.house.cadastral_number, "en", base_url="https://m.uz")
    for name in ("extracts:pdf",):
        foreign = signed_in(neighbour).get(reverse(name, args=[extract.code]))
        missing = signed_in(neighbour).get(reverse(name, args=["7K3M-Q9XD-2HFA-PB4T-W8CZ"]))
        assert foreign.status_code == missing.status_code == 404
    for name in ("extracts:api-detail", "extracts:api-pdf"):
        foreign = client_for(neighbour).get(reverse(name, args=[extract.code]))
        missing = client_for(neighbour).get(reverse(name, args=["7K3M-Q9XD-2HFA-PB4T-W8CZ"]))
        assert foreign.status_code == missing.status_code == 404
        assert foreign.json()["detail"].replace(extract.code, "X") == missing.json()[
            "detail"
        ].replace("7K3M-Q9XD-2HFA-PB4T-W8CZ", "X")
        assert APIClient().get(reverse(name, args=[extract.code])).status_code == 401


def test_the_orderer_and_registrars_read_an_extract(register, citizen, registrar):
    extract = order_extract(citizen, register.house.cadastral_number, "en", base_url="https://m.uz")
    mine = client_for(citizen).get(reverse("extracts:api-detail", args=[extract.code]))
    assert mine.status_code == 200
    assert mine.json()["snapshot"] == extract.snapshot
    by_registrar = client_for(registrar).get(reverse("extracts:api-pdf", args=[extract.code]))
    assert by_registrar.status_code == 200
    assert hashlib.sha256(by_registrar.content).hexdigest() == extract.pdf_sha256


def test_pages_keep_the_sites_referrer_policy_so_browsers_send_their_origin(register, citizen):
    # A "no-referrer" policy makes browsers send `Origin: null` with form posts, which the
    # CSRF check refuses: the pages rely on the site-wide same-origin policy instead.
    response = signed_in(citizen).get(
        reverse("extracts:order", args=[register.house.cadastral_number])
    )
    assert 'name="referrer"' not in response.content.decode()
    assert response["Referrer-Policy"] == "same-origin"
