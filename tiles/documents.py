"""TileJSON 3.0.0 per layer and the MapLibre style (version 8) of the city map.

The style uses only Makon's own tile sources: no outside base map, no glyphs and no sprite, so
it draws no text labels (a glyph server of Makon's own would be needed for those).
"""

from typing import Any

from tiles.layers import LAYERS, Layer

TILEJSON_VERSION = "3.0.0"
ATTRIBUTION = "Makon city cadastre"

# Opening zoom of the style: the whole city with its blocks.
CITY_ZOOM = 12

Bounds = tuple[float, float, float, float]
Center = tuple[float, float]


def tilejson_build(
    *, layer: Layer, tiles_url: str, bounds: Bounds, center: Center
) -> dict[str, Any]:
    """The TileJSON document of `layer`; `tiles_url` is absolute, with {z}/{x}/{y}."""
    zoom = min(max(CITY_ZOOM, layer.min_zoom), layer.max_zoom)
    return {
        "tilejson": TILEJSON_VERSION,
        "name": layer.name,
        "description": f"{layer.title}. {layer.description}",
        "version": "1.0.0",
        "attribution": ATTRIBUTION,
        "scheme": "xyz",
        "tiles": [tiles_url],
        "minzoom": layer.min_zoom,
        "maxzoom": layer.max_zoom,
        "bounds": [round(value, 6) for value in bounds],
        "center": [round(center[0], 6), round(center[1], 6), zoom],
        "vector_layers": [
            {
                "id": source.name,
                "description": source.description,
                "minzoom": layer.zooms_of(source)[0],
                "maxzoom": layer.zooms_of(source)[1],
                "fields": dict(source.fields),
            }
            for source in layer.source_layers
        ],
    }


LAND_USE_COLOURS = {
    "residential": "#f3d9a4",
    "apartments": "#eebf7e",
    "commercial": "#f2a7a0",
    "industrial": "#c9b3d6",
    "public": "#a9c8ea",
    "agricultural": "#d8e6a3",
    "green": "#a8d5a2",
    "transport": "#d3d3d3",
}
STYLE_SOURCES = ("admin_areas", "parcels", "infrastructure", "buildings")


def _by_land_use() -> list[Any]:
    match: list[Any] = ["match", ["get", "land_use"]]
    for use, colour in LAND_USE_COLOURS.items():
        match += [use, colour]
    return [*match, "#e0dccf"]


def _level(level: str) -> list[Any]:
    return ["==", ["get", "level"], level]


def style_build(*, tilejson_urls: dict[str, str], center: Center) -> dict[str, Any]:
    """The city map: districts, blocks, parcels, roads and buildings from Makon's tiles."""
    sources = {
        name: {"type": "vector", "url": tilejson_urls[name], "attribution": ATTRIBUTION}
        for name in STYLE_SOURCES
    }
    layers: list[dict[str, Any]] = [
        {"id": "land", "type": "background", "paint": {"background-color": "#f4f1ea"}},
        {
            "id": "district-fill",
            "type": "fill",
            "source": "admin_areas",
            "source-layer": "admin_areas",
            "filter": _level("district"),
            "paint": {"fill-color": "#ebe6d9", "fill-opacity": 0.8},
        },
        {
            "id": "block-summary",
            "type": "fill",
            "source": "parcels",
            "source-layer": "parcel_blocks",
            "minzoom": LAYERS["parcels"].min_zoom,
            "paint": {"fill-color": _by_land_use(), "fill-outline-color": "#b9ae98"},
        },
        {
            "id": "parcel-fill",
            "type": "fill",
            "source": "parcels",
            "source-layer": "parcels",
            "paint": {"fill-color": _by_land_use(), "fill-opacity": 0.75},
        },
        {
            "id": "parcel-line",
            "type": "line",
            "source": "parcels",
            "source-layer": "parcels",
            "minzoom": 15,
            "paint": {"line-color": "#8c7b62", "line-width": 0.6},
        },
        {
            "id": "block-line",
            "type": "line",
            "source": "admin_areas",
            "source-layer": "admin_areas",
            "filter": _level("block"),
            "paint": {"line-color": "#6f6452", "line-width": 1.0},
        },
        {
            "id": "road-casing",
            "type": "line",
            "source": "infrastructure",
            "source-layer": "infrastructure",
            "filter": ["==", ["get", "network"], "road"],
            "layout": {"line-cap": "round", "line-join": "round"},
            "paint": {
                "line-color": "#b8ae9c",
                "line-width": ["interpolate", ["exponential", 1.6], ["zoom"], 12, 1.5, 18, 22],
            },
        },
        {
            "id": "road",
            "type": "line",
            "source": "infrastructure",
            "source-layer": "infrastructure",
            "filter": ["==", ["get", "network"], "road"],
            "layout": {"line-cap": "round", "line-join": "round"},
            "paint": {
                "line-color": "#ffffff",
                "line-width": ["interpolate", ["exponential", 1.6], ["zoom"], 12, 0.8, 18, 18],
            },
        },
        {
            "id": "building",
            "type": "fill",
            "source": "buildings",
            "source-layer": "buildings",
            "paint": {"fill-color": "#c7b9a6", "fill-outline-color": "#9c8a74"},
        },
        {
            "id": "mahalla-line",
            "type": "line",
            "source": "admin_areas",
            "source-layer": "admin_areas",
            "filter": _level("mahalla"),
            "paint": {"line-color": "#7d6f9a", "line-width": 1.0, "line-dasharray": [3, 2]},
        },
        {
            "id": "district-line",
            "type": "line",
            "source": "admin_areas",
            "source-layer": "admin_areas",
            "filter": _level("district"),
            "paint": {
                "line-color": "#5b4d7a",
                "line-width": ["interpolate", ["linear"], ["zoom"], 8, 1.2, 16, 3],
            },
        },
    ]
    return {
        "version": 8,
        "name": "Makon city map",
        "metadata": {"makon:labels": "none: the style loads no glyphs from outside Makon"},
        "center": [round(center[0], 6), round(center[1], 6)],
        "zoom": CITY_ZOOM,
        "sources": sources,
        "layers": layers,
    }
