"""Each rule the database enforces, tried and seen to refuse (and the legal case accepted)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.gis.geos import MultiPolygon, Point, Polygon
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from cadastre.models import Building, BuildingUnit, Parcel, Party, Property, Restriction, Source
from gis.models import AdminArea, Camera
from tests.factories import (
    make_bank,
    make_building,
    make_parcel,
    make_person,
    make_property,
    make_right,
)
from tests.geometry import ORIGIN_X, ORIGIN_Y, point, square

pytestmark = pytest.mark.django_db


def refused(callable_, match: str | None = None) -> None:
    with pytest.raises(IntegrityError, match=match), transaction.atomic():
        callable_()


def bowtie() -> MultiPolygon:
    x, y = ORIGIN_X, ORIGIN_Y
    ring = ((x, y), (x + 10, y + 10), (x + 10, y), (x, y + 10), (x, y))
    return MultiPolygon(Polygon(ring), srid=settings.MAKON_SRID)


# --- geometry -----------------------------------------------------------------------------------


def test_self_intersecting_parcel_is_refused():
    refused(lambda: make_parcel(geom=bowtie()), match="parcel_geom_valid")
    assert Parcel.objects.count() == 0


def test_empty_parcel_geometry_is_refused():
    empty = MultiPolygon(srid=settings.MAKON_SRID)
    refused(lambda: make_parcel(geom=empty), match="parcel_geom_valid")


def test_geometry_in_another_srid_is_refused_by_the_column_type():
    parcel = make_parcel()
    with pytest.raises(Exception, match="SRID"), transaction.atomic(), connection.cursor() as c:
        c.execute(
            "INSERT INTO cadastre_parcel (uid, version, valid_from, cadastral_number, geom, "
            "address, land_use) VALUES (gen_random_uuid(), 1, now(), '10:01:01:01:01:9999', "
            "ST_Multi(ST_GeomFromText('POLYGON((69 41, 69.1 41, 69.1 41.1, 69 41))', 4326)), "
            "'', 'residential')"
        )
    assert Parcel.objects.count() == 1
    assert parcel.geom.srid == settings.MAKON_SRID


def test_geometry_columns_all_have_gist_indexes():
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.f_table_name, c.f_geometry_column
            FROM geometry_columns c
            WHERE c.f_table_schema = 'public'
              AND NOT EXISTS (
                SELECT 1 FROM pg_index i
                JOIN pg_class t ON t.oid = i.indrelid
                JOIN pg_class ix ON ix.oid = i.indexrelid
                JOIN pg_am am ON am.oid = ix.relam
                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(i.indkey)
                WHERE t.relname = c.f_table_name AND a.attname = c.f_geometry_column
                  AND am.amname = 'gist')
            """
        )
        missing = cursor.fetchall()
        cursor.execute("SELECT count(*) FROM geometry_columns WHERE f_table_schema = 'public'")
        (total,) = cursor.fetchone()
    assert total >= 12
    assert missing == []


def test_web_mercator_copy_and_ellipsoidal_area_are_computed_by_the_database():
    parcel = make_parcel(geom=square(0, 0, size=100))
    parcel.refresh_from_db()
    assert parcel.geom_3857.srid == 3857
    # 100 m x 100 m of UTM grid: the ellipsoidal area differs by the scale factor (~0.08 %).
    assert parcel.area_computed_m2 == pytest.approx(10_000, rel=0.002)
    assert parcel.area_computed_m2 != pytest.approx(10_000, rel=1e-6)
    # Web Mercator overstates areas at Tashkent's latitude by about 77 %.
    assert parcel.geom_3857.area / parcel.area_computed_m2 == pytest.approx(1.77, abs=0.02)


# --- cadastral numbers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number", ["10:01:01:01:01:001", "10-01-01-01-01-0001", "10:01:01:01:01:0:01", "x"]
)
def test_parcel_number_format_is_enforced(number):
    refused(lambda: make_parcel(number=number), match="parcel_number_format")


def test_building_and_unit_number_formats_are_enforced():
    parcel = make_parcel()
    refused(lambda: make_building(parcel=parcel, suffix="01"), match="building_number_format")
    building = make_building(parcel=parcel)
    assert building.parcel_number == parcel.cadastral_number

    def bad_unit():
        BuildingUnit.objects.create(
            cadastral_number=f"{building.cadastral_number}:1", number="1", floor=1, area_m2=50
        )

    refused(bad_unit, match="unit_number_format")
    unit = BuildingUnit.objects.create(
        cadastral_number=f"{building.cadastral_number}:001", number="1", floor=1, area_m2=50
    )
    unit.refresh_from_db()
    assert unit.building_number == building.cadastral_number


