"""A holder sees who read or changed their property and why; nobody else sees those entries."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from accounts.models import Role
from accounts.testing import make_user
from audit.models import Action
from audit.selectors import entries_for_property
from audit.services import record
from cadastre.models import Property, PropertyComponent
from tests.factories import make_parcel, make_person, make_property, make_right

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    parcel = make_parcel()
    prop = make_property(number=parcel.cadastral_number, kind=Property.Kind.LAND)
    PropertyComponent.objects.create(property=prop, cadastral_number=parcel.cadastral_number)
    PropertyComponent.objects.create(
        property=prop, cadastral_number=parcel.cadastral_number + ":0001"
    )
    holder = make_person(last_name="Rahimova", first_name="Dilnoza")
    make_right(prop=prop, party=holder)
    return prop, make_user("dilnoza", roles=[Role.CITIZEN], party=holder)


def _log(actor, number, action=Action.LOOKUP, purpose=""):
    return record(
        actor=actor,
        action=action,
        object_type="property",
        object_id=1,
        cadastral_number=number,
        purpose=purpose,
    )


def test_holder_sees_lookups_of_the_property_and_its_building(home):
    prop, citizen = home
    notary = make_user("notary1", roles=[Role.NOTARY])
    lookup = _log(notary, prop.cadastral_number, purpose="Deal 2026/17")
    building_read = _log(notary, prop.cadastral_number + ":0001", Action.READ_PERSONAL)
    _log(notary, "10:09:09:09:09:0009")  # someone else's property
    _log(None, prop.cadastral_number, Action.LOGIN_FAILED)  # not about the property's data

    entries = list(entries_for_property(citizen, prop.cadastral_number))

    assert entries == [building_read, lookup]
    assert entries[1].purpose == "Deal 2026/17"
    assert entries[1].actor_username == "notary1"


@pytest.mark.parametrize("who", ["other_citizen", "anonymous", "operator", "planner"])
def test_anyone_but_the_holder_gets_404_as_for_a_missing_property(home, who):
    prop, _ = home
    _log(make_user(roles=[Role.NOTARY]), prop.cadastral_number)
    user = {
        "other_citizen": lambda: make_user(roles=[Role.CITIZEN], party=make_person()),
        "anonymous": AnonymousUser,
        "operator": lambda: make_user(roles=[Role.OPERATOR]),
        "planner": lambda: make_user(roles=[Role.PLANNER]),
    }[who]()

    with pytest.raises(Http404) as foreign:
        entries_for_property(user, prop.cadastral_number)
    with pytest.raises(Http404) as missing:
        entries_for_property(user, "10:09:09:09:09:0009")
    assert str(foreign.value).replace(prop.cadastral_number, "N") == str(missing.value).replace(
        "10:09:09:09:09:0009", "N"
    )


def test_registrar_may_read_any_property_trail(home):
    prop, _ = home
    entry = _log(make_user(roles=[Role.NOTARY]), prop.cadastral_number)
    registrar = make_user(roles=[Role.REGISTRAR])
    assert list(entries_for_property(registrar, prop.cadastral_number)) == [entry]
