"""The layer registry, its SQL files and the invalidation triggers agree."""

import importlib
import re

import pytest

from tiles.layers import LAYERS, MAX_ZOOM, Layer, ZoomBand

invalidation = importlib.import_module("tiles.migrations.0003_tile_cache_invalidation")
SOURCES = {(table, layer): (low, high) for table, _, layer, low, high, *_ in invalidation.SOURCES}


@pytest.mark.parametrize("name", list(LAYERS))
def test_every_band_builds_exactly_the_source_layers_it_declares(name):
    for band in LAYERS[name].bands:
        sql = re.sub(r"--[^\n]*", "", band.sql())
        written = re.findall(r"ST_AsMVT\(\w+, '(\w+)'", sql)
        assert written == [source.name for source in band.source_layers]
        assert "ORDER BY" not in sql.upper()
        assert "LIMIT" not in sql.upper()


def test_layers_cover_their_zooms_without_gaps_and_stop_at_22():
    for layer in LAYERS.values():
        assert layer.max_zoom == MAX_ZOOM
        zooms = [z for band in layer.bands for z in range(band.min_zoom, band.max_zoom + 1)]
        assert zooms == list(range(layer.min_zoom, MAX_ZOOM + 1)) or layer.is_empty


def test_a_gap_between_bands_is_refused():
    with pytest.raises(ValueError, match="overlap or leave a gap"):
        Layer(
            name="broken",
            title="Broken",
            bands=(ZoomBand(12, 13, "parcels_blocks.sql", (), ""), ZoomBand(15, 22, "x", (), "")),
            below_min_zoom="",
        )


def test_invalidation_zooms_follow_the_registry():
    parcels, buildings, cameras = LAYERS["parcels"], LAYERS["buildings"], LAYERS["cameras"]
    assert SOURCES["tiles_parcel_block", "parcels"] == (
        str(parcels.bands[0].min_zoom),
        str(parcels.bands[0].max_zoom),
    )
    assert SOURCES["tiles_parcel_feature", "parcels"][0] == str(parcels.bands[1].min_zoom)
    assert SOURCES["cadastre_building", "buildings"][0] == str(buildings.min_zoom)
    assert SOURCES["citygis_camera", "cameras"][0] == str(cameras.min_zoom)
    infrastructure = LAYERS["infrastructure"]
    assert SOURCES["citygis_infrastructuresegment", "infrastructure"][0] == (
        f"CASE WHEN network = 'road' THEN {infrastructure.bands[0].min_zoom} "
        f"ELSE {infrastructure.bands[1].min_zoom} END"
    )
    assert SOURCES["citygis_infrastructurenode", "infrastructure"][0] == str(
        infrastructure.bands[2].min_zoom
    )
    areas = LAYERS["admin_areas"]
    assert SOURCES["citygis_adminarea", "admin_areas"][0] == (
        f"CASE level WHEN 'district' THEN {areas.bands[0].min_zoom} "
        f"WHEN 'mahalla' THEN {areas.bands[1].min_zoom} "
        f"WHEN 'block' THEN {areas.bands[2].min_zoom} END"
    )
    assert {high for _, high in SOURCES.values()} <= {str(MAX_ZOOM), "13"}