def test_property_number_format_is_enforced():
    refused(lambda: make_property(number="10:01"), match="property_number_format")


# --- versions -----------------------------------------------------------------------------------


def test_two_current_versions_of_one_object_are_refused():
    parcel = make_parcel()

    def second_current():
        Parcel.objects.create(
            uid=parcel.uid,
            version=2,
            cadastral_number=parcel.cadastral_number,
            geom=parcel.geom,
            land_use=parcel.land_use,
            valid_from=parcel.valid_from + timedelta(days=1),
        )

    refused(second_current, match="one_current|overlapping")


def test_overlapping_periods_of_one_object_are_refused():
    now = timezone.now()
    parcel = make_parcel(valid_from=now - timedelta(days=10))
    Parcel.objects.filter(pk=parcel.pk).update(valid_until=now - timedelta(days=5))

    def overlapping():
        Parcel.objects.create(
            uid=parcel.uid,
            version=2,
            cadastral_number=parcel.cadastral_number,
            geom=parcel.geom,
            land_use=parcel.land_use,
            valid_from=now - timedelta(days=7),
        )

    refused(overlapping, match="parcel_no_overlapping_versions")


def test_a_period_must_not_be_empty():
    now = timezone.now()
    parcel = make_parcel(valid_from=now)
    refused(
        lambda: Parcel.objects.filter(pk=parcel.pk).update(valid_until=now),
        match="parcel_period_not_empty",
    )


def test_two_current_parcels_with_one_number_are_refused():
    parcel = make_parcel()
    refused(
        lambda: make_parcel(number=parcel.cadastral_number, geom=square(500, 500)),
        match="parcel_one_current_per_number",
    )


def test_a_version_is_never_updated_in_place():
    parcel = make_parcel()
    refused(
        lambda: Parcel.objects.filter(pk=parcel.pk).update(address="elsewhere"),
        match="never updated in place",
    )
    parcel.address = "elsewhere"
    refused(parcel.save, match="never updated in place")
    parcel.refresh_from_db()
    assert parcel.address != "elsewhere"


def test_a_version_is_never_deleted():
    parcel = make_parcel()
    refused(parcel.delete, match="never deleted")
    assert Parcel.objects.filter(pk=parcel.pk).exists()


def test_an_ended_version_cannot_change_again():
    parcel = make_parcel(valid_from=timezone.now() - timedelta(days=2))
    Parcel.objects.filter(pk=parcel.pk).update(valid_until=timezone.now() - timedelta(days=1))
    refused(
        lambda: Parcel.objects.filter(pk=parcel.pk).update(valid_until=timezone.now()),
        match="cannot change",
    )


def test_rights_are_versioned_too():
    prop = make_property(number=make_parcel().cadastral_number)
    right = make_right(prop=prop, party=make_person())
    refused(
        lambda: type(right).objects.filter(pk=right.pk).update(share_denominator=2),
        match="never updated in place",
    )
    refused(right.delete, match="never deleted")


# --- shares -------------------------------------------------------------------------------------


def test_shares_of_one_property_may_sum_exactly_to_one():
    prop = make_property(number=make_parcel().cadastral_number)
    for _ in range(3):
        make_right(prop=prop, party=make_person(), share=(1, 3))
    make_right(prop=prop, party=make_person(), share=(1, 1), right_type="lease")
    assert prop.pk


def test_shares_above_one_are_refused():
    prop = make_property(number=make_parcel().cadastral_number)
    make_right(prop=prop, party=make_person(), share=(2, 3))
    make_right(prop=prop, party=make_person(), share=(1, 6))
    refused(
        lambda: make_right(prop=prop, party=make_person(), share=(1, 5)),
        match=r"would sum to 31/30",
    )


def test_ended_rights_do_not_count_towards_the_shares():
    prop = make_property(number=make_parcel().cadastral_number)
    old = make_right(prop=prop, party=make_person(), valid_from=timezone.now() - timedelta(days=9))
    type(old).objects.filter(pk=old.pk).update(valid_until=timezone.now() - timedelta(days=1))
    make_right(prop=prop, party=make_person())


