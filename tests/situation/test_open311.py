"""Open311 GeoReport v2 conformance: every endpoint, in JSON and XML, and its errors."""

import hashlib
from io import StringIO
from xml.etree import ElementTree

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from situation.models import Appeal, IncidentType, Open311Client
from situation.services import appeal_triage, transition
from tests.situation.helpers import lonlat, make_city, png_bytes

pytestmark = pytest.mark.django_db

BASE = "/open311/v2"
SERVICE_FIELDS = {
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
}
REQUEST_FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}


@pytest.fixture
def city():
    return make_city()


@pytest.fixture
def client(city):
    return Client(REMOTE_ADDR="198.51.100.20")


def filing(x: float = 100, y: float = 0, **extra) -> dict:
    where = lonlat(x, y)
    return {
        "service_code": "water_leak",
        "lat": f"{where.y:.7f}",
        "long": f"{where.x:.7f}",
        "description": "Leaking hydrant",
        "address_string": "Navoi 12",
        "email": "resident@example.org",
        "first_name": "Aziza",
        "last_name": "Karimova",
        **extra,
    }


def parse_xml(content: bytes) -> ElementTree.Element:
    """Parse this server's own XML answer (nothing untrusted reaches the parser)."""
    return ElementTree.fromstring(content)  # noqa: S314


def assert_error(response, status: int, words: str) -> None:
    assert response.status_code == status, response.content
    (error,) = response.json()
    assert set(error) == {"code", "description"}
    assert error["code"] == status
    assert words in error["description"]


def test_services_json_lists_the_citizen_categories(client):
    response = client.get(f"{BASE}/services.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    services = response.json()
    codes = {service["service_code"] for service in services}
    assert codes == set(IncidentType.objects.filter(is_open311=True).values_list("code", flat=True))
    assert "emergency" not in codes
    for service in services:
        assert set(service) == SERVICE_FIELDS
        assert service["type"] in {"realtime", "batch", "blackbox"}
        assert service["metadata"] is False


def test_services_xml(client):
    response = client.get(f"{BASE}/services.xml")
    assert response["Content-Type"].startswith("text/xml")
    root = parse_xml(response.content)
    assert root.tag == "services"
    first = root.find("service")
    assert {child.tag for child in first} == SERVICE_FIELDS
    assert first.findtext("metadata") == "false"


def test_service_names_follow_the_locale(client):
    names = {
        s["service_code"]: s["service_name"]
        for s in client.get(f"{BASE}/services.json", {"locale": "ru"}).json()
    }
    assert names["water_leak"] == "Утечка водопровода"


def test_service_definition(client):
    response = client.get(f"{BASE}/services/water_leak.json")
    assert response.json() == {"service_code": "water_leak", "attributes": []}
    root = parse_xml(client.get(f"{BASE}/services/water_leak.xml").content)
    assert (root.tag, root.findtext("service_code")) == ("service_definition", "water_leak")


def test_unknown_service_definition_is_404(client):
    assert_error(client.get(f"{BASE}/services/volcano.json"), 404, "volcano")
    response = client.get(f"{BASE}/services/volcano.xml")
    root = parse_xml(response.content)
    assert response.status_code == 404
    assert root.tag == "errors"
    assert root.find("error").findtext("code") == "404"


def test_post_request_files_an_appeal_and_answers_its_id(client):
    response = client.post(f"{BASE}/requests.json", filing())
    assert response.status_code == 201, response.content
    (row,) = response.json()
    assert set(row) == {"service_request_id", "service_notice", "account_id"}
    appeal = Appeal.objects.get(pk=int(row["service_request_id"]))
    assert (appeal.channel, appeal.citizen, appeal.contact_name, appeal.address) == (
        "open311",
        None,
        "Aziza Karimova",
        "Navoi 12",
    )


def test_post_request_with_a_photo_and_get_it_back(client):
    data = filing(media=SimpleUploadedFile("a.png", png_bytes(), "image/png"))
    (row,) = client.post(f"{BASE}/requests.json", data).json()
    (request,) = client.get(f"{BASE}/requests/{row['service_request_id']}.json").json()
    assert set(request) == REQUEST_FIELDS
    assert request["media_url"].startswith("http://testserver/situation/photos/")
    assert request["status"] == "open"
    assert request["service_code"] == "water_leak"
    assert request["address"] == "Navoi 12"
    assert request["lat"] == pytest.approx(lonlat(100, 0).y, abs=1e-6)
    assert request["long"] == pytest.approx(lonlat(100, 0).x, abs=1e-6)
    # public, so it carries no contact detail
    assert "resident@example.org" not in str(request)
    assert "Karimova" not in str(request)


def test_request_follows_the_incident_to_closed(client):
    (row,) = client.post(f"{BASE}/requests.json", filing()).json()
    appeal = Appeal.objects.get(pk=int(row["service_request_id"]))
    incident = appeal_triage(user=None, appeal=appeal)
    transition(None, incident, "assigned")
    (request,) = client.get(f"{BASE}/requests/{appeal.pk}.json").json()
    assert (request["status"], request["agency_responsible"]) == (
        "open",
        "Water and sewerage service",
    )
    assert request["expected_datetime"] is not None
    transition(None, incident, "resolved", resolution_code="fixed")
    (request,) = client.get(f"{BASE}/requests/{appeal.pk}.json").json()
    assert request["status"] == "closed"
    assert "Fixed" in request["status_notes"]


def test_get_requests_filters(client):
    ids = [
        client.post(f"{BASE}/requests.json", filing(x)).json()[0]["service_request_id"]
        for x in (100, 200)
    ]
    road = client.post(f"{BASE}/requests.json", filing(300, service_code="road_damage")).json()[0]
    appeal = Appeal.objects.get(pk=int(ids[0]))
    incident = appeal_triage(user=None, appeal=appeal)
    transition(None, incident, "cancelled")

    def listed(**params) -> set[str]:
        response = client.get(f"{BASE}/requests.json", params)
        assert response.status_code == 200, response.content
        return {row["service_request_id"] for row in response.json()}

    assert listed() == {*ids, road["service_request_id"]}
    assert listed(service_code="road_damage") == {road["service_request_id"]}
    assert listed(status="closed") == {ids[0]}
    assert listed(status="open") == {ids[1], road["service_request_id"]}
    assert listed(service_request_id=f"{ids[0]},{ids[1]}") == set(ids)
    assert listed(start_date="2000-01-01T00:00:00Z", end_date="2000-12-31T00:00:00Z") == set()
    assert listed(start_date="2000-01-01T00:00:00+05:00") == {*ids, road["service_request_id"]}
    for row in client.get(f"{BASE}/requests.json").json():
        assert set(row) == REQUEST_FIELDS


def test_get_requests_xml(client):
    client.post(f"{BASE}/requests.json", filing())
    root = parse_xml(client.get(f"{BASE}/requests.xml").content)
    assert root.tag == "service_requests"
    assert {child.tag for child in root.find("request")} == REQUEST_FIELDS


def test_post_xml_answers_xml(client):
    response = client.post(f"{BASE}/requests.xml", filing())
    assert response.status_code == 201
    root = parse_xml(response.content)
    assert root.find("request").findtext("service_request_id").isdigit()


@pytest.mark.parametrize(
    ("_case", "changes", "status", "words"),
    [
        ("unknown_service", {"service_code": "volcano"}, 400, "service_code"),
        ("no_service", {"service_code": ""}, 400, "service_code"),
        ("no_location", {"lat": "", "long": ""}, 400, "lat and long"),
        ("lat_word", {"lat": "north"}, 400, "latitude"),
        ("long_out_of_range", {"long": "190"}, 400, "longitude"),
        ("swapped_axes", {"lat": "69.28", "long": "41.31"}, 400, "outside"),
        ("outside_city", {"lat": "41.5", "long": "69.6"}, 400, "outside"),
        ("no_description", {"description": ""}, 400, "Describe"),
        (
            "bad_photo",
            {"media": SimpleUploadedFile("a.jpg", b"GIF89a....", "image/jpeg")},
            400,
            "JPEG",
        ),
    ],
)
def test_bad_posts_get_the_standards_errors_and_write_nothing(
    client, _case, changes, status, words
):
    assert_error(client.post(f"{BASE}/requests.json", filing(**changes)), status, words)
    assert not Appeal.objects.exists()


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/requests/abc.json", 404, "abc"),
        ("/requests/999999.json", 404, "999999"),
        ("/requests/99999999999999999999999.json", 404, "No service request"),
        ("/requests.json?service_request_id=1,x", 400, "whole numbers"),
        ("/requests.json?start_date=yesterday", 400, "start_date"),
        ("/requests.json?start_date=2026-02-30T00:00:00Z", 400, "start_date"),
        ("/requests.json?status=lost", 400, "status"),
        ("/requests.json?service_code=volcano", 400, "volcano"),
        ("/services.yaml", 404, ".json or .xml"),
    ],
)
def test_bad_gets_get_the_standards_errors(client, url, status, words):
    assert_error(client.get(f"{BASE}{url}"), status, words)


