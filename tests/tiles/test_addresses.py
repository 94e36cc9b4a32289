"""Every bad tile address is refused before any SQL runs, with a message that says why."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("_case", "path", "status", "says"),
    [
        ("unknown_layer", "/tiles/owners/14/11000/6000.pbf", 404, "no tile layer 'owners'"),
        ("unknown_layer_json", "/tiles/owners.json", 404, "Layers: parcels, buildings"),
        ("zoom_above_22", "/tiles/admin_areas/23/0/0.pbf", 404, "tiles go from zoom 0 to 22"),
        ("zoom_huge", "/tiles/admin_areas/" + "9" * 400 + "/0/0.pbf", 404, "zoom 0 to 22"),
        ("zoom_negative", "/tiles/admin_areas/-1/0/0.pbf", 404, "zoom 0 to 22"),
        ("below_parcels", "/tiles/parcels/11/1413/765.pbf", 404, "from zoom 12 to 22"),
        ("below_buildings", "/tiles/buildings/14/11309/6124.pbf", 404, "from zoom 15 to 22"),
        ("below_cameras", "/tiles/cameras/12/2827/1531.pbf", 404, "from zoom 13 to 22"),
        ("below_infra", "/tiles/infrastructure/11/1413/765.pbf", 404, "from zoom 12 to 22"),
        ("below_incidents", "/tiles/incidents/9/353/191.pbf", 404, "from zoom 10 to 22"),
        ("x_too_big", "/tiles/parcels/14/16384/6124.pbf", 404, "x goes from 0 to 16383"),
        ("y_too_big", "/tiles/parcels/14/11309/16384.pbf", 404, "y goes from 0 to 16383"),
        ("x_negative", "/tiles/parcels/14/-1/6124.pbf", 404, "x goes from 0 to 16383"),
        ("y_huge", "/tiles/parcels/14/1/" + "7" * 400 + ".pbf", 404, "y goes from 0 to"),
        ("zoom_0_x_1", "/tiles/admin_areas/0/1/0.pbf", 404, "x goes from 0 to 0"),
        ("zoom_not_a_number", "/tiles/parcels/z/1/1.pbf", 400, "zoom must be a whole number"),
        ("x_not_a_number", "/tiles/parcels/14/abc/1.pbf", 400, "x must be a whole number"),
        ("y_decimal", "/tiles/parcels/14/1/1.5.pbf", 400, "y must be a whole number"),
        ("x_plus_sign", "/tiles/parcels/14/+1/1.pbf", 400, "x must be a whole number"),
        ("y_arabic_digits", "/tiles/parcels/14/1/\u0661\u0662.pbf", 400, "y must be a whole"),
        ("x_underscore", "/tiles/parcels/14/1_0/1.pbf", 400, "x must be a whole number"),
    ],
)
def test_bad_address_is_refused_before_sql(
    client, django_assert_num_queries, _case, path, status, says
):
    with django_assert_num_queries(0):
        response = client.get(path)

    assert response.status_code == status
    assert says in response.json()["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "/tiles/parcels/14/1.pbf",
        "/tiles/parcels/14/1/2/3.pbf",
        "/tiles/parcels/14/1/2.png",
        "/tiles/parcels/14/1/2",
    ],
)
def test_a_path_that_is_no_tile_address_is_not_found(client, django_assert_num_queries, path):
    with django_assert_num_queries(0):
        response = client.get(path)

    assert response.status_code == 404


def test_below_its_range_a_layer_says_what_the_map_shows_instead(client):
    response = client.get("/tiles/buildings/13/5654/3062.pbf")

    assert response.status_code == 404
    assert (
        "the parcels layer draws parcels (zoom 14) and blocks (zoom 12-13)"
        in (response.json()["detail"])
    )


def test_tiles_answer_only_reads(client):
    response = client.post("/tiles/parcels/14/11309/6124.pbf")

    assert response.status_code == 405
