"""Geometry checks and the vertex-keeping round trip, without the database."""

import re

from django.conf import settings
from django.contrib.gis.geos import MultiPolygon, Polygon

from core.forms import geometry_problem, restore_unmoved_vertices
from tests.geometry import ORIGIN_X, ORIGIN_Y, rectangle


def through_the_map(geom: MultiPolygon) -> MultiPolygon:
    """The geometry as it comes back from the browser: via Web Mercator, nanometres off."""
    return geom.transform(3857, clone=True).transform(settings.MAKON_SRID, clone=True)


def with_hole() -> MultiPolygon:
    x, y = ORIGIN_X, ORIGIN_Y
    outer = ((x, y), (x + 50, y), (x + 50, y + 50), (x, y + 50), (x, y))
    hole = (
        (x + 10, y + 10),
        (x + 20, y + 10),
        (x + 20, y + 20),
        (x + 10, y + 20),
        (x + 10, y + 10),
    )
    second = ((x + 100, y), (x + 120, y), (x + 120, y + 20), (x + 100, y))
    return MultiPolygon(Polygon(outer, hole), Polygon(second), srid=settings.MAKON_SRID)


def test_a_round_trip_changes_coordinates_and_restoring_puts_them_back():
    stored = with_hole()
    returned = through_the_map(stored)
    assert returned.wkb != stored.wkb
    assert restore_unmoved_vertices(returned, stored).wkb == stored.wkb


def test_only_moved_vertices_keep_their_new_place():
    stored = rectangle(0, 0, 30, 30)
    ring = [list(c) for c in through_the_map(stored).coords[0][0]]
    ring[2][0] += 0.5  # one corner dragged half a metre
    edited = MultiPolygon(Polygon(ring), srid=stored.srid)
    restored = restore_unmoved_vertices(edited, stored)
    old, new = stored.coords[0][0], restored.coords[0][0]
    assert [new[i] == old[i] for i in range(5)] == [True, True, False, True, True]
    assert abs(new[2][0] - old[2][0] - 0.5) < 1e-6


def test_a_new_vertex_is_left_where_it_was_drawn():
    stored = rectangle(0, 0, 30, 30)
    x0, y0 = stored.coords[0][0][0]
    ring = [*stored.coords[0][0][:1], (x0 + 15, y0 - 5), *stored.coords[0][0][1:]]
    restored = restore_unmoved_vertices(MultiPolygon(Polygon(ring), srid=stored.srid), stored)
    assert restored.coords[0][0][1] == (x0 + 15, y0 - 5)


def test_problems_are_named():
    x, y = ORIGIN_X, ORIGIN_Y
    bowtie = MultiPolygon(
        Polygon(((x, y), (x + 10, y + 10), (x + 10, y), (x, y + 10), (x, y))),
        srid=settings.MAKON_SRID,
    )
    assert geometry_problem(rectangle(0, 0, 10, 10)) is None
    assert geometry_problem(MultiPolygon(srid=settings.MAKON_SRID)).startswith(
        "The geometry is empty"
    )
    assert re.search(r"Self-intersection near \d+\.\d{6} E, \d+\.\d{6} N", geometry_problem(bowtie))
    far = rectangle(5_000_000, 0, 10, 10)
    assert "outside the deployment area" in geometry_problem(far)
