"""The situation centre in Debian's chromium, on a live server over a demo city.

An operator has the console open; a citizen, in another browser context, files an appeal
through the appeal page's map and form; the pin must appear on the console within a second
(measured from the citizen pressing Send to the pin drawn, and printed). The operator takes the
appeal into an incident and assigns it; the citizen's page then shows the new state. What the
tests set up is committed once for the module (beside the demo city), so that the server's
threads see it.
"""

import time
from dataclasses import dataclass

import pytest
from django.contrib.gis.geos import Point
from django.db import connection

from accounts.models import Role
from accounts.testing import make_user
from situation.models import Appeal, Incident, IncidentType, State
from situation.services import incident_create
from tests.browser.conftest import assert_clean

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PASSWORD = "Demo-pass-2026"  # noqa: S105 - the test accounts only
#: The issue's bound for a change to reach an open console.
MAX_DELAY_S = 1.0

_PLACES_SQL = """
-- Two places inside the demo city: inside its first district, and inside the nearest parcel
-- to that (for an incident among buildings). Result: lon, lat, lon, lat.
WITH here AS (
    SELECT ST_PointOnSurface(geom) AS point
    FROM citygis_adminarea WHERE level = 'district' ORDER BY code LIMIT 1
)
SELECT ST_X(ST_Transform(here.point, 4326)), ST_Y(ST_Transform(here.point, 4326)),
       ST_X(ST_Transform(near.point, 4326)), ST_Y(ST_Transform(near.point, 4326))
FROM here
CROSS JOIN LATERAL (
    SELECT ST_PointOnSurface(p.geom) AS point
    FROM cadastre_parcel AS p
    WHERE p.valid_until IS NULL
    ORDER BY p.geom <-> here.point
    LIMIT 1
) AS near
"""

_WAIT_IDLE = """() => new Promise((resolve) => {
    const map = window.makonMap;
    map.once('idle', resolve);
    map.triggerRepaint();
})"""

# True once the console draws the appeal's pin (a rendered feature of the appeals layer).
_PIN_DRAWN = """(id) => {
    const map = window.makonMap;
    if (!map.getLayer('console-appeals')) return false;
    return map.queryRenderedFeatures({layers: ['console-appeals']})
        .some((f) => f.properties.id === id);
}"""


@dataclass(frozen=True)
class Scene:
    """A place inside the demo city, an incident there, and who plays."""

    lon: float
    lat: float
    incident: Incident
    category: IncidentType


@pytest.fixture(scope="module")
def scene(city_server, django_db_blocker) -> Scene:
    with django_db_blocker.unblock():
        (lon, lat), (incident_lon, incident_lat) = places()
        operator = make_user("operator-e2e", roles=[Role.OPERATOR], password=PASSWORD)
        make_user("citizen-e2e", roles=[Role.CITIZEN], password=PASSWORD)
        category = (
            IncidentType.objects.filter(is_active=True, is_open311=True).order_by("code").first()
        )
        assert category is not None, "the demo city has no incident catalogue"
        incident = incident_create(
            user=operator,
            incident_type=category,
            geom=Point(incident_lon, incident_lat, srid=4326),
            address="Navoiy ko'chasi",
        )
    return Scene(lon=lon, lat=lat, incident=incident, category=category)


