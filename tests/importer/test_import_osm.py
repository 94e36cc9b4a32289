"""Buildings, cameras and networks from an OSM PBF of central Tashkent (fixtures/import)."""

import pytest

from cadastre.models import Building
from gis.models import Camera, InfrastructureSegment
from tests.importer.conftest import import_layer

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("name", ["tashkent.osm.pbf", "tashkent.osm"])
def test_osm_cameras_directions_kinds_and_fields_of_view(tmp_path, name):
    # when: the PBF and the XML it was made from
    run = import_layer(tmp_path, name, "--kind", "cameras")
    # then
    assert run.output.startswith("imported 5, rejected 2 (skipped 2 features that are not cameras)")
    cameras = {
        camera.source_ref: (camera.kind, camera.direction_deg, camera.field_of_view_deg)
        for camera in Camera.objects.all()
    }
    assert cameras == {
        # camera:angle=15 is the tilt: no field of view comes from it
        "node/301": ("fixed", 45.0, None),
        "node/302": ("dome", 225.0, 360.0),
        "node/303": ("ptz", 135.0, 90.0),
        "node/304": ("anpr", 337.5, None),
        "node/305": ("fixed", 0.0, 120.0),
    }
    assert Camera.objects.get(source_ref="node/301").name == "Amir Temur square 1"
    assert run.report["node/306"].startswith("camera:direction 'sideways' is not a bearing")
    assert run.report["node/309"] == "camera:direction '400' is more than 360 degrees"
    assert set(run.report) == {"node/306", "node/309"}


def test_osm_buildings_uses_floors_and_refusals(tmp_path):
    # when
    run = import_layer(tmp_path, "tashkent.osm.pbf", "--kind", "buildings")
    # then
    assert run.output.startswith(
        "imported 4, rejected 3 (skipped 1 features that are not buildings)"
    )
    buildings = {
        building.source_ref: (building.use, building.floors, building.year_built)
        for building in Building.objects.all()
    }
    assert buildings == {
        "way/101": ("apartments", 9, 1978),
        "way/102": ("house", 2, None),
        "way/103": ("public", None, None),  # building=yes + amenity=school
        "relation/201": ("commercial", None, None),  # building=retail, with a courtyard
    }
    apartments = Building.objects.get(source_ref="way/101")
    assert apartments.address == "Amir Temur shoh ko'chasi 12"
    assert apartments.cadastral_number is None
    assert len(Building.objects.get(source_ref="relation/201").geom[0]) == 2  # outer + inner ring
    assert run.report["way/104"].startswith("building=yes does not say what the building is used")
    assert run.report["way/105"].startswith("invalid geometry: Self-intersection")
    assert run.report["way/106"] == (
        "building:levels 'many' is not a whole number of floors from 1 to 150"
    )


def test_osm_lines_become_network_segments(tmp_path):
    # when
    run = import_layer(tmp_path, "tashkent.osm.pbf", "--kind", "infrastructure")
    # then
    assert run.output.startswith(
        "imported 10, rejected 1 (skipped 1 features that are not infrastructure)"
    )
    segments = {
        segment.source_ref: (segment.network, segment.status)
        for segment in InfrastructureSegment.objects.all()
    }
    assert segments == {
        "way/401": ("road", "operational"),
        "way/402": ("water", "operational"),
        "way/403": ("gas", "operational"),
        "way/404": ("sewer", "operational"),
        "way/405": ("heating", "operational"),
        "way/406": ("power", "operational"),
        "way/407": ("power", "operational"),
        "way/408": ("power", "operational"),
        "way/409": ("telecom", "operational"),
        "way/412": ("road", "planned"),
    }
    water = InfrastructureSegment.objects.get(source_ref="way/402")
    assert (water.diameter_mm, water.material, water.owner_body) == (
        300,
        "steel",
        "Toshkent shahar suvoqova",
    )
    assert run.report == {
        "way/410": "pipeline substance 'oil' is not a city network (water, gas, sewage, heat)"
    }
