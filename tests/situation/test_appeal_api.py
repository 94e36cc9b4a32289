"""Citizens' appeal API: filing on the map (signed in or not), photos, my appeals, timeline,
dispute, and the anonymous rate limit."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.testing import make_user
from situation.models import Appeal, Photo
from situation.services import appeal_triage, transition
from tests.situation.helpers import lonlat, make_city, png_bytes

pytestmark = pytest.mark.django_db

URL = "/api/appeals/"


@pytest.fixture
def city():
    return make_city()


@pytest.fixture
def citizen(city):
    return make_user(roles=["citizen"])


@pytest.fixture
def client(citizen):
    client = APIClient()
    client.force_authenticate(citizen)
    return client


def body(x: float = 100, y: float = 0, **extra) -> dict:
    where = lonlat(x, y)
    return {
        "category": "water_leak",
        "longitude": str(where.x),
        "latitude": str(where.y),
        "text": "Water is running down the street",
        **extra,
    }


def png(name: str = "leak.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def test_a_citizen_files_an_appeal_with_photos(client, citizen):
    response = client.post(URL, body(photos=[png(), png("b.png")]), format="multipart")
    assert response.status_code == 201, response.content
    created = response.json()
    appeal = Appeal.objects.get(pk=created["id"])
    assert (appeal.citizen, appeal.state, appeal.channel) == (citizen, "submitted", "map")
    assert created["incident"] is None
    assert created["timeline"] == []
    assert len(created["photos"]) == 2
    photo = APIClient().get(created["photos"][0])
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/png"
    assert photo["X-Content-Type-Options"] == "nosniff"
    assert b"".join(photo.streaming_content) == png_bytes()


def test_json_filing_works_too(client):
    data = body()
    data["longitude"] = float(data["longitude"])
    data["latitude"] = float(data["latitude"])
    assert client.post(URL, data, format="json").status_code == 201


def test_an_anonymous_appeal_is_allowed_and_rate_limited_per_address(city, settings):
    settings.MAKON_SITUATION_ANONYMOUS_APPEAL_LIMIT = 2
    anonymous = APIClient(REMOTE_ADDR="203.0.113.7")
    assert anonymous.post(URL, body(), format="json").status_code == 201
    assert anonymous.post(URL, body(), format="json").status_code == 201
    refused = anonymous.post(URL, body(), format="json")
    assert refused.status_code == 429
    assert refused.json()["code"] == "rate_limited"
    assert Appeal.objects.count() == 2
    # another address is counted on its own
    assert APIClient(REMOTE_ADDR="203.0.113.8").post(URL, body(), format="json").status_code == 201
    # the address itself is not stored
    assert "203.0.113.7" not in set(Appeal.objects.values_list("client_key", flat=True))


def test_signed_in_citizens_are_not_rate_limited(client, settings):
    settings.MAKON_SITUATION_ANONYMOUS_APPEAL_LIMIT = 1
    for _ in range(3):
        assert client.post(URL, body(), format="json").status_code == 201


@pytest.mark.parametrize(
    ("_case", "data", "status", "message"),
    [
        ("unknown_category", {"category": "volcano"}, 400, "category"),
        ("not_for_citizens", {"category": "emergency"}, 400, "category"),
        ("no_text", {"text": ""}, 400, "text"),
        ("longitude_word", {"longitude": "east"}, 400, "longitude"),
        ("longitude_nan", {"longitude": "nan"}, 400, "longitude"),
        ("latitude_out_of_range", {"latitude": "91"}, 400, "latitude"),
        ("outside_city", {"longitude": "69.6", "latitude": "41.5"}, 400, "outside"),
        ("outside_country", {"longitude": "2.35", "latitude": "48.85"}, 400, "outside"),
    ],
)
def test_bad_appeals_are_4xx_and_write_nothing(client, _case, data, status, message):
    response = client.post(URL, {**body(), **data}, format="multipart")
    assert response.status_code == status, response.content
    assert message in str(response.json()).lower()
    assert not Appeal.objects.exists()


@pytest.mark.parametrize(
    ("_case", "upload", "status", "code"),
    [
        (
            "text_named_png",
            SimpleUploadedFile("a.png", b"hello, not an image", "image/png"),
            400,
            "invalid_photo",
        ),
        (
            "svg",
            SimpleUploadedFile(
                "a.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml"
            ),
            400,
            "invalid_photo",
        ),
        ("empty", SimpleUploadedFile("a.jpg", b"", "image/jpeg"), 400, "invalid_photo"),
        (
            "truncated_png",
            SimpleUploadedFile("a.png", png_bytes()[:30], "image/png"),
            400,
            "invalid_photo",
        ),
    ],
)
def test_non_images_are_refused_and_no_file_is_kept(client, settings, _case, upload, status, code):
    response = client.post(URL, body(photos=[png(), upload]), format="multipart")
    assert response.status_code == status, response.content
    assert response.json()["code"] == code
    assert not Appeal.objects.exists()
    assert not Photo.objects.exists()
    stored = settings.MEDIA_ROOT / "situation"
    assert not stored.exists() or not any(path.is_file() for path in stored.rglob("*"))


def test_an_oversized_photo_is_413(client, settings):
    settings.MAKON_SITUATION_PHOTO_MAX_BYTES = len(png_bytes()) - 1
    response = client.post(URL, body(photos=[png()]), format="multipart")
    assert response.status_code == 413
    assert response.json()["code"] == "photo_too_large"
    assert not Appeal.objects.exists()


def test_too_many_photos_is_400(client, settings):
    settings.MAKON_SITUATION_PHOTOS_PER_APPEAL = 1
    response = client.post(URL, body(photos=[png(), png()]), format="multipart")
    assert response.status_code == 400
    assert "at most 1 photos" in response.json()["detail"].lower()


def test_my_appeals_and_the_timeline_follow_the_incident(client, citizen):
    operator = make_user(roles=["operator"])
    created = client.post(URL, body(), format="json").json()
    appeal = Appeal.objects.get(pk=created["id"])
    incident = appeal_triage(user=operator, appeal=appeal)
    transition(operator, incident, "assigned", comment="A crew is on its way")
    mine = client.get(f"{URL}mine/").json()
    assert [(row["id"], row["incident"]["state"]) for row in mine] == [(appeal.pk, "assigned")]
    detail = client.get(f"{URL}{appeal.pk}/").json()
    assert detail["incident"]["number"] == incident.number
    assert [(e["kind"], e["to_state"]) for e in detail["timeline"]] == [
        ("created", "new"),
        ("appeal_linked", "new"),
        ("transition", "triaged"),
        ("transition", "assigned"),
    ]
    assert detail["timeline"][-1]["comment"] == "A crew is on its way"
    assert "actor" not in detail["timeline"][-1]
    assert detail["dispute_until"] is None


def test_another_persons_appeal_is_404_and_mine_needs_a_login(client, city):
    other = APIClient()
    other.force_authenticate(make_user(roles=["citizen"]))
    created = client.post(URL, body(), format="json").json()
    assert other.get(f"{URL}{created['id']}/").status_code == 404
    assert other.get(f"{URL}mine/").json() == []
    assert APIClient().get(f"{URL}mine/").status_code == 401
    assert APIClient().get(f"{URL}{created['id']}/").status_code == 401


def test_the_citizen_disputes_over_http(client):
    created = client.post(URL, body(), format="json").json()
    appeal = Appeal.objects.get(pk=created["id"])
    incident = appeal_triage(user=None, appeal=appeal)
    transition(None, incident, "assigned")
    early = client.post(f"{URL}{appeal.pk}/dispute/", {"comment": "Nothing done"}, format="json")
    assert early.status_code == 409
    transition(None, incident, "resolved", resolution_code="fixed")
    detail = client.get(f"{URL}{appeal.pk}/").json()
    assert detail["dispute_until"] is not None
    assert client.post(f"{URL}{appeal.pk}/dispute/", {}, format="json").status_code == 400
    response = client.post(
        f"{URL}{appeal.pk}/dispute/", {"comment": "Still leaking"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["incident"]["state"] == "assigned"
    assert response.json()["timeline"][-1]["kind"] == "disputed"
