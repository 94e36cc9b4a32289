"""Bulk loads: the register's statement rules switched off for the load and checked once after."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from cadastre.models import Parcel
from core.bulk import BulkRuleViolationError, statement_rules_deferred
from tests.factories import make_parcel, make_person, make_property, make_right

pytestmark = pytest.mark.django_db

TABLES = ["cadastre_parcel", "cadastre_right"]


def _disabled_rule_triggers() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgenabled = 'D' AND tgname LIKE ANY "
            "(ARRAY['%%versions_disjoint', 'cadastre_right_shares_at_most_one'])"
        )
        return cursor.fetchone()[0]


def test_rules_are_off_during_the_load_and_back_after_it():
    with transaction.atomic():
        with statement_rules_deferred(TABLES):
            assert _disabled_rule_triggers() == 3  # parcel versions, right versions and shares
        assert _disabled_rule_triggers() == 0


def test_overlapping_versions_loaded_in_bulk_are_found_after_the_load():
    now = timezone.now()
    parcel = make_parcel(valid_from=now - timedelta(days=10))
    clash = Parcel(
        uid=parcel.uid,
        version=2,
        cadastral_number=parcel.cadastral_number,
        geom=parcel.geom,
        land_use=parcel.land_use,
        valid_from=now - timedelta(days=5),
        valid_until=now - timedelta(days=1),
    )
    with (
        pytest.raises(BulkRuleViolationError, match="parcel_no_overlapping_versions"),
        transaction.atomic(),
        statement_rules_deferred(TABLES),
    ):
        Parcel.objects.bulk_create([clash])
    assert Parcel.objects.filter(uid=parcel.uid).count() == 1


def test_shares_above_one_loaded_in_bulk_are_found_after_the_load():
    prop = make_property(number="10:01:01:01:01:0001")
    make_right(prop=prop, party=make_person(), share=(2, 3))
    with (
        pytest.raises(BulkRuleViolationError, match="would sum to 4/3"),
        transaction.atomic(),
        statement_rules_deferred(TABLES),
    ):
        make_right(prop=prop, party=make_person(), share=(2, 3))
    assert _disabled_rule_triggers() == 0


def test_a_clean_bulk_load_passes():
    prop = make_property(number="10:01:01:01:01:0002")
    with transaction.atomic(), statement_rules_deferred(TABLES):
        make_right(prop=prop, party=make_person(), share=(1, 2))
        make_right(prop=prop, party=make_person(), share=(1, 2))
        make_parcel()