def sign_in(page: object, base_url: str, path: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/?next={path}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(f"{base_url}{path}")


def wait_for_map(page: object) -> None:
    page.wait_for_function("window.makonMap !== undefined && window.makonMap.loaded()")
    page.evaluate(_WAIT_IDLE)


def places() -> tuple[tuple[float, float], tuple[float, float]]:
    with connection.cursor() as cursor:
        cursor.execute(_PLACES_SQL)
        row = cursor.fetchone()
    return (row[0], row[1]), (row[2], row[3])


def click_map_at(page: object, lon: float, lat: float) -> None:
    x, y = page.evaluate(
        "([lon, lat]) => { const p = window.makonMap.project([lon, lat]); "
        "const box = window.makonMap.getContainer().getBoundingClientRect(); "
        "return [p.x + box.left, p.y + box.top]; }",
        [lon, lat],
    )
    page.mouse.click(x, y)


def open_console(page: object, base_url: str, username: str, lon: float, lat: float) -> None:
    sign_in(page, base_url, "/situation/", username)
    wait_for_map(page)
    page.wait_for_function("document.body.dataset.live === 'live'")
    page.evaluate(
        "([lon, lat]) => window.makonMap.jumpTo({center: [lon, lat], zoom: 15})", [lon, lat]
    )
    page.evaluate(_WAIT_IDLE)


def test_appeal_reaches_the_console_live_and_the_citizen_sees_it_assigned(
    city_server, scene, contexts
):
    new_page, traffic = contexts
    lon, lat = scene.lon, scene.lat
    category = scene.category

    # given: the console is open and live
    console = new_page()
    open_console(console, city_server.url, "operator-e2e", lon, lat)

    # when: a citizen drops a pin and files an appeal in another browser context
    citizen = new_page()
    sign_in(citizen, city_server.url, "/appeal/", "citizen-e2e")
    wait_for_map(citizen)
    citizen.evaluate(
        "([lon, lat]) => window.makonMap.jumpTo({center: [lon, lat], zoom: 17})", [lon, lat]
    )
    citizen.evaluate(_WAIT_IDLE)
    click_map_at(citizen, lon, lat)
    citizen.select_option("select[name=category]", category.code)
    citizen.fill("textarea[name=text]", "Suv quvuri yorilib, ko'chaga suv oqyapti.")
    with citizen.expect_response(lambda r: r.url.endswith("/api/appeals/")) as filed:
        sent_at = time.perf_counter()
        citizen.click("#appeal-form button[type=submit]")
    appeal_id = filed.value.json()["id"]

    # then: the pin is on the console within a second
    console.wait_for_function(_PIN_DRAWN, arg=appeal_id, timeout=5000, polling="raf")
    delay = time.perf_counter() - sent_at
    print(f"\nappeal sent -> pin drawn on the open console: {delay * 1000:.0f} ms")  # noqa: T201
    assert delay < MAX_DELAY_S
    assert console.locator(f'#appeal-list [data-appeal="{appeal_id}"]').count() == 1

    # when: the operator opens the appeal from its pin, takes it into an incident, assigns it
    console.locator(".tab[data-tab=appeals]").click()
    console.locator(f'#appeal-list [data-appeal="{appeal_id}"]').click()
    console.locator('#detail [data-action="triage"]').click()
    console.locator('#detail [data-transition="assigned"]').click()
    console.locator("#detail .transition-form button[type=submit]").click()
    incident = Appeal.objects.get(pk=appeal_id).incident
    console.wait_for_function(
        "(id) => window.makonConsole.store.incidents.get(id)?.properties.state === 'assigned'",
        arg=incident.pk,
    )
    assert Incident.objects.get(pk=incident.pk).state == State.ASSIGNED
    # The list shows it assigned, and the appeal left the triage queue.
    console.locator('#detail [data-action="close"]').click()
    console.locator(".tab[data-tab=incidents]").click()
    row = console.locator(f'#incident-list [data-incident="{incident.pk}"]')
    assert "Assigned" in row.inner_text()
    assert console.locator(f'#appeal-list [data-appeal="{appeal_id}"]').count() == 0

    # then: the citizen's page shows the new state (it asks again every few seconds)
    citizen.locator(f'#my-appeals [data-appeal="{appeal_id}"] [data-state="assigned"]').wait_for()
    assert (
        incident.number in citizen.locator(f'#my-appeals [data-appeal="{appeal_id}"]').inner_text()
    )
    assert_clean(traffic)


def test_console_on_a_phone_shows_map_list_and_an_incident(city_server, scene, contexts):
    new_page, traffic = contexts
    incident = scene.incident
    page = new_page(390, 844)
    sign_in(page, city_server.url, "/situation/", "operator-e2e")
    wait_for_map(page)
    page.wait_for_function("document.body.dataset.live === 'live'")
    page.wait_for_function("window.makonConsole.state.loaded")
    map_box = page.locator("#map").bounding_box()
    panel_box = page.locator(".console-panel").bounding_box()
    # The map above, the panel below, both visible on a narrow screen.
    assert map_box["height"] > 300
    assert panel_box["y"] >= map_box["y"] + map_box["height"] - 1
    assert panel_box["width"] == pytest.approx(390, abs=1)
    page.locator(f'#incident-list [data-incident="{incident.pk}"]').click()
    assert page.locator("#detail .detail-number").inner_text() == incident.number
    page.locator('#detail [data-field="objects"] li').first.wait_for()
    page.locator('#detail [data-field="cameras"] li').first.wait_for()
    # The incident is drawn on the map, in its severity's colour.
    page.evaluate(_WAIT_IDLE)
    drawn = page.evaluate(
        """(id) => window.makonMap.queryRenderedFeatures({layers: ['console-incident-points']})
            .filter((f) => f.properties.id === id).map((f) => f.properties.severity)""",
        incident.pk,
    )
    assert drawn == [incident.severity]
    # Many incidents: the heat map takes over at city zooms.
    page.locator('#map-tools input[value="heat"]').check()
    assert page.evaluate("window.makonMap.getLayoutProperty('console-heat', 'visibility')") == (
        "visible"
    )
    # The district dashboard counts the same open incidents the list holds.
    page.locator('#detail [data-action="close"]').click()
    page.locator(".tab[data-tab=dashboard]").click()
    page.locator("#dashboard-rows tr").first.wait_for()
    total = page.locator("#dashboard-totals td").first.inner_text()
    assert int(total) == page.evaluate("window.makonConsole.store.incidents.size")
    assert_clean(traffic)
