"""Parcels from GeoJSON, GeoPackage and Shapefiles into the register (real PostGIS, ogr2ogr)."""

import json
import math

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadastre.models import Parcel
from gis.models import AdminArea
from tests.importer.conftest import FIXTURES, import_layer
from tests.importer.utm import utm_north

pytestmark = pytest.mark.django_db(transaction=True)

GOOD = ["10:01:01:01:01:0001", "10:01:01:01:01:0002", "10:01:01:01:01:0003"]


def test_geojson_parcels_good_ones_registered_bad_ones_reported(tmp_path):
    # when
    run = import_layer(tmp_path, "parcels.geojson", "--kind", "parcels")
    # then
    assert run.output.startswith("imported 3, rejected 14;")
    parcels = Parcel.objects.current().order_by("cadastral_number")
    assert [parcel.cadastral_number for parcel in parcels] == GOOD
    first = parcels[0]
    assert (first.land_use, first.address, str(first.area_official_m2)) == (
        "residential",
        "Navoiy ko'chasi 1",
        "280.50",
    )
    assert parcels[2].land_use == "residential"  # "Residential" in the file
    assert {parcel.source_srid for parcel in parcels} == {4326}
    assert {parcel.geom.srid for parcel in parcels} == {32642}
    assert {parcel.geom.geom_type for parcel in parcels} == {"MultiPolygon"}
    assert all(parcel.version == 1 and parcel.valid_until is None for parcel in parcels)
    # every refused feature is in the report with its id and reason
    report = run.report
    assert sorted(report, key=int) == [str(fid) for fid in range(4, 18)]
    assert report["4"].startswith("invalid geometry: Self-intersection[")
    assert report["5"] == "empty geometry"
    assert report["6"].startswith("wrong geometry type POINT: parcels need polygons")
    assert "the district group must be 2 digits, not '1'" in report["7"]
    assert "appears more than once in the file (also feature 9)" in report["8"]
    assert "appears more than once in the file (also feature 8)" in report["9"]
    assert report["10"] == "no geometry"
    assert report["11"].startswith("outside the deployment area")
    assert "x and y swapped it would lie inside" not in report["11"]
    assert "with x and y swapped it would lie inside" in report["12"]
    assert report["13"] == "overlaps feature 17 beyond the 0.05 m tolerance"
    assert report["17"] == "overlaps feature 13 beyond the 0.05 m tolerance"
    assert report["14"] == "missing land_use"
    assert report["15"].startswith("land_use 'garden' is not one of: residential")
    assert report["16"] == "area_official_m2 'about 300' is not a positive number of square metres"
    assert [row["label"] for row in run.report_rows][:2] == [
        "10:01:01:01:01:0004",
        "10:01:01:01:01:0005",
    ]


def test_importing_the_same_file_again_registers_nothing_new(tmp_path):
    # given
    import_layer(tmp_path, "parcels.geojson", "--kind", "parcels")
    # when
    run = import_layer(tmp_path, "parcels.geojson", "--kind", "parcels")
    # then
    assert run.output.startswith("imported 0, rejected 17;")
    assert run.report["1"] == (
        f"parcel {GOOD[0]} is already registered (current version since "
        f"{Parcel.objects.get(cadastral_number=GOOD[0]).valid_from.date()})"
    )
    assert Parcel.objects.count() == 3


