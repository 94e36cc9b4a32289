"""Tile endpoints: MVT tiles, a TileJSON document per layer, the city map style.

Plain Django views, not DRF: a tile is bytes in, bytes out, and the request path is kept
short. Every address is checked (tiles.address) before any SQL runs.
"""

import gzip
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.http import parse_etags
from django.views.decorators.http import require_safe

from core.exceptions import DomainError
from tiles.address import layer_get, tile_address_parse
from tiles.documents import STYLE_SOURCES, style_build, tilejson_build
from tiles.layers import Layer
from tiles.selectors import city_bounds
from tiles.services import tile_get

MVT_CONTENT_TYPE = "application/vnd.mapbox-vector-tile"
# The documents change only with a deployment or a new district boundary.
DOCUMENT_MAX_AGE = 300


def _domain_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A DomainError becomes its 4xx answer as JSON, as in the API."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except DomainError as error:
            body = {"code": error.code, "detail": error.message}
            return JsonResponse(body, status=error.status_code)

    return wrapped


def _accepts_gzip(request: HttpRequest) -> bool:
    """Accept-Encoding names gzip (or *) without q=0."""
    for coding in request.headers.get("Accept-Encoding", "").split(","):
        name, *parameters = (part.strip().lower() for part in coding.split(";"))
        if name not in ("gzip", "x-gzip", "*"):
            continue
        quality = next((p[2:] for p in parameters if p.startswith("q=")), "1")
        try:
            return float(quality) > 0
        except ValueError:
            return False
    return False


def _matches(request: HttpRequest, etag: str) -> bool:
    """If-None-Match names `etag` (weak comparison, as RFC 9110 asks for this header)."""
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    tags = parse_etags(header)
    return "*" in tags or any(tag.removeprefix("W/") == f'"{etag}"' for tag in tags)


@require_safe
@_domain_errors
def tile_view(request: HttpRequest, layer: str, z: str, x: str, y: str) -> HttpResponse:
    """One Mapbox Vector Tile (2.1)."""
    found = layer_get(name=layer)
    address = tile_address_parse(layer=found, z=z, x=x, y=y)
    tile = tile_get(layer=found, address=address)
    # Weak: the gzip and the plain answer carry the same tile in two encodings.
    # A layer that follows the clock is revalidated on every use (its ETag still saves bytes).
    freshness = f"max-age={settings.MAKON_TILE_MAX_AGE}" if found.cached else "no-cache"
    headers = {
        "ETag": f'W/"{tile.etag}"',
        "Cache-Control": f"public, {freshness}",
        "Vary": "Accept-Encoding",
    }
    if _matches(request, tile.etag):
        return HttpResponse(status=304, headers=headers)
    if tile.is_gzip and _accepts_gzip(request):
        return HttpResponse(
            tile.data,
            content_type=MVT_CONTENT_TYPE,
            headers={**headers, "Content-Encoding": "gzip"},
        )
    data = gzip.decompress(tile.data) if tile.is_gzip else tile.data
    return HttpResponse(data, content_type=MVT_CONTENT_TYPE, headers=headers)


def _tiles_url(request: HttpRequest, layer: Layer) -> str:
    example = request.build_absolute_uri(
        reverse("tiles:tile", kwargs={"layer": layer.name, "z": "0", "x": "0", "y": "0"})
    )
    return example.removesuffix("0/0/0.pbf") + "{z}/{x}/{y}.pbf"


def _document(data: dict[str, Any]) -> JsonResponse:
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = f"public, max-age={DOCUMENT_MAX_AGE}"
    return response


@require_safe
@_domain_errors
def tilejson_view(request: HttpRequest, layer: str) -> HttpResponse:
    """TileJSON 3.0.0 of one layer."""
    found = layer_get(name=layer)
    return _document(
        tilejson_build(
            layer=found,
            tiles_url=_tiles_url(request, found),
            bounds=city_bounds(),
            center=settings.MAKON_MAP_CENTER,
        )
    )


@require_safe
def style_view(request: HttpRequest) -> HttpResponse:
    """MapLibre style (version 8) of the city from Makon's own tiles."""
    urls = {
        name: request.build_absolute_uri(reverse("tiles:tilejson", kwargs={"layer": name}))
        for name in STYLE_SOURCES
    }
    return _document(style_build(tilejson_urls=urls, center=settings.MAKON_MAP_CENTER))
