"""build_demo_city: arguments, refusal, --if-empty, --replace, determinism, small cities."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from democity.build import city_build
from tests.democity.conftest import CITY_PARCELS, CITY_SEED, scalar

pytestmark = pytest.mark.django_db

# What "the same city" means: every number, name and geometry, in a stable order.
DIGEST_SQL = """
SELECT md5(string_agg(part, '|' ORDER BY part)) FROM (
    SELECT concat_ws(';', code, name_uz, name_ru, name_en, ST_AsEWKB(geom)) AS part
      FROM citygis_adminarea
    UNION ALL
    SELECT concat_ws(';', cadastral_number, uid, valid_from, ST_AsEWKB(geom), area_official_m2,
                     address, land_use)
      FROM cadastre_parcel
    UNION ALL
    SELECT concat_ws(';', cadastral_number, ST_AsEWKB(geom), use, floors, year_built)
      FROM cadastre_building
    UNION ALL
    SELECT concat_ws(';', cadastral_number, number, floor, area_m2, rooms)
      FROM cadastre_buildingunit
    UNION ALL
    SELECT concat_ws(';', id, last_name, first_name, patronymic, organisation_name, pinfl, passport,
                     tin, birth_date)
      FROM cadastre_party
    UNION ALL
    SELECT concat_ws(';', r.registration_number, p.cadastral_number, r.right_type, r.party_id,
                     r.party_group_id, r.share_numerator, r.share_denominator, r.valid_from,
                     r.valid_until)
      FROM cadastre_right AS r JOIN cadastre_property AS p ON p.id = r.property_id
    UNION ALL
    SELECT concat_ws(';', registration_number, restriction_type, beneficiary_id, amount, rank)
      FROM cadastre_restriction
    UNION ALL
    SELECT concat_ws(';', network, name, ST_AsEWKB(geom)) FROM citygis_infrastructuresegment
    UNION ALL
    SELECT concat_ws(';', name, direction_deg, ST_AsEWKB(geom)) FROM citygis_camera
) AS parts
"""


def run(*args: str) -> str:
    out = StringIO()
    call_command("build_demo_city", *args, stdout=out)
    return out.getvalue()


def test_same_seed_builds_the_same_city_and_another_seed_another(city):
    # given the module's city
    first = scalar(DIGEST_SQL)
    # when it is built again from scratch with the same size and seed
    city_build(parcels=CITY_PARCELS, seed=CITY_SEED, replace=True)
    # then every number, name and geometry is the same
    assert scalar(DIGEST_SQL) == first
    # and another seed gives another city of the same size
    city_build(parcels=CITY_PARCELS, seed=CITY_SEED + 1, replace=True)
    assert scalar(DIGEST_SQL) != first
    assert scalar("SELECT count(*) FROM cadastre_parcel") == CITY_PARCELS


def test_refuses_a_database_that_holds_data(city):
    before = scalar(DIGEST_SQL)
    with pytest.raises(CommandError, match=r"not empty.*--replace"):
        run("--parcels", "200", "--seed", "1")
    assert scalar(DIGEST_SQL) == before


def test_if_empty_skips_with_one_line_when_data_exists(city):
    before = scalar(DIGEST_SQL)
    output = run("--parcels", "200", "--seed", "1", "--if-empty")
    assert output.strip().count("\n") == 0
    assert "not built" in output
    assert f"{CITY_PARCELS} parcels" in output
    assert scalar(DIGEST_SQL) == before


def test_replace_rebuilds_and_prints_a_summary(city):
    output = run("--parcels", "150", "--seed", "3", "--replace")
    assert scalar("SELECT count(*) FROM cadastre_parcel") == 150
    assert "cadastre_parcel" in output
    assert "150" in output
    assert "Built the demo city in" in output
