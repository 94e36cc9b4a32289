"""The public city map in Debian's chromium: tiles drawn, search, click, shared links.

The tests open the map on Django's live server over a demo city of a few hundred parcels; the
`open_map` fixture fails a test whose page asked any host but 127.0.0.1 for anything, threw a
script error or got an error answer.
"""

from dataclasses import dataclass

import numpy as np
import pytest
from django.db import connection

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# Inside a parcel, off its buildings and clear of its outline by this many metres.
_INSET_M = 4
# Background points lie at least this far from any parcel.
_CLEARANCE_M = 8
# Colour channels may differ this much (0..255) from the expected blend: rounding in WebGL.
_TOLERANCE = 6

_PARCEL_POINTS_SQL = """
-- One point inside each current parcel, off its buildings, and the parcel's extent.
-- Params: inset (metres), clearance (metres). Result: number, lon, lat, west, south, east, north.
SELECT p.cadastral_number,
       ST_X(point), ST_Y(point),
       ST_XMin(extent), ST_YMin(extent), ST_XMax(extent), ST_YMax(extent)
FROM cadastre_parcel AS p
CROSS JOIN LATERAL (
    SELECT ST_Buffer(p.geom, -%(inset)s) AS inner_area,
           (SELECT ST_Union(ST_Buffer(b.geom, %(inset)s))
            FROM cadastre_building AS b
            WHERE b.valid_until IS NULL AND b.geom && p.geom) AS built
) AS areas
CROSS JOIN LATERAL (
    SELECT ST_Transform(ST_PointOnSurface(COALESCE(ST_Difference(inner_area, built),
                                                   inner_area)), 4326) AS point,
           ST_Transform(p.geom, 4326)::box2d AS extent
) AS shapes
WHERE p.valid_until IS NULL
  AND NOT ST_IsEmpty(COALESCE(ST_Difference(inner_area, built), inner_area))
ORDER BY p.cadastral_number
"""

_EMPTY_POINTS_SQL = """
-- Points of the city area far from every current parcel. Params: clearance (metres), count.
-- Result: lon, lat.
SELECT ST_X(point), ST_Y(point)
FROM (
    SELECT (ST_Dump(ST_Transform(ST_GeneratePoints(
               ST_Difference(city.geom, ST_Buffer(ST_Union(p.geom), %(clearance)s)),
               %(count)s, 1), 4326))).geom AS point
    FROM citygis_adminarea AS city, cadastre_parcel AS p
    WHERE city.level = 'city' AND p.valid_until IS NULL
    GROUP BY city.geom
) AS points
"""

# The fill colour (RGBA 0..255) and opacity the map's style gives the parcel under a point,
# and that parcel's number as the tile carries it.
_PARCEL_FILL_JS = """
([x, y]) => {
    const map = window.makonMap;
    const style = map.getStyle();
    const isParcels = (layer) => {
        const source = style.sources[layer.source] || {};
        return layer.source === 'parcels' || /\\/tiles\\/parcels[./]/.test(source.url || '');
    };
    const fills = style.layers.filter((layer) => layer.type === 'fill' && isParcels(layer));
    const box = map.getContainer().getBoundingClientRect();
    const [feature] = map.queryRenderedFeatures([x - box.left, y - box.top],
        {layers: fills.map((layer) => layer.id)});
    if (!feature) {
        return null;
    }
    const colour = feature.layer.paint['fill-color'];
    const opacity = feature.layer.paint['fill-opacity'] ?? 1;
    // MapLibre keeps colours premultiplied by their alpha.
    const alpha = colour.a || 1;
    return {
        number: feature.properties.cadastral_number,
        rgb: [colour.r / alpha * 255, colour.g / alpha * 255, colour.b / alpha * 255],
        alpha: colour.a * opacity,
    };
}
"""


@dataclass(frozen=True)
class ParcelSample:
    number: str
    lon: float
    lat: float
    bbox: tuple[float, float, float, float]


def parcel_samples() -> list[ParcelSample]:
    with connection.cursor() as cursor:
        cursor.execute(_PARCEL_POINTS_SQL, {"inset": _INSET_M, "clearance": _CLEARANCE_M})
        return [
            ParcelSample(number=row[0], lon=row[1], lat=row[2], bbox=tuple(row[3:7]))
            for row in cursor.fetchall()
        ]


def empty_points(count: int) -> list[tuple[float, float]]:
    with connection.cursor() as cursor:
        cursor.execute(_EMPTY_POINTS_SQL, {"clearance": _CLEARANCE_M, "count": count})
        return [(lon, lat) for lon, lat in cursor.fetchall()]


def map_area(map_page) -> tuple[float, float, float, float]:
    """Left, top, right, bottom (CSS pixels) of the map that no panel or control covers."""
    return map_page.page.evaluate(
        """() => {
            const panel = document.querySelector('.panel').getBoundingClientRect();
            const controls = document.querySelector('.maplibregl-ctrl-top-right')
                .getBoundingClientRect();
            const bottom = document.querySelector('.maplibregl-ctrl-bottom-right')
                .getBoundingClientRect();
            return [panel.right + 10, 10, controls.left - 10, bottom.top - 10];
        }"""
    )


