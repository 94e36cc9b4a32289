"""A real browser against a real server: Debian's chromium driven by Playwright.

The server is Django's live server thread on 127.0.0.1 over the pytest test database, holding
a demo city of a few hundred parcels; the browser gets a fresh profile, and every request it
makes is recorded. Requests to any other
host are refused on the spot, so a page that reaches for the internet fails fast and visibly.
"""

import io
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from pytest_django.live_server_helper import LiveServer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-unsafe-swiftshader",
]
DEMO_PARCELS = 300
LOCAL_HOST = "127.0.0.1"
TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if shutil.which(CHROMIUM) is None:
        pytest.fail(f"{CHROMIUM} is missing: `bin/makon setup` (as root) installs chromium.")
    vendor = Path(settings.BASE_DIR) / "var" / "vendor" / "maplibre-gl" / "maplibre-gl.mjs"
    if not vendor.exists():
        pytest.fail(f"{vendor.name} is missing from var/vendor: run `bin/makon setup`.")
    # Playwright's synchronous API keeps an asyncio loop on this thread, which Django takes
    # for an async context; the database calls of these tests are all synchronous.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            # launch() gives the browser a fresh temporary profile, removed when it closes.
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
            # While that loop runs, Django keeps this thread's connections apart from the
            # ones it uses without it: close them here, or they outlive the tests and keep
            # the test database from being dropped.
            connections.close_all()


@pytest.fixture(scope="module")
def city_server(django_db_setup, django_db_blocker) -> Iterator[LiveServer]:
    """A live server on 127.0.0.1 over a small demo city, for the tests of one module.

    The city is committed, so that the server's threads see it, and the tables are emptied
    afterwards as after any transactional test. (pytest-django's own `live_server` would
    empty them after every test, and its host is "localhost".)
    """
    with django_db_blocker.unblock():
        call_command("build_demo_city", parcels=DEMO_PARCELS, seed=1, stdout=io.StringIO())
        server = LiveServer(LOCAL_HOST)
        server._live_server_modified_settings.enable()
        try:
            yield server
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)


@dataclass
class Traffic:
    """Every URL the page asked for, and those that went (or tried to go) elsewhere."""

    requested: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class MapPage:
    """The city map in one browser tab, with the helpers the tests share."""

    def __init__(self, page: object, base_url: str, traffic: Traffic) -> None:
        self.page = page
        self.base_url = base_url
        self.traffic = traffic

    def open(self, path: str = "/") -> None:
        self.page.goto(self.base_url + path)
        self.page.wait_for_function(
            "window.makonMap !== undefined && window.makonMap.loaded()", timeout=TIMEOUT_MS
        )
        self.wait_idle()

    def wait_idle(self) -> None:
        """Until the map has no tile to load and no camera movement (MapLibre's `idle`)."""
        # An already idle map fires `idle` again only after another frame: ask for one.
        self.page.evaluate(
            """() => new Promise((resolve) => {
                const map = window.makonMap;
                map.once('idle', resolve);
                map.triggerRepaint();
            })"""
        )

    def wait_still(self) -> None:
        """Until no camera animation runs, then until the map is idle."""
        self.page.wait_for_function("!window.makonMap.isMoving()", timeout=TIMEOUT_MS)
        self.wait_idle()

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        """Page coordinates (CSS pixels) of a lon/lat position on the map."""
        x, y = self.page.evaluate(
            "([lon, lat]) => { const p = window.makonMap.project([lon, lat]); "
            "const box = window.makonMap.getContainer().getBoundingClientRect(); "
            "return [p.x + box.left, p.y + box.top]; }",
            [lon, lat],
        )
        return x, y

    def centre(self) -> tuple[float, float]:
        lon, lat = self.page.evaluate("window.makonMap.getCenter().toArray()")
        return lon, lat

    def pixels(self) -> np.ndarray:
        """The page as an array of RGB pixels (rows, columns, 3), one per CSS pixel."""
        import warnings

        from rasterio.errors import NotGeoreferencedWarning
        from rasterio.io import MemoryFile

        png = self.page.screenshot()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", NotGeoreferencedWarning)
            with MemoryFile(png) as memory, memory.open() as image:
                bands = image.read()
        return np.moveaxis(bands[:3], 0, -1).astype(int)

    def card_number(self) -> str:
        return self.page.locator("#card .card-number").inner_text(timeout=TIMEOUT_MS)


def _record_failure(traffic: Traffic, request: object) -> None:
    # MapLibre cancels the tiles it no longer needs while the camera moves.
    if request.failure != "net::ERR_ABORTED":
        traffic.failed.append(f"{request.url}: {request.failure}")


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob") or parts.hostname == LOCAL_HOST


def _local_only(traffic: Traffic) -> Callable[[object], None]:
    """A route handler that records every request and refuses those that leave 127.0.0.1."""

    def route(route: object) -> None:
        url = route.request.url
        traffic.requested.append(url)
        if _is_local(url):
            route.continue_()
        else:
            traffic.foreign.append(url)
            route.abort("blockedbyclient")

    return route


def _watch(page: object, traffic: Traffic) -> object:
    """Record the page's script errors, failed requests and error answers in `traffic`."""
    page.on("pageerror", lambda error: traffic.errors.append(str(error)))
    page.on("requestfailed", lambda request: _record_failure(traffic, request))
    page.on(
        "response",
        lambda response: (
            traffic.failed.append(f"{response.url}: HTTP {response.status}")
            if response.status >= 400
            else None
        ),
    )
    return page


def assert_clean(traffic: Traffic) -> None:
    """No request left 127.0.0.1, no script threw, no answer was an error."""
    assert traffic.requested, "the pages made no request at all"
    assert traffic.foreign == [], f"requests left {LOCAL_HOST}: {traffic.foreign}"
    assert traffic.errors == [], f"script errors: {traffic.errors}"
    assert traffic.failed == [], f"failed requests: {traffic.failed}"


@pytest.fixture
def contexts(city_server, browser) -> Iterator[tuple[Callable[..., object], Traffic]]:
    """A factory of pages, each in a fresh browser context of its own viewport size, and the
    traffic they all record; every request must stay on 127.0.0.1."""
    opened = []
    traffic = Traffic()
    route = _local_only(traffic)

    def new_page(width: int = 1280, height: int = 800, **options: object) -> object:
        # Reduced motion: the page then moves the camera without animating it.
        context = browser.new_context(
            viewport={"width": width, "height": height},
            device_scale_factor=1,
            reduced_motion="reduce",
            **options,
        )
        opened.append(context)
        context.set_default_timeout(TIMEOUT_MS)
        context.route("**/*", route)
        return _watch(context.new_page(), traffic)

    yield new_page, traffic
    for context in opened:
        context.close()


@pytest.fixture
def open_map(city_server, contexts) -> Iterator[object]:
    """Open the map at a window size; every request is recorded and must stay on 127.0.0.1."""
    new_page, traffic = contexts

    def opener(path: str = "/", *, width: int = 1024, height: int = 640) -> MapPage:
        map_page = MapPage(new_page(width, height), city_server.url, traffic)
        map_page.open(path)
        return map_page

    yield opener
    assert_clean(traffic)