@pytest.mark.parametrize(("numerator", "denominator"), [(0, 1), (3, 2), (1, 0)])
def test_a_share_is_a_fraction_above_zero_up_to_one(numerator, denominator):
    prop = make_property(number=make_parcel().cadastral_number)
    refused(
        lambda: make_right(prop=prop, party=make_person(), share=(numerator, denominator)),
        match="right_share_is_fraction_up_to_one",
    )


def test_a_right_has_exactly_one_holder():
    prop = make_property(number=make_parcel().cadastral_number)
    refused(
        lambda: make_right(prop=prop, party=None),
        match="right_one_holder",
    )


# --- restrictions, parties, sources -------------------------------------------------------------


def _restriction(prop: Property, **fields) -> Restriction:
    return Restriction.objects.create(
        property=prop, registration_number="M-1", registered_on="2020-01-01", **fields
    )


def test_a_mortgage_needs_amount_rank_and_bank():
    prop = make_property(number=make_parcel().cadastral_number)
    refused(
        lambda: _restriction(prop, restriction_type="mortgage", rank=1),
        match="restriction_mortgage_complete",
    )
    bank = make_bank()
    _restriction(prop, restriction_type="mortgage", rank=1, amount=Decimal(1), beneficiary=bank)
    refused(
        lambda: _restriction(
            prop, restriction_type="mortgage", rank=1, amount=Decimal(5), beneficiary=bank
        ),
        match="restriction_one_mortgage_per_rank",
    )
    _restriction(prop, restriction_type="mortgage", rank=2, amount=Decimal(5), beneficiary=bank)
    _restriction(prop, restriction_type="arrest")


def test_party_identifiers_have_their_formats_and_are_unique():
    person = make_person()
    refused(lambda: make_person(pinfl="123"), match="party_pinfl_format")
    refused(lambda: make_person(pinfl=person.pinfl), match="party_unique_pinfl")
    refused(lambda: make_person(passport="A1234567"), match="party_passport_format")
    refused(
        lambda: Party.objects.create(kind="legal", organisation_name="X", tin="12"),
        match="party_tin_format",
    )
    refused(lambda: Party.objects.create(kind="person", last_name="X"), match="party_identified")
    refused(lambda: Party.objects.create(kind="legal", tin="123456789"), match="party_identified")


def test_a_source_file_keeps_a_sha256():
    def without_digest():
        Source.objects.create(
            kind="contract", number="1", issued_on="2020-01-01", issuer="x", file="a.pdf"
        )

    refused(without_digest, match="source_file_has_sha256")

    def bad_digest():
        Source.objects.create(
            kind="contract", number="1", issued_on="2020-01-01", issuer="x", sha256="XYZ"
        )

    refused(bad_digest, match="source_sha256_format")


def test_building_floors_are_plausible():
    parcel = make_parcel()
    refused(lambda: make_building(parcel=parcel, floors=0), match="building_floors_in_range")
    assert Building.objects.count() == 0


# --- city GIS -----------------------------------------------------------------------------------


def test_only_the_city_has_no_parent_area():
    geom = square(0, 0, 1000)
    refused(
        lambda: AdminArea.objects.create(level="district", code="D", name_uz="D", geom=geom),
        match="adminarea_only_city_has_no_parent",
    )
    city = AdminArea.objects.create(level="city", code="1726", name_uz="Toshkent", geom=geom)
    refused(
        lambda: AdminArea.objects.create(
            level="city", code="X", name_uz="X", geom=geom, parent=city
        ),
        match="adminarea_only_city_has_no_parent",
    )


@pytest.mark.parametrize(
    ("field", "value", "rule"),
    [
        ("direction_deg", 360, "camera_direction_in_range"),
        ("direction_deg", -1, "camera_direction_in_range"),
        ("field_of_view_deg", 0, "camera_field_of_view_in_range"),
        ("field_of_view_deg", 361, "camera_field_of_view_in_range"),
        ("range_m", 0, "camera_range_in_range"),
    ],
)
def test_camera_angles_and_range_are_checked(field, value, rule):
    refused(lambda: Camera.objects.create(geom=point(0, 0), **{field: value}), match=rule)


def test_an_empty_camera_point_is_refused():
    refused(
        lambda: Camera.objects.create(geom=Point(srid=settings.MAKON_SRID)),
        match="camera_geom_valid",
    )
