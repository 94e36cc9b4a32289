"""The `incidents` tile layer: open incidents only, styling properties only, never cached,
clusters at low zoom. Tiles are decoded, not byte-compared."""

import gzip
import math

import mapbox_vector_tile
import pytest
from django.contrib.gis.geos import LineString
from django.test import Client
from django.utils import timezone

from accounts.testing import make_user
from situation.models import Incident, State
from situation.services import appeal_file, appeal_triage, incident_create, transition
from tests.geometry import point, rectangle
from tests.situation.helpers import backdate, incident_type, lonlat, make_city, make_incident
from tiles.models import CachedTile

pytestmark = pytest.mark.django_db

OPEN = ("new", "triaged", "assigned", "in_progress", "on_hold")


@pytest.fixture(autouse=True)
def _tile_cache_on(settings):
    settings.MAKON_TILE_CACHE = True


@pytest.fixture
def client():
    return Client()


@pytest.fixture
def city():
    return make_city()


def tile_of(x: float, y: float, z: int) -> tuple[int, int, int]:
    where = lonlat(x, y)
    n = 2**z
    column = int((where.x + 180.0) / 360.0 * n)
    row = int((1.0 - math.asinh(math.tan(math.radians(where.y))) / math.pi) / 2.0 * n)
    return z, column, row


def decoded(client: Client, tile: tuple[int, int, int]) -> dict:
    response = client.get("/tiles/incidents/{}/{}/{}.pbf".format(*tile))
    assert response.status_code == 200, response.content
    data = response.content
    if response.get("Content-Encoding") == "gzip":
        data = gzip.decompress(data)
    return mapbox_vector_tile.decode(data) if data else {}


def incidents_in(client, tile) -> dict[int, dict]:
    layer = decoded(client, tile).get("incidents", {"features": []})
    return {feature["id"]: feature for feature in layer["features"]}


def put_in(incident: Incident, state: str) -> None:
    extra = {"on_hold_since": None, "resolution_code": "", "resolved_at": None}
    if state == "on_hold":
        extra["on_hold_since"] = timezone.now()
    if state in {"resolved", "closed"}:
        extra["resolution_code"] = "fixed"
    Incident.objects.filter(pk=incident.pk).update(state=state, **extra)


def test_only_open_incidents_are_drawn_with_their_styling_properties(client, city):
    by_state = {}
    for offset, state in enumerate(State.values):
        incident = make_incident(100 + offset * 5, 100)
        put_in(incident, state)
        by_state[state] = incident.pk
    found = incidents_in(client, tile_of(110, 100, 16))
    assert set(found) == {by_state[state] for state in OPEN}
    feature = found[by_state["triaged"]]
    assert feature["properties"] == {
        "type": "water_leak",
        "severity": 3,
        "state": "triaged",
        "overdue": False,
    }
    assert feature["geometry"]["type"] == "Point"


def test_overdue_is_computed_now_and_on_hold_is_never_overdue(client, city):
    late = backdate(make_incident(100, 100), hours=30)
    held = backdate(make_incident(110, 100), hours=30)
    put_in(held, "on_hold")
    found = incidents_in(client, tile_of(100, 100, 16))
    assert found[late.pk]["properties"]["overdue"] is True
    assert found[held.pk]["properties"]["overdue"] is False


def test_lines_and_areas_keep_their_shape(client, city):
    srid = point(0, 0).srid
    pipe = incident_create(
        user=None,
        incident_type=incident_type(),
        geom=LineString(point(100, 100), point(160, 100), srid=srid),
    )
    area = incident_create(
        user=None, incident_type=incident_type("flooding"), geom=rectangle(100, 120, 40, 40)[0]
    )
    found = incidents_in(client, tile_of(120, 120, 16))
    assert found[pipe.pk]["geometry"]["type"] == "LineString"
    assert found[area.pk]["geometry"]["type"] == "Polygon"


def test_no_personal_data_reaches_a_tile(client, city):
    citizen = make_user(username="aziza.karimova", roles=["citizen"])
    appeal = appeal_file(
        user=citizen,
        category=incident_type(),
        geom=lonlat(100, 100),
        text="My neighbour Rustam Aliev at flat 12 floods us",
        address="Navoi 12, flat 12",
        contact_phone="+998901234567",
    )
    appeal_triage(user=None, appeal=appeal)
    for z in range(10, 23):
        response = client.get("/tiles/incidents/{}/{}/{}.pbf".format(*tile_of(100, 100, z)))
        data = response.content
        assert data, f"zoom {z} is empty"
        for secret in (b"Rustam", b"aziza", b"Navoi", b"+998", b"flat"):
            assert secret not in data


def test_the_layer_is_never_cached_and_a_change_shows_at_once(client, city):
    incident = make_incident(100, 100)
    tile = tile_of(100, 100, 16)
    first = client.get("/tiles/incidents/{}/{}/{}.pbf".format(*tile))
    assert first["Cache-Control"] == "public, no-cache"
    assert not CachedTile.objects.filter(layer="incidents").exists()
    # an unchanged tile revalidates to 304 by its ETag
    again = client.get(
        "/tiles/incidents/{}/{}/{}.pbf".format(*tile), headers={"If-None-Match": first["ETag"]}
    )
    assert again.status_code == 304
    transition(None, incident, "cancelled")
    assert incidents_in(client, tile) == {}
    changed = client.get(
        "/tiles/incidents/{}/{}/{}.pbf".format(*tile), headers={"If-None-Match": first["ETag"]}
    )
    assert changed.status_code == 200


def test_low_zooms_draw_clusters_with_counts(client, city):
    for offset in range(3):
        make_incident(100 + offset, 100)
    make_incident(103, 100, code="gas_leak")  # severity 4
    backdate(make_incident(104, 100), hours=30)
    layers = decoded(client, tile_of(100, 100, 12))
    assert "incidents" not in layers
    (cluster,) = layers["incident_clusters"]["features"]
    assert cluster["properties"] == {"incident_count": 5, "max_severity": 4, "overdue_count": 1}
    assert cluster["geometry"]["type"] == "Point"


def test_every_incident_is_counted_in_exactly_one_cluster_tile(client, city):
    # incidents spread over the whole test city, counted over every zoom-13 tile that holds it
    spots = [(x, y) for x in range(-1900, 1900, 380) for y in range(-900, 900, 300)]
    for x, y in spots:
        make_incident(x, y)
    tiles = {tile_of(x, y, 13) for x, y in spots}
    total = 0
    for tile in tiles:
        layer = decoded(client, tile).get("incident_clusters", {"features": []})
        total += sum(f["properties"]["incident_count"] for f in layer["features"])
    assert total == len(spots)


def test_below_zoom_10_there_are_no_incident_tiles(client, city):
    response = client.get("/tiles/incidents/{}/{}/{}.pbf".format(*tile_of(0, 0, 9)))
    assert response.status_code == 404


def test_tilejson_describes_both_source_layers(client, city):
    document = client.get("/tiles/incidents.json").json()
    layers = {layer["id"]: layer for layer in document["vector_layers"]}
    assert set(layers["incidents"]["fields"]) == {"type", "severity", "state", "overdue"}
    assert (layers["incidents"]["minzoom"], layers["incident_clusters"]["maxzoom"]) == (14, 13)
