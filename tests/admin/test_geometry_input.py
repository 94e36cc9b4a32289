"""Geometry posted through the admin is checked by the form, with a message a clerk can act on."""

import json

import pytest
from django.conf import settings

from cadastre.models import Parcel
from gis.models import AdminArea, Camera
from tests.admin.helpers import admin_url, mercator_polygon, mercator_square, parcel_data

pytestmark = pytest.mark.django_db


def near_parcel(parcel: Parcel) -> tuple[float, float]:
    return parcel.geom.transform(3857, clone=True).centroid.coords


def bowtie(x: float, y: float) -> str:
    return mercator_polygon((x, y), (x + 40, y + 40), (x + 40, y), (x, y + 40))


def new_parcel_data(geom: str) -> dict[str, str]:
    return {
        "cadastral_number": "10:01:01:01:01:0900",
        "land_use": "residential",
        "address": "",
        "block": "",
        "source_srid": "",
        "area_official_m2": "",
        "geom": geom,
    }


def test_a_self_intersecting_parcel_is_a_form_error(admin_client, register):
    # given
    x, y = near_parcel(register.parcel)
    # when
    response = admin_client.post(admin_url(Parcel, "add"), new_parcel_data(bowtie(x, y)))
    # then
    assert response.status_code == 200
    page = response.content.decode()
    assert "The geometry is not valid: Self-intersection near " in page
    assert " E, " in page  # the place is given in degrees
    assert not Parcel.objects.filter(cadastral_number="10:01:01:01:01:0900").exists()


def test_a_self_intersecting_change_is_a_form_error_and_registers_nothing(admin_client, register):
    # given
    parcel = register.parcel
    x, y = near_parcel(parcel)
    data = parcel_data(admin_client, parcel, geom=bowtie(x, y))
    # when
    response = admin_client.post(admin_url(Parcel, "change", parcel.pk), data)
    # then
    assert response.status_code == 200
    assert "Self-intersection" in response.content.decode()
    assert Parcel.objects.filter(uid=parcel.uid).count() == 1
    parcel.refresh_from_db()
    assert parcel.valid_until is None


def test_an_empty_geometry_is_a_form_error(admin_client, register):
    empty = json.dumps({"type": "MultiPolygon", "coordinates": []})
    response = admin_client.post(admin_url(Parcel, "add"), new_parcel_data(empty))
    assert response.status_code == 200
    assert "The geometry is empty" in response.content.decode()


def test_a_missing_geometry_is_a_form_error(admin_client, register):
    response = admin_client.post(admin_url(Parcel, "add"), new_parcel_data(""))
    assert response.status_code == 200
    assert "No geometry value provided." in response.content.decode()


def test_garbage_instead_of_a_geometry_is_a_form_error(admin_client, register):
    response = admin_client.post(admin_url(Parcel, "add"), new_parcel_data("{not json"))
    assert response.status_code == 200
    assert "Invalid geometry value." in response.content.decode()


def test_a_geometry_outside_the_deployment_area_is_a_form_error(admin_client, register):
    # given: a square near Paris, which a wrong CRS or swapped axes would produce
    response = admin_client.post(
        admin_url(Parcel, "add"), new_parcel_data(mercator_square(261_000, 6_250_000, 40))
    )
    assert response.status_code == 200
    assert "outside the deployment area" in response.content.decode()


def test_a_single_polygon_is_taken_as_a_multipolygon(admin_client, register):
    # given
    x, y = near_parcel(register.parcel)
    single = json.dumps(
        {
            "type": "Polygon",
            "coordinates": [[[x + 300, y], [x + 330, y], [x + 330, y + 30], [x + 300, y]]],
        }
    )
    # when
    response = admin_client.post(admin_url(Parcel, "add"), new_parcel_data(single))
    # then
    assert response.status_code == 302
    parcel = Parcel.objects.get(cadastral_number="10:01:01:01:01:0900")
    assert parcel.geom.geom_type == "MultiPolygon"
    assert parcel.geom.srid == settings.MAKON_SRID


def test_a_line_where_a_boundary_is_expected_is_named(admin_client, register):
    x, y = near_parcel(register.parcel)
    line = json.dumps({"type": "LineString", "coordinates": [[x, y], [x + 10, y + 10]]})
    response = admin_client.post(admin_url(Parcel, "add"), new_parcel_data(line))
    assert response.status_code == 200
    assert "Expected a MultiPolygon here." in response.content.decode()


def test_a_self_intersecting_area_boundary_is_a_form_error(admin_client, register):
    x, y = near_parcel(register.parcel)
    data = {
        "level": "mahalla",
        "code": "10:01:M1",
        "name_uz": "Chilonzor-1",
        "name_ru": "",
        "name_en": "",
        "parent": register.district.pk,
        "source_ref": "",
        "geom": bowtie(x, y),
    }
    response = admin_client.post(admin_url(AdminArea, "add"), data)
    assert response.status_code == 200
    assert "Self-intersection" in response.content.decode()


def test_a_camera_is_placed_on_the_map(admin_client, register):
    # given
    x, y = near_parcel(register.parcel)
    data = {
        "name": "Chorsu 2",
        "kind": "dome",
        "status": "active",
        "direction_deg": "",
        "field_of_view_deg": "360",
        "range_m": "60",
        "stream_ref": "",
        "source_ref": "",
        "geom": json.dumps({"type": "Point", "coordinates": [x, y]}),
    }
    # when
    response = admin_client.post(admin_url(Camera, "add"), data)
    # then
    assert response.status_code == 302
    camera = Camera.objects.get(name="Chorsu 2")
    assert camera.geom.distance(register.parcel.geom.centroid) < 0.001
