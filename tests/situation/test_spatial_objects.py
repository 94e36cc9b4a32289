"""Parcels, buildings, apartments and holders around a place; network segments nearby.

Two districts meet at x = 2000 m from the test origin. An operator limited to the first reads
holders' names there and counts only across the border; a registrar reads all names; a citizen
none.
"""

import pytest
from django.contrib.gis.geos import LineString

from accounts.models import Role
from accounts.testing import make_user
from audit.models import Action, AuditEntry
from cadastre.models import Building, PartyGroup, PartyGroupMember, Property
from core.exceptions import InvalidInputError
from gis.models import InfrastructureNode, Network
from situation.spatial import network_near, objects_near
from tests.api.factories import (
    make_building,
    make_parcel,
    make_segment,
    make_units,
)
from tests.factories import make_bank, make_person, make_property, make_right
from tests.geometry import point, square
from tests.situation.helpers import make_chain_and_east

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    """A parcel with a 12-flat block (two flats sold) in district A, a house across the border."""
    chain, east = make_chain_and_east()
    flats_parcel = make_parcel(block=chain["block"], geom=square(1950, 0, 40))
    block = make_building(parcel=flats_parcel, use=Building.Use.APARTMENTS, floors=4)
    flats = make_units(building=block, count=12)
    land = make_property(number=flats_parcel.cadastral_number)
    make_right(prop=land, party=make_bank(name="Toshkent shahar hokimligi"))
    owner_a = make_person(last_name="Aliyev", first_name="Bobur")
    make_right(
        prop=make_property(number=flats[0].cadastral_number, kind=Property.Kind.UNIT), party=owner_a
    )
    family = PartyGroup.objects.create(name="Yusupovlar", kind=PartyGroup.Kind.FAMILY)
    for last_name in ("Yusupov", "Yusupova"):
        PartyGroupMember.objects.create(group=family, party=make_person(last_name=last_name))
    make_right(
        prop=make_property(number=flats[1].cadastral_number, kind=Property.Kind.UNIT),
        party_group=family,
        party=None,
    )
    house_parcel = make_parcel(
        number="10:02:01:01:01:0001", geom=square(2010, 0, 20), address="Sharq ko'chasi, 1"
    )
    make_building(parcel=house_parcel)
    make_right(
        prop=make_property(number=house_parcel.cadastral_number),
        party=make_person(last_name="Sharipov"),
    )
    far = make_parcel(block=chain["block"], geom=square(1200, 0, 20))
    make_right(prop=make_property(number=far.cadastral_number), party=make_person())
    return {
        "district_a": chain["district"],
        "district_b": east,
        "flats_parcel": flats_parcel,
        "block": block,
        "house_parcel": house_parcel,
        "far": far,
    }


def names(obj):
    return None if obj.holders is None else [h.name for h in obj.holders]


def test_registrar_reads_every_holder_and_apartment(town):
    registrar = make_user(roles=[Role.REGISTRAR])
    found = objects_near(point(1995, 20), 100, registrar)
    assert [p.cadastral_number for p in found.parcels] == [
        town["flats_parcel"].cadastral_number,
        town["house_parcel"].cadastral_number,
    ]
    flats = found.parcels[0]
    assert flats.distance_m == pytest.approx(5)
    assert flats.district_id == town["district_a"].pk
    assert names(flats) == [
        "Aliyev Bobur Rustamovich",
        "Toshkent shahar hokimligi",
        "Yusupov Aziz Rustamovich",
        "Yusupova Aziz Rustamovich",
    ]
    block = next(b for b in found.buildings if b.cadastral_number == town["block"].cadastral_number)
    assert (block.units, block.apartments, block.floors) == (12, 12, 4)
    # The flat owners hold rights in the block; the land's holder does not.
    assert block.holders_count == 3
    assert found.apartments == 12
    assert found.holders_to_notify == 5
    assert found.names_shown is True


def test_far_parcel_is_outside_the_radius_in_metres(town):
    registrar = make_user(roles=[Role.REGISTRAR])
    found = objects_near(point(1995, 20), 100, registrar)
    assert town["far"].cadastral_number not in [p.cadastral_number for p in found.parcels]
    wide = objects_near(point(1995, 20), 790, registrar)
    assert town["far"].cadastral_number in [p.cadastral_number for p in wide.parcels]


