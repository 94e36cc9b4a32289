"""A citizen and a notary in Debian's chromium, on a live server over a demo city.

The citizen signs in, sees their parcel drawn on the "my property" map, opens one of its
documents, orders an extract and downloads it; a notary looks the same parcel up and verifies
the extract's code and file; the citizen then sees who looked and why. The test is
transactional: what it sets up is committed, so that the server's threads see it.
"""

import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from django.db import connection
from reportlab.pdfgen import canvas

from accounts.models import Role
from accounts.testing import make_user
from cadastre.models import Party, Property, Right, Source
from documents.services import source_file_attach
from tests.browser.conftest import TIMEOUT_MS, assert_clean

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Demo-pass-2026"  # noqa: S105 - the test accounts only
PURPOSE = "Sale contract 2026/117"
# Colour channels may differ this much (0..255) from the expected blend: rounding in WebGL.
_TOLERANCE = 6
# The "my property" fill: #1d5fa6 at 35 % (portal/static/portal/js/my_property.js).
_FILL_RGB = np.array([0x1D, 0x5F, 0xA6])
_FILL_OPACITY = 0.35

_INSIDE_SQL = """
-- A point well inside the current parcel (4 m from its outline, off its buildings), lon/lat.
-- Params: number. Result: lon, lat.
SELECT ST_X(point), ST_Y(point)
FROM cadastre_parcel AS p
CROSS JOIN LATERAL (
    SELECT ST_Transform(ST_PointOnSurface(COALESCE(
        ST_Difference(ST_Buffer(p.geom, -4),
                      (SELECT ST_Union(ST_Buffer(b.geom, 4)) FROM cadastre_building AS b
                       WHERE b.valid_until IS NULL AND b.geom && p.geom)),
        ST_Buffer(p.geom, -4))), 4326) AS point
) AS inside
WHERE p.cadastral_number = %(number)s AND p.valid_until IS NULL
"""


@dataclass
class Holding:
    """The citizen's parcel in the demo city and the document its right rests on."""

    number: str
    party: Party
    share_text: str
    source: Source
    lon: float
    lat: float


