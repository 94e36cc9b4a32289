# ruff: noqa: RUF001 - the Uzbek and Russian letters in these strings are what is tested.
"""The operator console and the citizen's appeal page, and the messages of the situation APIs,
in Uzbek and Russian (the catalogues themselves are checked in tests/citymap)."""

import pytest
from django.conf import settings
from django.test import Client
from rest_framework.test import APIClient

from accounts.models import Role
from accounts.testing import make_user
from situation.models import IncidentType
from tests.i18n import config_of
from tests.situation.helpers import lonlat, make_city

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def operator():
    return make_user("console-operator", roles=[Role.OPERATOR])


def _console(operator, language: str, *, cookie: bool = False):
    client = Client() if cookie else Client(HTTP_ACCEPT_LANGUAGE=language)
    if cookie:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(operator)
    return client.get("/situation/")


@pytest.mark.parametrize(
    ("language", "cookie", "words", "states", "network", "node", "text"),
    [
        (
            "uz",
            True,
            ("Vaziyat markazi", "Issiqlik xaritasi", "Uni koʻradigan kameralar"),
            {"new": "Yangi", "in_progress": "Bajarilmoqda"},
            "Kanalizatsiya",
            "Yongʻin gidranti",
            {"live": "Onlayn", "noCameras": "Bu joyni hech bir kamera koʻrmaydi."},
        ),
        (
            "ru",
            False,
            ("Ситуационный центр", "Тепловая карта", "Камеры, которые его видят"),
            {"new": "Новое", "in_progress": "В работе"},
            "Канализация",
            "Пожарный гидрант",
            {"live": "Онлайн", "noCameras": "Это место не видит ни одна камера."},
        ),
    ],
)
def test_the_console_speaks_the_operators_language(
    operator, language, cookie, words, states, network, node, text
):
    response = _console(operator, language, cookie=cookie)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    for word in words:
        assert word in html
    config = config_of(response, "console-config")
    assert config["language"] == language
    assert {key: config["states"][key] for key in states} == states
    assert config["network"]["sewer"] == network
    assert config["networkNodeKinds"]["hydrant"] == node
    assert config["assetStatuses"]["under_repair"] != "Under repair"
    assert {key: config["text"][key] for key in text} == text


def test_every_message_the_consoles_scripts_show_is_translated(operator):
    english = config_of(_console(operator, "en"), "console-config")
    # Metres are written "m" in Uzbek as in English.
    same_in = {"uz": {"metres"}, "ru": set()}
    for language in ("uz", "ru"):
        config = config_of(_console(operator, language), "console-config")
        unchanged = {key for key in english["text"] if config["text"][key] == english["text"][key]}
        assert unchanged == same_in[language], language
        for table in ("states", "severities", "resolutionCodes", "network", "assetStatuses"):
            assert [k for k, v in config[table].items() if v == english[table][k]] == [], table


@pytest.mark.parametrize(
    ("language", "words", "sending"),
    [
        (
            "uz",
            ("Muammo haqida xabar berish", "Mening murojaatlarim", "Toifani tanlang"),
            "Yuborilmoqda…",
        ),
        ("ru", ("Сообщить о проблеме", "Мои обращения", "Выберите категорию"), "Отправка…"),
    ],
)
def test_the_appeal_page_speaks_the_citizens_language(language, words, sending):
    make_city()
    response = Client(HTTP_ACCEPT_LANGUAGE=language).get("/appeal/")
    assert response.status_code == 200
    html = response.content.decode()
    for word in words:
        assert word in html
    config = config_of(response, "appeal-config")
    assert config["text"]["sending"] == sending
    assert config["appealStates"]["rejected"] in ("Rad etildi", "Отклонено")
    leak = IncidentType.objects.get(code="water_leak")
    assert config["categories"]["water_leak"] == getattr(leak, f"name_{language}")


@pytest.mark.parametrize(
    ("language", "says"),
    [("uz", "Joylashuv shahardan tashqarida."), ("ru", "Место находится за пределами города.")],
)
def test_an_appeal_refused_by_the_service_is_explained_in_the_citizens_language(language, says):
    make_city()
    outside = lonlat(50_000, 0)
    response = APIClient(HTTP_ACCEPT_LANGUAGE=language).post(
        "/api/appeals/",
        {
            "category": "water_leak",
            "longitude": str(outside.x),
            "latitude": str(outside.y),
            "text": "Suv oqyapti",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["detail"] == says


def test_an_operators_refused_request_is_explained_in_their_language(operator):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="ru")
    client.force_authenticate(operator)
    response = client.get("/api/situation/incidents/999999/")
    assert response.status_code == 404
    assert response.json()["detail"] == "Такого происшествия нет."