def test_operator_reads_names_only_in_own_districts(town):
    operator = make_user(roles=[Role.OPERATOR], district_ids=[town["district_a"].pk])
    found = objects_near(point(1995, 20), 100, operator)
    by_number = {p.cadastral_number: p for p in found.parcels}
    assert len(names(by_number[town["flats_parcel"].cadastral_number])) == 4
    across = by_number[town["house_parcel"].cadastral_number]
    assert (across.district_id, across.holders, across.holders_count) == (
        town["district_b"].pk,
        None,
        1,
    )
    assert found.holders_to_notify == 5


def test_citywide_operator_reads_all_names(town):
    operator = make_user(roles=[Role.OPERATOR])
    found = objects_near(point(1995, 20), 100, operator)
    assert all(p.holders is not None for p in found.parcels)


@pytest.mark.parametrize("roles", [[], [Role.CITIZEN], [Role.NOTARY]])
def test_others_see_counts_only(town, roles):
    user = make_user(roles=roles)
    found = objects_near(point(1995, 20), 100, user)
    assert [p.holders for p in found.parcels] == [None, None]
    assert [p.holders_count for p in found.parcels] == [4, 1]
    assert found.names_shown is False


def test_limit_cuts_and_says_so(town):
    found = objects_near(point(1995, 20), 100, make_user(roles=[Role.ADMIN]), limit=1)
    assert len(found.parcels) == 1
    assert found.parcels_truncated is True


@pytest.mark.parametrize("radius", [0, -5, 1001, "wide", None])
def test_bad_radius_is_refused(radius):
    with pytest.raises(InvalidInputError, match="radius"):
        objects_near(point(0, 0), radius, make_user())


def test_network_near_filters_by_network_nearest_first():
    main = make_segment(x=-50, y=30, network=Network.WATER, name="Bunyodkor")
    closer = make_segment(x=-50, y=10, network=Network.WATER, name="Chilonzor")
    make_segment(x=-50, y=5, network=Network.SEWER)
    make_segment(x=-50, y=300, network=Network.WATER)
    InfrastructureNode.objects.create(
        network=Network.WATER, kind=InfrastructureNode.Kind.VALVE, geom=point(0, 12)
    )
    near = network_near(point(0, 0), 50, Network.WATER)
    assert [s.feature_id for s in near.segments] == [closer.pk, main.pk]
    assert near.segments[0].distance_m == pytest.approx(10)
    assert near.segments[0].length_m == pytest.approx(100, rel=0.01)
    assert near.segments[0].geometry["type"] == "LineString"
    assert [(n.kind, round(n.distance_m)) for n in near.nodes] == [("valve", 12)]
    everything = network_near(point(0, 0), 50)
    assert {s.network for s in everything.segments} == {"water", "sewer"}


def test_network_near_takes_a_line():
    segment = make_segment(x=0, y=40, network=Network.GAS)
    road = LineString(point(-100, 0).coords, point(100, 0).coords, srid=point(0, 0).srid)
    assert [s.feature_id for s in network_near(road, 45, "gas").segments] == [segment.pk]


def test_unknown_network_is_refused():
    with pytest.raises(InvalidInputError, match="network"):
        network_near(point(0, 0), 50, "lava")


def test_names_shown_are_written_to_the_audit_log(town):
    registrar = make_user(roles=[Role.REGISTRAR])
    objects_near(point(1995, 20), 100, registrar, about="INC-000007")
    (entry,) = AuditEntry.objects.filter(action=Action.READ_PERSONAL)
    assert (entry.actor, entry.object_type, entry.object_id) == (
        registrar,
        "situation.nearby",
        "INC-000007",
    )
    assert town["flats_parcel"].cadastral_number in entry.detail["cadastral_numbers"]


def test_counts_only_leave_no_audit_entry(town):
    objects_near(point(1995, 20), 100, make_user(roles=[Role.CITIZEN]))
    assert not AuditEntry.objects.exists()
