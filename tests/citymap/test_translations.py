# ruff: noqa: RUF001 - the Uzbek and Russian letters in these strings are what is tested.
"""The public map, the situation centre's pages and the tile errors speak Uzbek and Russian.

The catalogues of citymap, situation and tiles are committed compiled, so a fresh clone shows
them without gettext installed; these tests fail when a .mo falls behind its .po or a message
is left untranslated.
"""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from cadastre.models import Building, LandUse
from citymap import labels
from gis.models import AssetStatus, InfrastructureNode, Network
from tests.api.factories import make_parcel
from tests.i18n import config_of

LANGUAGES = ("uz", "ru")


pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(
    ("table", "choices"),
    [
        (labels.LAND_USES, LandUse),
        (labels.BUILDING_USES, Building.Use),
        (labels.NETWORKS, Network),
        (labels.NETWORK_NODE_KINDS, InfrastructureNode.Kind),
        (labels.ASSET_STATUSES, AssetStatus),
    ],
)
def test_every_code_the_maps_show_has_a_translated_name(table, choices):
    assert set(table) == set(choices.values)
    with translation.override("ru"):
        untranslated = [code for code, name in table.items() if re.search("[A-Za-z]", str(name))]
    assert untranslated == []


def _in(language: str, how: str) -> Client:
    """A client asking for `language` by the Accept-Language header or the language cookie
    that the language switch (/i18n/setlang/) sets."""
    if how == "header":
        return Client(HTTP_ACCEPT_LANGUAGE=language)
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "how", "title", "layer", "parcel", "residential", "water"),
    [
        (
            "uz",
            "cookie",
            "Toshkentning ochiq kadastr xaritasi",
            "Xarita qatlamlari",
            "Yer uchastkasi",
            "Turar joy (yakka tartibdagi uy-joy)",
            "Suv taʼminoti",
        ),
        (
            "ru",
            "header",
            "Публичная кадастровая карта Ташкента",
            "Слои карты",
            "Земельный участок",
            "Жилая (индивидуальная застройка)",
            "Водоснабжение",
        ),
    ],
)
def test_the_map_page_speaks_the_visitors_language(
    language, how, title, layer, parcel, residential, water
):
    response = _in(language, how).get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<title>{title} · Makon</title>" in html
    assert layer in html
    config = config_of(response, "citymap-config")
    assert config["language"] == language
    assert config["text"]["parcel"] == parcel
    assert config["landUse"]["residential"] == residential
    assert config["network"]["water"] == water


@pytest.mark.django_db
def test_every_message_the_maps_scripts_show_is_translated():
    english = config_of(Client().get("/"), "citymap-config")["text"]
    # The unit is written the same way in Uzbek.
    same_in = {"uz": {"squareMetres"}, "ru": set()}
    for language in LANGUAGES:
        text = config_of(Client(HTTP_ACCEPT_LANGUAGE=language).get("/"), "citymap-config")["text"]
        assert text.keys() == english.keys()
        unchanged = {key for key in text if text[key] == english[key]}
        assert unchanged == same_in[language], language


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "path", "says"),
    [
        ("uz", "/parcel/10-01-01/", "“10-01-01” kadastr raqami emas"),
        ("ru", "/parcel/10-01-01/", "«10-01-01» — не кадастровый номер"),
        ("ru", "/building/10:01:01:01:01:0001/", "не номер здания"),
        ("ru", "/parcel/10:01:01:01:01:9999/", "Действующего участка с кадастровым номером"),
        ("uz", "/building/10:01:01:01:01:0001:0009/", "amaldagi bino yoʻq"),
    ],
)
def test_a_link_to_no_object_is_explained_in_the_visitors_language(language, path, says):
    make_parcel(number="10:01:01:01:01:0001")
    response = Client(HTTP_ACCEPT_LANGUAGE=language).get(path)
    assert response.status_code == 404
    assert says in config_of(response, "citymap-config")["notice"]


@pytest.mark.django_db
def test_a_parcel_link_titles_the_page_in_the_visitors_language():
    parcel = make_parcel()
    response = Client(HTTP_ACCEPT_LANGUAGE="ru").get(f"/parcel/{parcel.cadastral_number}/")
    assert response.status_code == 200
    assert f"<title>Земельный участок {parcel.cadastral_number} · " in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "path", "status", "says"),
    [
        ("ru", "/tiles/parcels/abc/0/0.pbf", 400, "Масштаб (zoom) тайла должен быть целым числом"),
        ("uz", "/tiles/parcels/14/x/0.pbf", 400, "x koordinatasi butun son boʻlishi kerak"),
        ("ru", "/tiles/nothing/1/0/0.pbf", 404, "Слоя тайлов 'nothing' нет."),
        ("uz", "/tiles/parcels/14/99999/0.pbf", 404, "tayl yoʻq: x 0 dan 16383 gacha"),
        (
            "ru",
            "/tiles/buildings/3/0/0.pbf",
            404,
            "а не на 3. На масштабах меньше 15 тайлов зданий нет",
        ),
    ],
)
def test_a_bad_tile_address_is_refused_in_the_clients_language(language, path, status, says):
    response = Client(HTTP_ACCEPT_LANGUAGE=language).get(path)
    assert response.status_code == status
    assert says in response.json()["detail"]


@pytest.mark.django_db
def test_tilejson_descriptions_stay_english_whatever_the_language():
    english = Client().get("/tiles/buildings.json").json()
    russian = Client(HTTP_ACCEPT_LANGUAGE="ru").get("/tiles/buildings.json").json()
    assert russian["description"] == english["description"]
    assert "Below zoom 15 there are no building tiles" in russian["description"]
