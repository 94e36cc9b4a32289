"""The snapshot: exactly the facts an extract certifies, hashed in one canonical form."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cadastre.models import Property, Right
from core.versioning import version_end, version_replace
from extracts.snapshot import (
    PropertyNotCertifiableError,
    canonical_json,
    changes,
    snapshot_build,
    snapshot_sha256,
)
from tests.extracts.conftest import CYRILLIC_NAME, UZBEK_NAME, at
from tests.factories import make_property

pytestmark = pytest.mark.django_db


def test_a_land_property_snapshot_holds_parcel_buildings_holders_and_encumbrances(register):
    snapshot = snapshot_build(prop=register.house, moment=timezone.now())
    assert snapshot["property"] == {
        "cadastral_number": register.house.cadastral_number,
        "kind": "land",
    }
    (parcel,) = snapshot["parcels"]
    assert parcel["cadastral_number"] == register.house.cadastral_number
    assert parcel["outline"]["srid"] == 32642
    ring = parcel["outline"]["coordinates"][0][0]
    assert len(ring) == 5
    assert ring[2][0] - ring[0][0] == pytest.approx(40)
    assert ring[2][1] - ring[0][1] == pytest.approx(30)
    assert float(parcel["area_computed_m2"]) == pytest.approx(1200, rel=0.01)
    assert [b["cadastral_number"] for b in snapshot["buildings"]] == [
        register.building.cadastral_number
    ]
    assert snapshot["units"] == []
    holders = sorted((r["holder"]["name"], r["share"]) for r in snapshot["rights"])
    assert holders == [
        (f"{UZBEK_NAME} {register.gulomova.first_name} Rustamovich", "1/2"),
        ("Karimov Aziz Rustamovich", "1/2"),
    ]
    (mortgage,) = snapshot["restrictions"]
    assert mortgage["type"] == "mortgage"
    assert (mortgage["amount_soum"], mortgage["rank"]) == ("150000000.00", 1)
    assert mortgage["beneficiary"]["name"] == "Xalq banki"
    assert {s["number"] for s in snapshot["sources"]} == {
        register.deed.number,
        register.mortgage.sources.get().number,
    }


def test_personal_identifiers_are_not_in_the_snapshot(register):
    text = canonical_json(snapshot_build(prop=register.house, moment=timezone.now())).decode()
    assert register.karimov.pinfl not in text
    assert register.karimov.passport not in text


def test_a_flat_shows_its_own_holder_and_not_its_neighbours(register):
    other = make_property(
        number=register.flat.cadastral_number[:-3] + "013", kind=Property.Kind.UNIT
    )
    Right.objects.create(
        property=other,
        party=register.karimov,
        right_type="ownership",
        registration_number="R-X",
        registered_on=at("2012-01-01").date(),
    )
    snapshot = snapshot_build(prop=register.flat, moment=timezone.now())
    assert [r["holder"]["name"] for r in snapshot["rights"]] == [
        f"{CYRILLIC_NAME} Иван Rustamovich"
    ]
    (unit,) = snapshot["units"]
    assert (unit["number"], unit["floor"], unit["area_m2"], unit["rooms"]) == ("12", 3, "54.30", 2)
    assert [b["cadastral_number"] for b in snapshot["buildings"]] == [
        register.flat.cadastral_number[:-4]
    ]


def test_a_snapshot_as_of_a_past_moment_holds_what_was_registered_then(register):
    snapshot = snapshot_build(prop=register.house, moment=at("2019-06-01"))
    assert snapshot["restrictions"] == []  # the mortgage came in 2020
    assert len(snapshot["rights"]) == 2


def test_no_parcel_in_force_means_no_extract(register):
    with pytest.raises(PropertyNotCertifiableError, match="no parcel in force") as error:
        snapshot_build(prop=register.house, moment=at("2000-01-01"))
    assert error.value.status_code == 409


def test_the_digest_is_stable_and_covers_every_fact(register):
    moment = timezone.now()
    first = snapshot_build(prop=register.house, moment=moment)
    again = snapshot_build(prop=register.house, moment=moment)
    assert snapshot_sha256(first) == snapshot_sha256(again)
    altered = {**first, "rights": [{**first["rights"][0], "share": "2/3"}, *first["rights"][1:]]}
    assert snapshot_sha256(altered) != snapshot_sha256(first)


def test_changes_name_the_sections_the_register_no_longer_holds(register):
    before = snapshot_build(prop=register.house, moment=timezone.now())
    assert changes(stored=before, current=before) == []
    # a share changes and the mortgage is discharged
    right = Right.objects.current().get(property=register.house, party=register.karimov)
    right.registration_number = "R-NEW"
    version_replace(edited=right, moment=timezone.now() + timedelta(seconds=1))
    version_end(instance=register.mortgage, moment=timezone.now() + timedelta(seconds=1))
    after = snapshot_build(prop=register.house, moment=timezone.now() + timedelta(seconds=2))
    assert changes(stored=before, current=after) == ["rights", "restrictions"]
    assert changes(stored=before, current=None) == [
        "property",
        "parcels",
        "buildings",
        "units",
        "rights",
        "restrictions",
        "responsibilities",
    ]
