"""tiles_parcel_feature and tiles_parcel_block follow every write to the register, and
tiles_rebuild builds the same rows in bulk."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection

from cadastre.models import (
    LandUse,
    Parcel,
    Party,
    PartyGroup,
    PartyGroupMember,
    PropertyComponent,
    Right,
)
from core.versioning import version_end
from tests.factories import make_bank, make_parcel, make_person, make_property, make_right
from tests.tiles.helpers import make_areas, sq
from tiles.models import ParcelBlock, ParcelFeature

pytestmark = pytest.mark.django_db

FEATURE_COLUMNS = (
    "parcel_id",
    "geom_3857",
    "cadastral_number",
    "block_code",
    "land_use",
    "area_m2",
    "district",
    "owner_type",
    "registered_on",
)


def _owner_type(parcel: Parcel) -> str | None:
    return ParcelFeature.objects.get(cadastral_number=parcel.cadastral_number).owner_type


def _state() -> tuple[list, list]:
    features = list(ParcelFeature.objects.order_by("parcel_id").values_list(*FEATURE_COLUMNS))
    blocks = list(
        ParcelBlock.objects.order_by("block_code").values_list(
            "block_code", "geom_3857", "parcel_count", "land_use"
        )
    )
    return features, blocks


def test_owner_type_follows_ownership_rights_and_ignores_other_rights():
    parcel = make_parcel(geom=sq(0, 0))
    prop = make_property(number=parcel.cadastral_number)
    assert _owner_type(parcel) is None

    make_right(prop=prop, party=make_bank(), right_type=Right.Type.LEASE)
    assert _owner_type(parcel) is None

    first = make_right(prop=prop, party=make_person(), share=(1, 2))
    assert _owner_type(parcel) == "person"

    make_right(prop=prop, party=make_bank(), share=(1, 2))
    assert _owner_type(parcel) == "mixed"

    version_end(instance=first)
    assert _owner_type(parcel) == "legal"


def test_owner_type_reads_the_members_of_a_holding_group():
    parcel = make_parcel(geom=sq(0, 0))
    prop = make_property(number=parcel.cadastral_number)
    group = PartyGroup.objects.create(name="Karimovlar oilasi", kind=PartyGroup.Kind.FAMILY)
    PartyGroupMember.objects.create(group=group, party=make_person())
    Right.objects.create(
        property=prop,
        party_group=group,
        right_type=Right.Type.OWNERSHIP,
        registration_number="R-1",
        registered_on=date(2015, 3, 1),
    )
    assert _owner_type(parcel) == "person"

    state = Party.objects.create(
        kind=Party.Kind.STATE, organisation_name="Toshkent shahar hokimligi"
    )
    PartyGroupMember.objects.create(group=group, party=state)
    assert _owner_type(parcel) == "mixed"

    PartyGroupMember.objects.filter(group=group).exclude(party=state).delete()
    assert _owner_type(parcel) == "state"


def test_owner_type_follows_a_party_kind_and_a_property_component():
    parcel = make_parcel(geom=sq(0, 0))
    other = make_parcel(geom=sq(40, 0))
    holder = make_person()
    prop = make_property(number=parcel.cadastral_number, kind="complex")
    make_right(prop=prop, party=holder)
    assert (_owner_type(parcel), _owner_type(other)) == ("person", None)

    PropertyComponent.objects.create(property=prop, cadastral_number=other.cadastral_number)
    assert _owner_type(other) == "person"

    Party.objects.filter(pk=holder.pk).update(
        kind=Party.Kind.LEGAL,
        organisation_name="Karimov va hamkorlar MChJ",
        pinfl=None,
        tin="301234567",
        last_name="",
    )
    assert (_owner_type(parcel), _owner_type(other)) == ("legal", "legal")

    PropertyComponent.objects.filter(property=prop).delete()
    assert _owner_type(other) is None


def test_a_bulk_copy_of_parcels_and_rights_fills_the_tables():
    # given: parcels and their ownership rights loaded with COPY, as the demo city does
    make_areas()
    holder = make_person()
    rows = "".join(
        f"{n:08d}-0000-4000-8000-000000000000\t1\t2024-05-01 10:00:00+05\t\\N\t"
        f"10:01:01:01:01:{n:04d}\tSRID=32642;{sq(n * 30, 0).wkt}\t\\N\t\t"
        f"{'green' if n == 3 else 'residential'}\t\\N\t\\N\n"
        for n in range(1, 4)
    )
    with connection.cursor() as cursor:
        cursor.copy_expert(
            "COPY cadastre_parcel (uid, version, valid_from, valid_until, cadastral_number, geom, "
            "area_official_m2, address, land_use, block_id, source_srid) FROM STDIN",
            io.StringIO(rows),
        )
        props = [make_property(number=f"10:01:01:01:01:{n:04d}") for n in (1, 2)]
        cursor.copy_expert(
            "COPY cadastre_right (uid, version, valid_from, property_id, registration_number, "
            "registered_on, right_type, party_id, share_numerator, share_denominator) FROM STDIN",
            io.StringIO(
                "".join(
                    f"{p.pk:08d}-0000-4000-8000-000000000001\t1\t2024-05-01 10:00:00+05\t{p.pk}\t"
                    f"R-{p.pk}\t2024-05-01\townership\t{holder.pk}\t1\t1\n"
                    for p in props
                )
            ),
        )
    # then
    features = {f.cadastral_number: f for f in ParcelFeature.objects.all()}
    assert {n: f.owner_type for n, f in features.items()} == {
        "10:01:01:01:01:0001": "person",
        "10:01:01:01:01:0002": "person",
        "10:01:01:01:01:0003": None,
    }
    assert {f.registered_on for f in features.values()} == {date(2024, 5, 1)}
    block = ParcelBlock.objects.get()
    assert (block.block_code, block.parcel_count, block.land_use) == (
        "10:01:01:01:01",
        3,
        LandUse.RESIDENTIAL,
    )


def test_an_ended_last_parcel_removes_its_block():
    parcel = make_parcel(number="10:01:01:01:07:0001", geom=sq(0, 0))
    assert ParcelBlock.objects.filter(block_code="10:01:01:01:07").exists()

    version_end(instance=parcel)

    assert not ParcelFeature.objects.exists()
    assert not ParcelBlock.objects.exists()


def test_tiles_rebuild_builds_what_the_triggers_keep():
    # given: a register kept by the triggers, then the tables damaged
    make_areas()
    for n in range(1, 5):
        parcel = make_parcel(
            number=f"10:01:01:01:0{n % 2 + 1}:{n:04d}",
            geom=sq(n * 30, 0),
            land_use=LandUse.GREEN if n == 4 else LandUse.RESIDENTIAL,
        )
        make_right(prop=make_property(number=parcel.cadastral_number), party=make_person())
    kept = _state()
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE tiles_parcel_feature DISABLE TRIGGER USER")
        cursor.execute("DELETE FROM tiles_parcel_feature WHERE parcel_id % 2 = 0")
        cursor.execute("UPDATE tiles_parcel_feature SET owner_type = 'state'")
        cursor.execute("ALTER TABLE tiles_parcel_feature ENABLE TRIGGER USER")
        cursor.execute("DELETE FROM tiles_parcel_block")
    assert _state() != kept
    out = io.StringIO()
    # when
    call_command("tiles_rebuild", stdout=out)
    # then
    assert _state() == kept
    assert len(kept[0]) == 4
    assert len(kept[1]) == 2
    assert out.getvalue().startswith("Rebuilt 4 parcel features and 2 blocks in ")


def test_truncating_the_register_empties_the_tables():
    parcel = make_parcel(geom=sq(0, 0))
    make_right(prop=make_property(number=parcel.cadastral_number), party=make_person())
    with connection.cursor() as cursor:
        # Django's foreign keys are deferred; TRUNCATE wants their checks done first.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE cadastre_right, cadastre_parcel CASCADE")

    assert not ParcelFeature.objects.exists()
    assert not ParcelBlock.objects.exists()


def test_truncating_the_rights_alone_clears_the_owner_types():
    parcel = make_parcel(geom=sq(0, 0))
    make_right(prop=make_property(number=parcel.cadastral_number), party=make_person())
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE cadastre_right CASCADE")

    assert _owner_type(parcel) is None
