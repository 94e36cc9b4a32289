"""The OpenAPI schema is valid and warning-free; the docs page loads nothing from elsewhere."""

import re
from io import StringIO

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from drf_spectacular.validation import validate_schema

PUBLIC_PATHS = [
    "/api/parcels/",
    "/api/parcels/{cadastral_number}/",
    "/api/buildings/",
    "/api/buildings/{cadastral_number}/",
    "/api/cameras/",
    "/api/cameras/{camera_id}/",
    "/api/infrastructure/",
    "/api/infrastructure/{segment_id}/",
    "/api/admin-areas/",
    "/api/admin-areas/{code}/",
]


def test_schema_endpoint_serves_valid_openapi_3(api_client):
    response = api_client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)  # raises on any violation of the OpenAPI 3 JSON schema
    assert set(PUBLIC_PATHS) <= set(schema["paths"])
    for path in PUBLIC_PATHS:
        operation = schema["paths"][path]["get"]
        assert {"200", "400", "404"} <= set(operation["responses"]), path
    names = {p["name"] for p in schema["paths"]["/api/parcels/"]["get"]["parameters"]}
    assert names == {"bbox", "land_use", "district", "page", "page_size"}
    page = schema["components"]["schemas"]["PaginatedParcelFeatureList"]["properties"]
    assert page["features"] == {
        "type": "array",
        "items": {"$ref": "#/components/schemas/ParcelFeature"},
    }


def test_schema_generates_without_warnings():
    # --fail-on-warn turns any generator warning (unresolvable field, enum clash) into an error
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=StringIO())


def test_schema_never_describes_personal_or_private_fields(api_client):
    text = api_client.get("/api/schema/", {"format": "json"}).content.decode()
    for field in ("stream_ref", "pinfl", "passport", "share_numerator", "source_ref"):
        assert field not in text


@pytest.mark.django_db
def test_docs_page_loads_its_scripts_and_styles_from_makon(api_client):
    response = api_client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", html, flags=re.IGNORECASE), html
    assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    static = [url for url in assets if url.startswith("/static/")]
    assert any(url.endswith(".js") for url in static)
    assert any(url.endswith(".css") for url in static)
    for url in static:
        assert finders.find(url.removeprefix("/static/")), f"{url} is not a Makon static file"