def on_screen(map_page, points: list[tuple[float, float]]) -> list[tuple[int, int]]:
    left, top, right, bottom = map_area(map_page)
    pixels = [map_page.project(lon, lat) for lon, lat in points]
    return [
        (round(x), round(y)) if left < x < right and top < y < bottom else None for x, y in pixels
    ]


def set_layers(map_page, **visible: bool) -> None:
    """Tick or clear layer check boxes in the layer switcher, as a person would."""
    page = map_page.page
    page.locator(".layers-button").click()
    for name, shown in visible.items():
        page.locator(f'input[data-layer="{name}"]').set_checked(shown)
    page.locator(".layers-button").click()
    map_page.wait_idle()


def inside(bbox: tuple[float, float, float, float], lon: float, lat: float) -> bool:
    west, south, east, north = bbox
    return west <= lon <= east and south <= lat <= north


def test_parcels_are_drawn_in_their_colour_where_parcels_are(open_map):
    # given the map of the whole demo city with only the parcel layer on
    map_page = open_map()
    set_layers(map_page, buildings=False, infrastructure=False, cameras=False, admin_areas=False)
    samples = parcel_samples()[::7]
    parcel_pixels = on_screen(map_page, [(s.lon, s.lat) for s in samples])
    empty_pixels = [p for p in on_screen(map_page, empty_points(40)) if p]
    drawn = map_page.pixels()
    fills = [
        map_page.page.evaluate(_PARCEL_FILL_JS, list(pixel)) if pixel else None
        for pixel in parcel_pixels
    ]
    # when the parcels are switched off as well
    set_layers(map_page, parcels=False)
    bare = map_page.pixels()

    # then each sampled parcel is under its point, painted in its style colour over the bare map
    checked = 0
    for sample, pixel, fill in zip(samples, parcel_pixels, fills, strict=True):
        if pixel is None:
            continue
        assert fill is not None, f"no parcel drawn at {sample.number}"
        assert fill["number"] == sample.number
        x, y = pixel
        expected = fill["alpha"] * np.array(fill["rgb"]) + (1 - fill["alpha"]) * bare[y, x]
        assert np.abs(drawn[y, x] - expected).max() <= _TOLERANCE, (
            f"{sample.number} at {pixel}: drawn {drawn[y, x]}, expected {expected.round()}"
        )
        assert np.abs(drawn[y, x] - bare[y, x]).max() > _TOLERANCE, (
            f"{sample.number}: the parcel colour cannot be told from the background"
        )
        checked += 1
    assert checked >= 10, f"only {checked} sampled parcels were on screen"
    # and where there is no parcel the map shows only its background
    assert len(empty_pixels) >= 5
    for x, y in empty_pixels:
        assert np.abs(drawn[y, x] - bare[y, x]).max() <= _TOLERANCE, f"colour at {(x, y)}"


def test_search_jumps_to_the_parcel_and_a_click_opens_a_neighbour(open_map):
    # given the map, a parcel and the parcel nearest to it
    map_page = open_map()
    samples = parcel_samples()
    target = samples[len(samples) // 3]
    neighbour = min(
        (s for s in samples if s.number != target.number),
        key=lambda s: (s.lon - target.lon) ** 2 + (s.lat - target.lat) ** 2,
    )
    # when the target's number is typed and the suggestion for it is chosen
    search = map_page.page.locator("#search-input")
    search.fill(target.number)
    map_page.page.locator(".search-option", has_text=target.number).first.wait_for()
    search.press("Enter")
    # then its card opens, the address bar links to it, and the map centres on it
    assert map_page.card_number() == target.number
    map_page.wait_still()
    assert map_page.page.url.endswith(f"/parcel/{target.number}/")
    lon, lat = map_page.centre()
    assert inside(target.bbox, lon, lat), f"centre {lon},{lat} is outside {target.bbox}"

    # when a person clicks inside the neighbour, off its buildings
    (pixel,) = on_screen(map_page, [(neighbour.lon, neighbour.lat)])
    assert pixel is not None, "the neighbour is off screen"
    map_page.page.mouse.click(*pixel)
    # then the card of exactly that parcel opens, with its areas
    card = map_page.page.locator("#card")
    card.locator(".card-number", has_text=neighbour.number).wait_for()
    assert map_page.card_number() == neighbour.number
    assert card.locator(".card-kind").inner_text().lower() == "land parcel"
    assert card.locator('[data-field="area_computed_m2"]').inner_text().endswith("m²")
    assert map_page.page.url.endswith(f"/parcel/{neighbour.number}/")


def test_parcel_link_opens_the_map_on_its_card_on_a_phone(open_map):
    # given a link to a parcel
    target = parcel_samples()[0]
    # when it is opened on a phone-sized screen
    map_page = open_map(f"/parcel/{target.number}/", width=390, height=844)
    # then the card shows that parcel in the bottom sheet, and the map is centred on it
    assert map_page.card_number() == target.number
    map_page.wait_still()
    lon, lat = map_page.centre()
    assert inside(target.bbox, lon, lat), f"centre {lon},{lat} is outside {target.bbox}"
    sheet = map_page.page.locator(".sheet").bounding_box()
    search = map_page.page.locator("#search-input").bounding_box()
    assert search["y"] < 150, "the search box stays at the top"
    assert sheet["y"] > 844 / 2, "the card sits in a sheet in the lower half"
    assert sheet["width"] == 390
