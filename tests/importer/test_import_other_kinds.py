"""Buildings, cameras and network lines from GeoJSON."""

import io

import pytest
from django.core.management import call_command

from cadastre.models import Building
from gis.models import Camera, InfrastructureSegment
from tests.importer.conftest import FIXTURES, import_layer
from tests.importer.utm import utm_north

pytestmark = pytest.mark.django_db(transaction=True)


def test_geojson_cameras_values_and_refusals(tmp_path):
    # when
    run = import_layer(tmp_path, "cameras.geojson", "--kind", "cameras")
    # then
    assert run.output.startswith("imported 1, rejected 5;")
    camera = Camera.objects.get()
    assert (camera.name, camera.kind, camera.status, camera.source_ref) == (
        "Navoiy 1",
        "fixed",
        "active",
        "1",
    )
    assert (camera.direction_deg, camera.field_of_view_deg, camera.range_m) == (45, 60, 80)
    # a known point lands at its UTM zone 42N coordinates (formula outside PROJ), to 1 cm
    easting, northing = utm_north(69.2801, 41.3001, zone=42)
    assert camera.geom.x == pytest.approx(easting, abs=0.01)
    assert camera.geom.y == pytest.approx(northing, abs=0.01)
    assert run.report == {
        "2": "direction_deg '400' is not a bearing from 0 to 360 degrees",
        "3": "kind 'thermal' is not one of: fixed, dome, ptz, anpr",
        "4": "wrong geometry type MULTIPOINT of 2 points: cameras need points "
        "(or a MultiPoint of one point)",
        "5": "wrong geometry type POLYGON: cameras need points (or a MultiPoint of one point)",
        "6": "range_m '9000' is not a distance above 0 and up to 5000 metres",
    }


def test_geojson_lines_multilines_split_into_segments(tmp_path):
    # when
    run = import_layer(tmp_path, "infrastructure.geojson", "--kind", "infrastructure")
    # then
    assert run.output.startswith(
        "imported 2, rejected 4 (3 records: multi-part lines are split into segments);"
    )
    segments = {
        segment.source_ref: (segment.network, segment.geom.geom_type, segment.geom.srid)
        for segment in InfrastructureSegment.objects.all()
    }
    assert segments == {
        "1": ("water", "LineString", 32642),
        "2#1": ("gas", "LineString", 32642),
        "2#2": ("gas", "LineString", 32642),
    }
    water = InfrastructureSegment.objects.get(source_ref="1")
    assert (water.diameter_mm, water.material, water.status) == (300, "steel", "operational")
    assert run.report["3"].startswith("network 'oil' is not one of: water, sewer")
    assert run.report["4"] == "missing network"
    assert run.report["5"] == "diameter_mm 'big' is not a positive whole number of millimetres"
    assert run.report["6"].startswith("invalid geometry: Too few points")


def test_geojson_buildings_numbers_floors_and_uses(tmp_path):
    # when
    run = import_layer(tmp_path, "buildings.geojson", "--kind", "buildings")
    # then
    assert run.output.startswith("imported 2, rejected 3;")
    buildings = {
        building.source_ref: (building.cadastral_number, building.use, building.floors)
        for building in Building.objects.all()
    }
    assert buildings == {
        "1": ("10:01:01:01:01:0001:0001", "apartments", 9),
        "5": (None, "house", None),
    }
    assert Building.objects.get(source_ref="1").parcel_number == "10:01:01:01:01:0001"
    assert run.report["2"] == "floors '200' is not a whole number of floors from 1 to 150"
    assert run.report["3"].endswith("is a parcel number; a building number was expected.")
    assert run.report["4"].startswith("use 'palace' is not one of: house, apartments")


def test_without_report_path_the_report_goes_under_var_reports(tmp_path, settings):
    # given
    settings.BASE_DIR = tmp_path
    stdout = io.StringIO()
    # when
    call_command(
        "import_layer",
        str(FIXTURES / "cameras.geojson"),
        "--kind",
        "cameras",
        "--dry-run",
        stdout=stdout,
    )
    # then
    (report,) = (tmp_path / "var" / "reports").glob("import-cameras-*.csv")
    assert stdout.getvalue() == f"would import 1, rejected 5; report: {report}\n"
    assert report.read_text().splitlines()[0] == "source_id,label,reason"
    assert len(report.read_text().splitlines()) == 6
    assert Camera.objects.count() == 0


def test_geopackage_layers_in_utm_give_the_same_outcome_as_geojson(tmp_path):
    # when: the GeoJSON fixtures' features as GeoPackage layers in EPSG:32642
    buildings = import_layer(tmp_path, "city.gpkg", "--kind", "buildings", "--layer", "buildings")
    cameras = import_layer(tmp_path, "city.gpkg", "--kind", "cameras", "--layer", "cameras")
    network = import_layer(tmp_path, "city.gpkg", "--kind", "infrastructure", "--layer", "network")
    # then
    assert buildings.output.startswith("imported 2, rejected 3;")
    assert sorted(buildings.report) == ["2", "3", "4"]
    assert cameras.output.startswith("imported 1, rejected 5;")
    assert sorted(cameras.report) == ["2", "3", "4", "5", "6"]
    assert network.output.startswith("imported 2, rejected 4 (3 records")
    assert sorted(network.report) == ["3", "4", "5", "6"]
    easting, northing = utm_north(69.2801, 41.3001, zone=42)
    camera = Camera.objects.get()
    assert (camera.geom.x, camera.geom.y) == pytest.approx((easting, northing), abs=0.01)