def test_anonymous_filing_is_rate_limited_with_retry_after(client, settings):
    settings.MAKON_SITUATION_ANONYMOUS_APPEAL_LIMIT = 1
    assert client.post(f"{BASE}/requests.json", filing()).status_code == 201
    response = client.post(f"{BASE}/requests.json", filing())
    assert_error(response, 429, "Too many")
    assert int(response["Retry-After"]) > 0


def test_api_key_required_when_the_deployment_says_so(client, settings):
    settings.MAKON_OPEN311_API_KEY_REQUIRED = True
    settings.MAKON_SITUATION_ANONYMOUS_APPEAL_LIMIT = 1
    Open311Client.objects.create(name="City app", key_sha256=hashlib.sha256(b"k-123").hexdigest())
    assert_error(client.post(f"{BASE}/requests.json", filing()), 403, "api_key")
    assert_error(client.post(f"{BASE}/requests.json", filing(api_key="wrong")), 403, "api_key")
    # a registered client files, and is not held to the anonymous limit
    for _ in range(2):
        assert client.post(f"{BASE}/requests.json", filing(api_key="k-123")).status_code == 201
    # reading stays open
    assert client.get(f"{BASE}/requests.json").status_code == 200


def test_discovery(client):
    body = client.get(f"{BASE}/discovery.json").json()
    (endpoint,) = body["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://testserver/open311/v2"
    root = parse_xml(client.get(f"{BASE}/discovery.xml").content)
    assert root.find("endpoints/endpoint/url").text == "http://testserver/open311/v2"


def test_only_get_and_post_are_allowed(client):
    assert client.delete(f"{BASE}/requests.json").status_code == 405
    assert client.post(f"{BASE}/services.json").status_code == 405


def test_open311_client_add_prints_a_key_that_files(client, settings):
    settings.MAKON_OPEN311_API_KEY_REQUIRED = True
    output = StringIO()
    call_command("open311_client_add", "Toshkent 311", stdout=output)
    key = output.getvalue().strip().rsplit(" ", 1)[-1]
    assert client.post(f"{BASE}/requests.json", filing(api_key=key)).status_code == 201
    assert key not in str(Open311Client.objects.values_list("key_sha256", flat=True))
