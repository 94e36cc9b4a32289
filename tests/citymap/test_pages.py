"""The public map page: what the server puts in it, and links to parcels and buildings."""

import json
import re

import pytest
from django.contrib.staticfiles import finders

from core.versioning import version_end
from tests.api.factories import make_area_chain, make_building, make_parcel

pytestmark = pytest.mark.django_db


def page_config(response) -> dict:
    match = re.search(
        r'<script id="citymap-config" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.DOTALL,
    )
    assert match, "the page carries its configuration"
    return json.loads(match.group(1))


def test_home_page_is_the_map_with_api_addresses(client):
    response = client.get("/")
    assert response.status_code == 200
    config = page_config(response)
    assert config["selected"] is None
    assert config["urls"]["search"] == "/api/search/"
    assert config["urls"]["parcelPage"] == "/parcel/NUMBER/"
    assert config["urls"]["style"] == "/tiles/style.json"
    assert config["urls"]["tilejson"] == {
        "infrastructure": "/tiles/infrastructure.json",
        "cameras": "/tiles/cameras.json",
    }
    assert config["landUse"]["residential"].startswith("Residential")
    assert '<div id="map"' in response.content.decode()


def test_page_loads_scripts_and_styles_only_from_this_server(client):
    html = client.get("/").content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]+)"', html)
    addresses += re.findall(r'"maplibre-gl": "([^"]+)"', html)
    assert addresses
    for address in addresses:
        assert address.startswith("/"), f"{address} is not served by Makon"
    for static in (a for a in addresses if a.startswith("/static/")):
        assert finders.find(static.removeprefix("/static/")), f"{static} is missing"


def test_parcel_link_opens_the_map_on_that_parcel(client):
    block = make_area_chain()["block"]
    parcel = make_parcel(block=block, address="Navoiy ko'chasi, 5-uy")
    response = client.get(f"/parcel/{parcel.cadastral_number}/")
    assert response.status_code == 200
    config = page_config(response)
    assert config["selected"] == {"kind": "parcel", "number": parcel.cadastral_number}
    html = response.content.decode()
    assert f"<title>Land parcel {parcel.cadastral_number}" in html
    assert 'content="Navoiy ko&#x27;chasi, 5-uy"' in html


def test_building_link_opens_the_map_on_that_building(client):
    building = make_building(parcel=make_parcel())
    response = client.get(f"/building/{building.cadastral_number}/")
    assert response.status_code == 200
    assert page_config(response)["selected"] == {
        "kind": "building",
        "number": building.cadastral_number,
    }


@pytest.mark.parametrize(
    ("_case", "path", "notice"),
    [
        ("unknown_parcel", "/parcel/10:01:01:01:01:9999/", "No parcel in force"),
        ("malformed_parcel", "/parcel/10-01-01/", "is not a cadastral number"),
        ("building_number_as_parcel", "/parcel/10:01:01:01:01:0001:0001/", "a parcel number"),
        ("unknown_building", "/building/10:01:01:01:01:0001:0009/", "No building in force"),
        ("parcel_number_as_building", "/building/10:01:01:01:01:0001/", "a building number"),
    ],
)
def test_link_to_nothing_in_force_is_404_but_still_the_map(client, _case, path, notice):
    make_parcel(number="10:01:01:01:01:0001")
    response = client.get(path)
    assert response.status_code == 404
    config = page_config(response)
    assert config["selected"] is None
    assert notice in config["notice"]
    assert '<div id="map"' in response.content.decode()


def test_retired_parcel_link_is_404(client):
    parcel = make_parcel()
    version_end(instance=parcel)
    response = client.get(f"/parcel/{parcel.cadastral_number}/")
    assert response.status_code == 404
    assert "No parcel in force" in page_config(response)["notice"]


def test_the_map_links_the_citizens_services_and_sign_in_only_for_the_anonymous(
    client, django_user_model
):
    anonymous = client.get("/").content.decode()
    for address in ("/appeal/", "/me/", "/verify/", "/accounts/login/"):
        assert f'href="{address}"' in anonymous
        assert client.get(address).status_code in (200, 302)

    client.force_login(django_user_model.objects.create_user("resident"))
    signed_in = client.get("/").content.decode()
    assert 'href="/accounts/login/"' not in signed_in
    assert 'href="/appeal/"' in signed_in
