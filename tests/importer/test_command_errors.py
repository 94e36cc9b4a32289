"""Files, layers, CRSs and mappings the importer refuses before it touches the database."""

import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.importer.conftest import FIXTURES


def run(*args: str) -> None:
    call_command("import_layer", *args)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("corrupt.gpkg", "cannot be read as a GeoPackage, Shapefile, GeoJSON or OSM file"),
        ("corrupt.geojson", "cannot be read as a GeoPackage, Shapefile, GeoJSON or OSM file"),
        ("empty.geojson", "has no features"),
        ("missing.gpkg", "does not exist"),
    ],
)
def test_unreadable_or_empty_files_are_refused_with_one_line(name, message):
    # when / then
    with pytest.raises(CommandError, match=message) as raised:
        run(str(FIXTURES / name), "--kind", "parcels")
    assert "\n" not in str(raised.value)


def test_a_zero_byte_file_is_refused(tmp_path):
    # given
    empty = tmp_path / "nothing.gpkg"
    empty.write_bytes(b"")
    # when / then
    with pytest.raises(CommandError, match="is empty"):
        run(str(empty), "--kind", "parcels")


def test_unknown_layer_lists_the_available_ones():
    with pytest.raises(CommandError, match="has no layer 'lots'; its layers are: ") as raised:
        run(str(FIXTURES / "city.gpkg"), "--kind", "parcels", "--layer", "lots")
    assert "parcels" in str(raised.value)
    assert "admin_areas" in str(raised.value)


def test_a_file_with_several_layers_needs_layer():
    with pytest.raises(CommandError, match="choose one with --layer"):
        run(str(FIXTURES / "city.gpkg"), "--kind", "parcels")


def test_a_file_without_crs_is_refused_without_srid():
    with pytest.raises(CommandError, match="does not say which coordinate reference system"):
        run(str(FIXTURES / "parcels_noprj.shp"), "--kind", "parcels")


def test_srid_contradicting_the_files_crs_is_refused():
    with pytest.raises(
        CommandError, match="--srid 4326 contradicts the file's own CRS, EPSG:32642"
    ):
        run(
            str(FIXTURES / "city.gpkg"),
            "--kind",
            "parcels",
            "--layer",
            "parcels",
            "--srid",
            "4326",
            "--map",
            "cadastral_number=cad_num",
        )


def test_srid_contradicting_a_prj_without_epsg_code_is_refused(tmp_path):
    # given: the Gauss-Kruger .prj (ESRI WKT) identifies as EPSG:28412
    for part in FIXTURES.glob("parcels_gk12.*"):
        shutil.copy(part, tmp_path / part.name)
    # when / then
    with pytest.raises(CommandError, match="contradicts the file's own CRS, EPSG:28412"):
        run(str(tmp_path / "parcels_gk12.shp"), "--kind", "parcels", "--srid", "32642")


def test_unknown_epsg_code_is_refused():
    with pytest.raises(CommandError, match="EPSG:999999 is not a coordinate reference system"):
        run(str(FIXTURES / "parcels_noprj.shp"), "--kind", "parcels", "--srid", "999999")


def test_srid_must_be_an_integer():
    with pytest.raises(CommandError, match="not an EPSG code"):
        run(str(FIXTURES / "parcels_noprj.shp"), "--kind", "parcels", "--srid", "+proj=utm")


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ("owner=cad_num", "parcels have no field 'owner'"),
        ("cadastral_number=kadastr", "layer 'parcels' has no field 'kadastr' \\(fields: cad_num"),
        ("cadastral_number", "is not target=source"),
    ],
)
def test_bad_mappings_are_refused(mapping, message):
    with pytest.raises(CommandError, match=message):
        run(
            str(FIXTURES / "city.gpkg"), "--kind", "parcels", "--layer", "parcels", "--map", mapping
        )


def test_a_missing_required_field_names_the_fields_there_are():
    with pytest.raises(
        CommandError,
        match="parcels need cadastral_number, but layer 'parcels' has no field "
        "'cadastral_number'; name the field that holds it with --map cadastral_number=FIELD "
        "\\(fields: cad_num, land_use\\)",
    ):
        run(str(FIXTURES / "city.gpkg"), "--kind", "parcels", "--layer", "parcels")


def test_osm_files_hold_no_parcels():
    with pytest.raises(CommandError, match="OSM files hold no parcels"):
        run(str(FIXTURES / "tashkent.osm.pbf"), "--kind", "parcels")


def test_osm_files_take_no_field_mapping():
    with pytest.raises(CommandError, match="--map does not apply to OSM files"):
        run(str(FIXTURES / "tashkent.osm.pbf"), "--kind", "buildings", "--map", "use=building")


def test_osm_kinds_read_their_own_layer():
    with pytest.raises(CommandError, match="cameras are read from the OSM layer 'points'"):
        run(str(FIXTURES / "tashkent.osm.pbf"), "--kind", "cameras", "--layer", "lines")


@pytest.mark.django_db
def test_inside_a_transaction_the_importer_refuses_to_start():
    # given: pytest-django's plain django_db wraps the test in a transaction
    # when / then
    with pytest.raises(CommandError, match="call it outside any transaction"):
        run(str(FIXTURES / "parcels.geojson"), "--kind", "parcels")
