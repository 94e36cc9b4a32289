"""Admin search by cadastral number, names and identity numbers; autocompletes stay bounded."""

import pytest

from cadastre.models import Parcel, Party, Property, Right
from core.admin import cadastral_prefix_range
from gis.models import AdminArea
from tests.admin.helpers import admin_url
from tests.factories import make_person
from tests.geometry import square

pytestmark = pytest.mark.django_db


def found(client, model, term: str, objects) -> list[bool]:
    page = client.get(admin_url(model, "changelist"), {"q": term}).content.decode()
    return [admin_url(model, "change", obj.pk) in page for obj in objects]


def test_parcels_by_cadastral_number_prefix_and_address(admin_client, register):
    # given
    other = Parcel.objects.create(
        cadastral_number="10:02:01:01:01:0001",
        address="Bobur ko'chasi, 3",
        land_use="residential",
        geom=square(500, 500),
    )
    ours = register.parcel
    # then
    assert found(admin_client, Parcel, ours.cadastral_number, [ours, other]) == [True, False]
    assert found(admin_client, Parcel, "10:01:01", [ours, other]) == [True, False]
    assert found(admin_client, Parcel, "10:02:", [ours, other]) == [False, True]
    assert found(admin_client, Parcel, "bobur", [ours, other]) == [False, True]
    assert found(admin_client, Parcel, "10:03", [ours, other]) == [False, False]


def test_parties_by_pinfl_tin_passport_and_name(admin_client, register):
    # given
    person, bank = register.person, register.bank
    namesake = make_person(last_name="Karimova", first_name="Dilnoza")
    everyone = [person, bank, namesake]
    # then
    assert found(admin_client, Party, person.pinfl, everyone) == [True, False, False]
    assert found(admin_client, Party, bank.tin, everyone) == [False, True, False]
    assert found(admin_client, Party, person.passport.lower(), everyone) == [True, False, False]
    assert found(admin_client, Party, "karimov", everyone) == [True, False, True]
    assert found(admin_client, Party, "Karimov Aziz", everyone) == [True, False, False]
    assert found(admin_client, Party, "xalq", everyone) == [False, True, False]


def test_rights_by_holder_pinfl_and_property_number(admin_client, register):
    right = register.right
    assert found(admin_client, Right, register.person.pinfl, [right]) == [True]
    assert found(admin_client, Right, "00000000000000", [right]) == [False]
    assert found(admin_client, Right, register.property.cadastral_number, [right]) == [True]
    assert found(admin_client, Right, "10:09", [right]) == [False]
    assert found(admin_client, Right, right.registration_number, [right]) == [True]


def test_properties_by_number(admin_client, register):
    assert found(admin_client, Property, "10:01:01:01:01", [register.property]) == [True]


def test_areas_by_code_and_name(admin_client, register):
    areas = [register.city, register.district, register.block]
    assert found(admin_client, AdminArea, "10:01:01", areas) == [False, False, True]
    assert found(admin_client, AdminArea, register.district.name_uz, areas) == [False, True, False]


def test_block_autocomplete_offers_only_blocks_and_pages(admin_client, register):
    # when
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "cadastre",
            "model_name": "parcel",
            "field_name": "block",
            "term": "10",
        },
    )
    # then
    assert response.status_code == 200
    payload = response.json()
    assert [item["id"] for item in payload["results"]] == [str(register.block.pk)]
    assert "more" in payload["pagination"]


def test_right_holder_autocomplete_finds_a_party_by_pinfl(admin_client, register):
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "cadastre",
            "model_name": "right",
            "field_name": "party",
            "term": register.person.pinfl,
        },
    )
    assert [item["id"] for item in response.json()["results"]] == [str(register.person.pk)]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("10:", ("10:", "10:99:99:99:99:9999:9999:999")),
        ("10:0", ("10:0", "10:09:99:99:99:9999:9999:999")),
        ("10:01:01:01:01:0001", ("10:01:01:01:01:0001", "10:01:01:01:01:0001:9999:999")),
        ("10:01:01:01:01:0001:0002:003", ("10:01:01:01:01:0001:0002:003",) * 2),
        ("10:123", None),
        ("1:01", None),
        ("10", None),
        ("ab:01", None),
        ("10:01:01:01:01:0001:0002:0033", None),
    ],
)
def test_cadastral_prefix_range(word, expected):
    assert cadastral_prefix_range(word) == expected


def test_a_prefix_search_reaches_the_ends_of_its_range(admin_client, register):
    # given: the first and last parcel numbers a block can hold
    first = Parcel.objects.create(
        cadastral_number="10:05:05:05:05:0000", land_use="green", geom=square(900, 0)
    )
    last = Parcel.objects.create(
        cadastral_number="10:05:05:05:05:9999", land_use="green", geom=square(930, 0)
    )
    neighbour = Parcel.objects.create(
        cadastral_number="10:05:05:05:06:0000", land_use="green", geom=square(960, 0)
    )
    # then
    everything = [first, last, neighbour]
    assert found(admin_client, Parcel, "10:05:05:05:05", everything) == [True, True, False]
    assert found(admin_client, Parcel, "10:05:05:05:05:9", everything) == [False, True, False]
    assert found(admin_client, Parcel, "10:05:05:05:0", everything) == [True, True, True]