def _scan_pdf(title: str) -> bytes:
    """A one-page PDF standing in for a scanned deed."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, title)
    page.showPage()
    page.save()
    return buffer.getvalue()


def _holding() -> Holding:
    """A land property held now by one person alone who has no account yet (the demo accounts
    have theirs), its right resting on a document without a scan."""
    rights = (
        Right.objects.current()
        .filter(
            right_type=Right.Type.OWNERSHIP,
            party__kind=Party.Kind.PERSON,
            party__profiles__isnull=True,
            property__kind=Property.Kind.LAND,
        )
        .select_related("party", "property")
        .order_by("property__cadastral_number")
    )
    for right in rights:
        number = right.property.cadastral_number
        others = Right.objects.current().filter(property=right.property).exclude(pk=right.pk)
        source = right.sources.filter(file="").order_by("pk").first()
        if others.exists() or source is None:
            continue
        with connection.cursor() as cursor:
            cursor.execute(_INSIDE_SQL, {"number": number})
            row = cursor.fetchone()
        if row is None or row[0] is None:
            continue
        share = f"{right.share_numerator}/{right.share_denominator}"
        return Holding(number, right.party, share, source, lon=row[0], lat=row[1])
    pytest.fail("The demo city has no parcel held by one person alone.")


def sign_in(page: object, base_url: str, path: str, username: str) -> None:
    page.goto(base_url + path)
    assert "/accounts/login/" in page.url
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(f"{base_url}{path}")


def wait_for_my_map(page: object) -> None:
    page.wait_for_function(
        "window.makonMyProperty !== undefined && window.makonMap.loaded()", timeout=TIMEOUT_MS
    )
    page.evaluate(
        """() => new Promise((resolve) => {
            const map = window.makonMap;
            map.once('idle', resolve);
            map.triggerRepaint();
        })"""
    )


def pixel_at(page: object, lon: float, lat: float) -> np.ndarray:
    """The RGB colour the page shows at a lon/lat position."""
    from rasterio.errors import NotGeoreferencedWarning
    from rasterio.io import MemoryFile

    x, y = page.evaluate(
        "([lon, lat]) => { const p = window.makonMap.project([lon, lat]); "
        "const box = window.makonMap.getContainer().getBoundingClientRect(); "
        "return [p.x + box.left, p.y + box.top]; }",
        [lon, lat],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NotGeoreferencedWarning)
        with MemoryFile(page.screenshot()) as memory, memory.open() as image:
            bands = image.read()
    return np.moveaxis(bands[:3], 0, -1).astype(int)[round(y), round(x)]


def set_mine_visible(page: object, visible: bool) -> None:
    page.evaluate(
        """(visible) => {
            for (const id of ['my-property-fill', 'my-property-halo', 'my-property-line']) {
                window.makonMap.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
            }
        }""",
        visible,
    )
    wait_idle = """() => new Promise((resolve) => {
        window.makonMap.once('idle', resolve);
        window.makonMap.triggerRepaint();
    })"""
    page.evaluate(wait_idle)


def test_citizen_and_notary_end_to_end(city_server, contexts, tmp_path: Path):
    # given: a citizen who holds a parcel of the demo city, its deed scanned, and a notary
    holding = _holding()
    scan = _scan_pdf(f"Deed {holding.source.number}")
    source_file_attach(actor=None, source=holding.source, content=scan)
    citizen = make_user("citizen-e2e", roles=[Role.CITIZEN], party=holding.party, password=PASSWORD)
    notary = make_user("notary-e2e", roles=[Role.NOTARY], password=PASSWORD)
    notary.first_name, notary.last_name = "Nodira", "Qodirova"
    notary.save()
    open_page, traffic = contexts

    def new_page() -> object:
        return open_page(1100, 700, accept_downloads=True)

    base = city_server.url

    # the citizen signs in and sees the parcel on the "my property" map
    page = new_page()
    sign_in(page, base, "/me/", citizen.username)
    wait_for_my_map(page)
    drawn = page.evaluate("window.makonMyProperty.features.map((f) => f.properties.property)")
    assert set(drawn) == {holding.number}
    rendered = page.evaluate(
        "window.makonMap.queryRenderedFeatures({layers: ['my-property-fill']})"
        ".map((f) => f.properties.cadastral_number)"
    )
    assert holding.number in rendered
    shown = pixel_at(page, holding.lon, holding.lat)
    set_mine_visible(page, False)
    beneath = pixel_at(page, holding.lon, holding.lat)
    set_mine_visible(page, True)
    expected = beneath * (1 - _FILL_OPACITY) + _FILL_RGB * _FILL_OPACITY
    assert np.abs(shown - expected).max() <= _TOLERANCE, (shown, beneath, expected)

    # their share, exactly, and the deed of their right
    page.click(f".property-item[data-number='{holding.number}']")
    my_share = page.locator(".my-share").first.inner_text()
    assert my_share.startswith(f"{holding.share_text} (")
    link = page.locator(f"a.doc-link[data-source-id='{holding.source.pk}']").first
    document = page.context.request.get(base + link.get_attribute("href"))
    assert document.status == 200
    assert document.headers["content-type"] == "application/pdf"
    assert hashlib.sha256(document.body()).hexdigest() == hashlib.sha256(scan).hexdigest()

    # they order an extract and download it
    page.click("a.order-extract")
    page.click("#order-extract")
    page.wait_for_url(f"{base}/extracts/")
    code = page.locator("a.code").first.inner_text().strip()
    with page.expect_download() as download_info:
        page.click("a.download")
    extract_pdf = tmp_path / "extract.pdf"
    download_info.value.save_as(extract_pdf)
    assert extract_pdf.read_bytes().startswith(b"%PDF")

    # a notary looks the parcel up, stating the purpose, and verifies the extract
    notary_page = new_page()
    sign_in(notary_page, base, "/notary/", notary.username)
    notary_page.fill("#lookup-number", holding.number)
    notary_page.fill("#lookup-purpose", PURPOSE)
    notary_page.click("#lookup-form button[type=submit]")
    notary_page.wait_for_selector("#lookup-number-result")
    assert notary_page.locator(".holder-name").all_inner_texts() == [holding.party.display_name]
    assert notary_page.locator(".holder-share").first.inner_text().startswith(holding.share_text)
    notary_page.fill("#verify-code", code)
    notary_page.click("#verify-form button[type=submit]")
    notary_page.wait_for_selector("#verdict")
    assert notary_page.locator("#verdict").get_attribute("data-status") == "valid"
    notary_page.set_input_files("input[name=pdf]", str(extract_pdf))
    notary_page.click("form[enctype] button[type=submit]")
    notary_page.wait_for_selector("#pdf-result")
    assert "error" not in (notary_page.locator("#pdf-result").get_attribute("class") or "")

    # the citizen sees who looked and why: a notification and the property's audit trail
    page.goto(base + "/me/")
    wait_for_my_map(page)
    page.wait_for_function("document.getElementById('bell-count').hidden === false")
    page.click("#bell")
    told = page.locator("#notification-list .notification-text").all_inner_texts()
    assert any(PURPOSE in text and holding.number in text for text in told), told
    page.click(f".property-item[data-number='{holding.number}']")
    lookup = page.locator(".audit-list li[data-action='lookup']").first
    lookup.wait_for()
    assert notary.username in lookup.inner_text()
    assert PURPOSE in lookup.inner_text()
    assert_clean(traffic)
