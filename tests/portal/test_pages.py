"""The "my property" and notary pages: who may open them, and what they hold."""

import json

import pytest
from django.test import Client

from accounts.models import Role
from accounts.testing import make_user

pytestmark = pytest.mark.django_db


def config_of(response) -> dict:
    html = response.content.decode()
    start = html.index('<script id="portal-config" type="application/json">') + len(
        '<script id="portal-config" type="application/json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


@pytest.mark.parametrize("path", ["/me/", "/notary/"])
def test_anonymous_is_sent_to_the_login_page(path):
    response = Client().get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize(
    ("path", "role"), [("/me/", Role.NOTARY), ("/me/", Role.OPERATOR), ("/notary/", Role.CITIZEN)]
)
def test_a_wrong_role_gets_403(path, role):
    client = Client()
    client.force_login(make_user(f"u-{role}", roles=[role]))
    assert client.get(path).status_code == 403


def test_my_property_page_reads_everything_from_the_api(register, dilnoza_user):
    client = Client()
    client.force_login(dilnoza_user)
    response = client.get("/me/")
    assert response.status_code == 200
    config = config_of(response)
    assert config["urls"]["properties"] == "/api/me/properties/"
    assert config["urls"]["style"].startswith("/tiles/")
    html = response.content.decode()
    # The page itself carries no register data: the API decides and audits each read.
    assert register.home.cadastral_number not in html
    assert "Rahimov" not in html
    assert config["urls"]["orderExtract"] == "/extracts/order/NUMBER/"
    assert "portal/js/my_property.js" in html
    assert "vendor/maplibre-gl/maplibre-gl.mjs" in html


def test_notary_page_opens_for_a_notary(notary_user):
    client = Client()
    client.force_login(notary_user)
    response = client.get("/notary/")
    assert response.status_code == 200
    config = config_of(response)
    assert config["urls"]["lookup"] == "/api/notary/lookup/"
    assert 'action="/verify/"' in response.content.decode()


def test_the_public_map_still_opens(db):
    assert Client().get("/").status_code == 200


@pytest.mark.parametrize(
    ("language", "title", "share"),
    [("uz", "Mening mulkim", "Mening ulushim"), ("ru", "Моё имущество", "Моя доля")],
)
def test_my_property_page_speaks_uzbek_and_russian(dilnoza_user, language, title, share):
    client = Client()
    client.force_login(dilnoza_user)
    response = client.get("/me/", HTTP_ACCEPT_LANGUAGE=language)
    assert title in response.content.decode()
    assert config_of(response)["text"]["myShare"] == share
    assert config_of(response)["language"] == language
