"""TileJSON per layer and the MapLibre style."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.tiles.helpers import LAYER_NAMES, make_areas
from tiles.layers import LAYERS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _public_host(settings):
    settings.ALLOWED_HOSTS = ["maps.makon.uz", "testserver"]


ROOT = Path(__file__).resolve().parents[2]
STYLE_SPEC = ROOT / "node_modules" / "@maplibre" / "maplibre-gl-style-spec" / "dist" / "index.cjs"


@pytest.mark.parametrize("name", LAYER_NAMES)
def test_tilejson_describes_the_layer(client, name):
    city = make_areas()["city"].geom.transform(4326, clone=True)
    layer = LAYERS[name]

    response = client.get(f"/tiles/{name}.json", HTTP_HOST="maps.makon.uz")
    document = response.json()

    assert response.status_code == 200
    assert document["tilejson"] == "3.0.0"
    assert document["tiles"] == [f"http://maps.makon.uz/tiles/{name}/{{z}}/{{x}}/{{y}}.pbf"]
    assert (document["minzoom"], document["maxzoom"]) == (layer.min_zoom, layer.max_zoom)
    assert document["scheme"] == "xyz"
    assert document["bounds"] == pytest.approx(city.extent, abs=1e-6)
    lon, lat, zoom = document["center"]
    assert (lon, lat) == (69.2797, 41.3111)
    assert layer.min_zoom <= zoom <= layer.max_zoom
    assert document["vector_layers"]
    for vector_layer in document["vector_layers"]:
        assert set(vector_layer) == {"id", "description", "minzoom", "maxzoom", "fields"}
        assert layer.min_zoom <= vector_layer["minzoom"] <= vector_layer["maxzoom"] <= 22
        assert all(isinstance(text, str) and text for text in vector_layer["fields"].values())


def test_tilejson_of_parcels_names_both_source_layers_and_their_zooms(client):
    document = client.get("/tiles/parcels.json").json()

    by_id = {layer["id"]: layer for layer in document["vector_layers"]}
    assert (by_id["parcel_blocks"]["minzoom"], by_id["parcel_blocks"]["maxzoom"]) == (12, 13)
    assert (by_id["parcels"]["minzoom"], by_id["parcels"]["maxzoom"]) == (14, 22)
    assert set(by_id["parcels"]["fields"]) == {
        "id",
        "cadastral_number",
        "land_use",
        "area_m2",
        "district",
        "owner_type",
        "registered_on",
    }
    assert "Below zoom 12" in document["description"]


def test_tilejson_falls_back_to_the_deployment_area_without_districts(client, settings):
    document = client.get("/tiles/admin_areas.json").json()

    assert document["bounds"] == list(settings.MAKON_AREA_BBOX)


def test_style_uses_only_makon_sources_and_every_layer_has_one(client):
    response = client.get("/tiles/style.json", HTTP_HOST="maps.makon.uz")
    style = response.json()

    assert response.status_code == 200
    assert style["version"] == 8
    assert "glyphs" not in style
    assert "sprite" not in style
    for source in style["sources"].values():
        assert source["url"].startswith("http://maps.makon.uz/tiles/")
        assert client.get(source["url"].removeprefix("http://maps.makon.uz")).status_code == 200
    drawn = {layer["source"] for layer in style["layers"] if "source" in layer}
    assert drawn == set(style["sources"])
    source_layers = {
        (layer["source"], layer["source-layer"]) for layer in style["layers"] if "source" in layer
    }
    for source, source_layer in source_layers:
        ids = {vector.name for vector in LAYERS[source].source_layers}
        assert source_layer in ids
    assert ("infrastructure", "infrastructure") in source_layers
    assert {"district-fill", "block-summary", "block-line", "road", "building", "parcel-fill"} <= {
        layer["id"] for layer in style["layers"]
    }


def test_style_passes_the_maplibre_style_validator(client):
    # bin/makon installs both (nodejs, then npm ci): a missing one is a broken setup.
    assert shutil.which("node"), "node is missing: run bin/makon setup"
    assert STYLE_SPEC.exists(), f"{STYLE_SPEC} is missing: run bin/makon setup (npm ci)"
    style = client.get("/tiles/style.json").content
    script = (
        f"const spec = require({json.dumps(str(STYLE_SPEC))});"
        "let text = ''; process.stdin.on('data', d => text += d);"
        "process.stdin.on('end', () => {"
        " const errors = spec.validateStyleMin(JSON.parse(text));"
        " console.log(JSON.stringify(errors.map(e => e.message))); });"
    )

    result = subprocess.run(  # noqa: S603 - fixed program and script
        ["node", "-e", script],  # noqa: S607
        input=style,
        capture_output=True,
        check=True,
        timeout=60,
    )

    assert json.loads(result.stdout) == []
