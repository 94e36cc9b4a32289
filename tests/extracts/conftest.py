"""A small register for the extract tests: a family's house, a neighbour's flat, their users."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.contrib.gis.geos import MultiPolygon
from rest_framework.test import APIClient

from accounts.models import Role
from accounts.testing import make_user
from cadastre.models import (
    Building,
    BuildingUnit,
    Party,
    Property,
    Restriction,
    Source,
)
from tests.factories import (
    at,
    make_building,
    make_mortgage,
    make_parcel,
    make_person,
    make_property,
    make_right,
)
from tests.geometry import rectangle

# Uzbek Latin o and g with the turned comma (U+02BB), and a Cyrillic name: the fonts must show all.
UZBEK_NAME = "G\u02bbulomova"
UZBEK_FIRST = "O\u02bbg\u02bbiloy"
CYRILLIC_NAME = "Иванов"


@dataclass
class Register:
    house: Property  # Karimov 1/2 and Gulomova 1/2, mortgaged to a bank
    flat: Property  # Ivanov's flat in another building
    karimov: Party
    gulomova: Party
    ivanov: Party
    deed: Source
    mortgage: Restriction
    building: Building


@pytest.fixture
def register(db) -> Register:
    parcel = make_parcel(geom=rectangle(0, 0, 40, 30), valid_from=at("2015-03-01"))
    building = make_building(parcel=parcel, valid_from=at("2015-03-01"), year_built=1998)
    house = make_property(number=parcel.cadastral_number)
    karimov = make_person(last_name="Karimov", first_name="Aziz")
    gulomova = make_person(last_name=UZBEK_NAME, first_name=UZBEK_FIRST)
    first = make_right(prop=house, party=karimov, share=(1, 2), valid_from=at("2015-03-01"))
    deed = first.sources.get()
    second = make_right(prop=house, party=gulomova, share=(1, 2), valid_from=at("2015-03-01"))
    second.sources.set([deed])
    mortgage = make_mortgage(
        prop=house,
        amount="150000000.00",
        registration_number="M-1",
        registered_on=date(2020, 1, 15),
        valid_from=at("2020-01-15"),
    )

    flat_parcel = make_parcel(
        geom=MultiPolygon(rectangle(100, 0, 60, 40)[0], srid=parcel.geom.srid),
        valid_from=at("2010-01-01"),
    )
    flat_building = make_building(
        parcel=flat_parcel, use=Building.Use.APARTMENTS, floors=9, valid_from=at("2010-01-01")
    )
    unit = BuildingUnit.objects.create(
        cadastral_number=f"{flat_building.cadastral_number}:012",
        number="12",
        floor=3,
        area_m2=Decimal("54.30"),
        rooms=2,
        valid_from=at("2010-01-01"),
    )
    flat = make_property(number=unit.cadastral_number, kind=Property.Kind.UNIT)
    ivanov = make_person(last_name=CYRILLIC_NAME, first_name="Иван")
    make_right(prop=flat, party=ivanov, valid_from=at("2011-06-01"))
    return Register(
        house=house,
        flat=flat,
        karimov=karimov,
        gulomova=gulomova,
        ivanov=ivanov,
        deed=deed,
        mortgage=mortgage,
        building=building,
    )


@pytest.fixture
def citizen(register) -> User:
    """Karimov, who holds half of the house."""
    return make_user("karimov", roles=[Role.CITIZEN], party=register.karimov)


@pytest.fixture
def neighbour(register) -> User:
    """Ivanov, who holds the flat and nothing of the house."""
    return make_user("ivanov", roles=[Role.CITIZEN], party=register.ivanov)


@pytest.fixture
def registrar(db) -> User:
    return make_user("registrar", roles=[Role.REGISTRAR])


@pytest.fixture
def notary(db) -> User:
    return make_user("notary", roles=[Role.NOTARY])


def client_for(user: User | None, address: str = "10.0.0.1") -> APIClient:
    client = APIClient(REMOTE_ADDR=address)
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def api_client() -> APIClient:
    return client_for(None)
