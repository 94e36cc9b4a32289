"""One object of every registered model, made through the ORM as the register holds them."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.gis.geos import LineString, MultiPolygon

from cadastre.models import (
    Building,
    BuildingUnit,
    Parcel,
    Party,
    PartyGroup,
    PartyGroupMember,
    Property,
    PropertyComponent,
    Responsibility,
    Restriction,
    Right,
    Source,
)
from gis.models import AdminArea, Camera, InfrastructureNode, InfrastructureSegment
from tests.factories import (
    make_bank,
    make_building,
    make_mortgage,
    make_parcel,
    make_person,
    make_property,
    make_right,
)
from tests.geometry import ORIGIN_X, ORIGIN_Y, point, rectangle


@dataclass
class Register:
    city: AdminArea
    district: AdminArea
    block: AdminArea
    segment: InfrastructureSegment
    node: InfrastructureNode
    camera: Camera
    parcel: Parcel
    building: Building
    unit: BuildingUnit
    property: Property
    component: PropertyComponent
    person: Party
    bank: Party
    group: PartyGroup
    member: PartyGroupMember
    source: Source
    right: Right
    restriction: Restriction
    responsibility: Responsibility

    def of(self, model: type) -> object:
        found = [value for value in vars(self).values() if type(value) is model]
        return found[-1]


def area(
    level: str, code: str, name: str, parent: AdminArea | None, geom: MultiPolygon
) -> AdminArea:
    return AdminArea.objects.create(level=level, code=code, name_uz=name, parent=parent, geom=geom)


@pytest.fixture
def register(db) -> Register:
    city = area("city", "10", "Toshkent", None, rectangle(-2000, -2000, 6000, 6000))
    district = area("district", "10:01", "Chilonzor", city, rectangle(-1000, -1000, 3000, 3000))
    block = area("block", "10:01:01:01:01", "Blok 1", district, rectangle(-100, -100, 2000, 500))
    parcel = make_parcel(number="10:01:01:01:01:0001", block=block, area_official_m2=400)
    building = make_building(parcel=parcel)
    unit = BuildingUnit.objects.create(
        cadastral_number=f"{building.cadastral_number}:001",
        number="1",
        floor=1,
        area_m2=Decimal("54.30"),
        rooms=2,
    )
    prop = make_property(number=parcel.cadastral_number)
    component = PropertyComponent.objects.create(
        property=prop, cadastral_number=building.cadastral_number
    )
    person = make_person(last_name="Karimov", first_name="Aziz", pinfl="31234567890123")
    bank = make_bank(name="Xalq banki")
    group = PartyGroup.objects.create(name="Karimovlar oilasi", kind=PartyGroup.Kind.FAMILY)
    member = PartyGroupMember.objects.create(group=group, party=person)
    right = make_right(prop=prop, party=person, share=(1, 2))
    source = right.sources.get()
    restriction = make_mortgage(
        prop=prop,
        amount="150000000.00",
        registration_number="M-1",
        registered_on=date(2020, 5, 1),
        beneficiary=bank,
    )
    responsibility = Responsibility.objects.create(
        property=prop,
        responsibility_type=Responsibility.Type.UTILITY_ACCESS,
        party=person,
        registration_number="D-1",
        registered_on=date(2020, 5, 1),
    )
    responsibility.sources.add(source)
    segment = InfrastructureSegment.objects.create(
        network="water",
        name="Navoiy magistral",
        diameter_mm=300,
        geom=LineString(
            (ORIGIN_X, ORIGIN_Y), (ORIGIN_X + 200, ORIGIN_Y + 10), srid=settings.MAKON_SRID
        ),
    )
    node = InfrastructureNode.objects.create(network="water", kind="valve", geom=point(5, 5))
    camera = Camera.objects.create(
        name="Chorsu 1", direction_deg=90, field_of_view_deg=60, range_m=80, geom=point(50, 50)
    )
    return Register(
        city=city,
        district=district,
        block=block,
        segment=segment,
        node=node,
        camera=camera,
        parcel=parcel,
        building=building,
        unit=unit,
        property=prop,
        component=component,
        person=person,
        bank=bank,
        group=group,
        member=member,
        source=source,
        right=right,
        restriction=restriction,
        responsibility=responsibility,
    )
