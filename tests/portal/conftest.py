"""A small register for the portal tests: two citizens' parcels, a family flat, a notary."""

from dataclasses import dataclass
from datetime import date

import pytest

from accounts.models import Role
from accounts.testing import make_user
from cadastre.models import Party, PartyGroup, Property, Restriction, Right, Source
from core.versioning import version_end
from tests.factories import (
    at,
    make_building,
    make_mortgage,
    make_parcel,
    make_person,
    make_property,
    make_right,
    make_source,
)


@pytest.fixture(autouse=True)
def _english(english):
    """Every portal test starts in English and leaves no language behind."""


@dataclass
class Register:
    """Who holds what in the portal tests' register."""

    dilnoza: Party
    jasur: Party
    karim: Party
    home: Property  # Dilnoza 1/3 and Jasur 2/3, mortgaged, once Alisher's
    flat: Property  # Dilnoza and Karim's family group
    karims: Property  # Karim's alone, arrested
    old_deed: Source  # cites the ended right of Alisher on `home`
    mortgage_deed: Source
    arrest_order: Source
    karims_deed: Source


@pytest.fixture
def register() -> Register:
    home_parcel = make_parcel(valid_from=at("2012-04-02"))
    home = make_property(number=home_parcel.cadastral_number)
    alisher = make_person(last_name="Usmonov", first_name="Alisher")
    first = make_right(prop=home, party=alisher, valid_from=at("2012-04-02"))
    old_deed = first.sources.get()
    version_end(instance=first, moment=at("2018-05-10"))
    dilnoza = make_person(last_name="Rahimova", first_name="Dilnoza")
    jasur = make_person(last_name="Rahimov", first_name="Jasur")
    make_right(prop=home, party=dilnoza, share=(1, 3), valid_from=at("2018-05-10"))
    make_right(prop=home, party=jasur, share=(2, 3), valid_from=at("2018-05-10"))
    mortgage = make_mortgage(
        prop=home,
        amount="350000000.00",
        registration_number="M-77",
        registered_on=date(2019, 1, 15),
        valid_from=at("2019-01-15"),
    )
    mortgage_deed = mortgage.sources.get()

    flat_parcel = make_parcel()
    building = make_building(parcel=flat_parcel)
    flat = make_property(number=f"{building.cadastral_number}", kind=Property.Kind.BUILDING)
    karim = make_person(last_name="Toshmatov", first_name="Karim")
    family = PartyGroup.objects.create(name="Toshmatovlar", kind=PartyGroup.Kind.FAMILY)
    family.memberships.create(party=karim, share_numerator=1, share_denominator=2)
    family.memberships.create(party=dilnoza, share_numerator=1, share_denominator=2)
    right = Right.objects.create(
        property=flat,
        party_group=family,
        right_type=Right.Type.OWNERSHIP,
        registration_number="R-FAM",
        registered_on=date(2020, 6, 1),
        valid_from=at("2020-06-01"),
    )
    right.sources.add(make_source())

    karims_parcel = make_parcel()
    karims = make_property(number=karims_parcel.cadastral_number)
    karims_right = make_right(prop=karims, party=karim)
    arrest = Restriction.objects.create(
        property=karims,
        restriction_type=Restriction.Type.ARREST,
        registration_number="A-5",
        registered_on=date(2024, 2, 1),
        valid_from=at("2024-02-01"),
        description="Tuman sudi ajrimi",
    )
    arrest_order = make_source(kind=Source.Kind.COURT_DECISION)
    arrest.sources.add(arrest_order)
    return Register(
        dilnoza=dilnoza,
        jasur=jasur,
        karim=karim,
        home=home,
        flat=flat,
        karims=karims,
        old_deed=old_deed,
        mortgage_deed=mortgage_deed,
        arrest_order=arrest_order,
        karims_deed=karims_right.sources.get(),
    )


@pytest.fixture
def dilnoza_user(register):
    return make_user("dilnoza", roles=[Role.CITIZEN], party=register.dilnoza)


@pytest.fixture
def karim_user(register):
    return make_user("karim", roles=[Role.CITIZEN], party=register.karim)


@pytest.fixture
def notary_user(db):
    return make_user("notary", roles=[Role.NOTARY])