def square_feature(fid: int, number: str, west: float) -> dict:
    """A parcel-sized square in degrees on the fixture's first row, its west edge at `west`."""
    south, north, east = 41.3, 41.30015, west + 0.0002
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {
        "type": "Feature",
        "id": fid,
        "properties": {"cadastral_number": number, "land_use": "public"},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def test_overlaps_with_registered_parcels_beyond_the_tolerance_are_refused(tmp_path):
    # given: parcels 1..3 registered side by side from 69.2800 to 69.2806 E
    import_layer(tmp_path, "parcels.geojson", "--kind", "parcels")
    two_centimetres = 0.02 / 83_800  # degrees of longitude at 41.3 N
    new = tmp_path / "new.geojson"
    features = [
        # half over parcel 1: refused
        square_feature(1, "10:01:01:01:01:0098", 69.2799),
        # 2 cm into parcel 3, a digitising sliver: accepted
        square_feature(2, "10:01:01:01:01:0099", 69.2806 - two_centimetres),
    ]
    new.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    report = tmp_path / "new.csv"
    # when
    call_command("import_layer", str(new), "--kind", "parcels", "--report", str(report))
    # then
    assert (
        f"1,10:01:01:01:01:0098,overlaps registered parcel {GOOD[0]} beyond the 0.05 m tolerance"
        in (report.read_text())
    )
    assert list(
        Parcel.objects.filter(
            cadastral_number__in=["10:01:01:01:01:0098", "10:01:01:01:01:0099"]
        ).values_list("cadastral_number", flat=True)
    ) == ["10:01:01:01:01:0099"]


def test_dry_run_writes_nothing_but_reports(tmp_path):
    # when
    run = import_layer(tmp_path, "parcels.geojson", "--kind", "parcels", "--dry-run")
    # then
    assert run.output.startswith("would import 3, rejected 14;")
    assert len(run.report) == 14
    assert Parcel.objects.count() == 0


def test_a_run_that_fails_after_inserting_leaves_nothing(tmp_path):
    # given: the report cannot be written (its folder is a file), which is found out only
    # after the parcels were inserted
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    # when / then
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command(
            "import_layer",
            str(FIXTURES / "parcels.geojson"),
            "--kind",
            "parcels",
            "--report",
            str(blocker / "report.csv"),
        )
    assert Parcel.objects.count() == 0


def test_geopackage_admin_areas_then_parcels_join_their_block(tmp_path):
    # when
    areas = import_layer(tmp_path, "city.gpkg", "--kind", "admin_areas", "--layer", "admin_areas")
    parcels = import_layer(
        tmp_path,
        "city.gpkg",
        "--kind",
        "parcels",
        "--layer",
        "parcels",
        "--map",
        "cadastral_number=cad_num",
    )
    # then: the area tree is built from the file, parents before children
    assert areas.output.startswith("imported 4, rejected 4;")
    tree = {
        area.code: area.parent.code if area.parent else None for area in AdminArea.objects.all()
    }
    assert tree == {
        "10": None,
        "10:01": "10",
        "10:01:01": "10:01",
        "10:01:01:01:01": "10:01:01",
    }
    assert areas.report["6"].startswith("code '10:01:01:01' is not five two-digit groups")
    assert "appears more than once" in areas.report["5"]
    assert "appears more than once" in areas.report["7"]
    assert (
        areas.report["8"] == "parent area '10:99' is neither registered nor accepted from this file"
    )
    # parcels in EPSG:32642, with one bow-tie and one number missing its parcel group
    assert parcels.output.startswith("imported 2, rejected 2;")
    assert parcels.report["3"].startswith("invalid geometry: Self-intersection")
    assert "expected 6 groups (parcel)" in parcels.report["4"]
    assert "cadastral_number (field 'cad_num')" in parcels.report["4"]
    registered = Parcel.objects.order_by("cadastral_number")
    assert [(p.cadastral_number, p.block.code, p.source_srid) for p in registered] == [
        ("10:01:01:01:01:0101", "10:01:01:01:01", 32642),
        ("10:01:01:01:01:0102", "10:01:01:01:01", 32642),
    ]


# South-west corner of parcel 101 in the fixture, from which both shapefiles were made.
CORNER_101 = (69.28, 41.3009)


def distance_to_nearest_vertex(parcel: Parcel, point: tuple[float, float]) -> float:
    """Metres from `point` to the closest vertex of the parcel's boundary."""
    return min(math.dist(vertex, point) for vertex in parcel.geom[0][0])


def test_shapefile_without_prj_imports_with_srid_at_the_exact_coordinates(tmp_path):
    # when
    run = import_layer(
        tmp_path,
        "parcels_noprj.shp",
        "--kind",
        "parcels",
        "--srid",
        "32642",
        "--map",
        "cadastral_number=cad_num",
    )
    # then: a known point lands where the UTM formula puts it
    assert run.output.startswith("imported 2, rejected 2;")
    parcel = Parcel.objects.get(cadastral_number="10:01:01:01:01:0101")
    assert parcel.source_srid == 32642
    assert distance_to_nearest_vertex(parcel, utm_north(*CORNER_101, zone=42)) < 0.01


def test_gauss_kruger_shapefile_is_reprojected_to_utm(tmp_path):
    # when: Pulkovo 1942 / Gauss-Kruger zone 12 with its .prj, and short shapefile field names
    run = import_layer(
        tmp_path, "parcels_gk12.shp", "--kind", "parcels", "--map", "cadastral_number=cad_num"
    )
    # then: the fixture went WGS 84 -> Pulkovo 1942 -> back, through a datum shift each way,
    # so it gets metres of leeway, not millimetres
    assert run.output.startswith("imported 2, rejected 2;")
    parcel = Parcel.objects.get(cadastral_number="10:01:01:01:01:0101")
    assert parcel.source_srid == 28412
    assert distance_to_nearest_vertex(parcel, utm_north(*CORNER_101, zone=42)) < 5


def test_projected_coordinates_given_as_degrees_get_a_hint(tmp_path):
    # when: UTM metres declared as EPSG:4326
    run = import_layer(
        tmp_path,
        "parcels_noprj.shp",
        "--kind",
        "parcels",
        "--srid",
        "4326",
        "--map",
        "cadastral_number=cad_num",
    )
    # then
    assert run.output.startswith("imported 0, rejected 4;")
    assert "EPSG:4326 counts in degrees but these coordinates are not degrees" in run.report["0"]
