"""build_demo_city on an empty database: bad arguments, the smallest city, the bulk path."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from democity.build import MIN_PARCELS, city_build
from tests.democity.conftest import query, scalar

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("build_demo_city", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--parcels", str(MIN_PARCELS - 1)], "between"),
        (["--parcels", "5000001"], "between"),
        (["--parcels", "0"], "between"),
        (["--parcels", "-5"], "between"),
        (["--seed", "-1"], "seed"),
    ],
)
def test_bad_arguments_are_refused_with_a_message(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert scalar("SELECT count(*) FROM cadastre_parcel") == 0


@pytest.mark.parametrize("args", [["--parcels", "many"], ["--seed", "1.5"]])
def test_non_numbers_are_refused(args):
    with pytest.raises(CommandError, match="whole number"):
        run(*args)


def test_if_empty_and_replace_exclude_each_other():
    with pytest.raises(CommandError, match="not allowed with"):
        run("--if-empty", "--replace")


def test_smallest_city_still_has_twelve_districts_with_blocks():
    # given an empty database, when the smallest city is built
    output = run("--parcels", str(MIN_PARCELS), "--seed", "5")
    # then all twelve districts hold blocks
    per_district = query(
        """
        SELECT d.name_uz, count(b.id)
          FROM citygis_adminarea AS d
          LEFT JOIN citygis_adminarea AS m ON m.parent_id = d.id
          LEFT JOIN citygis_adminarea AS b ON b.parent_id = m.id AND b.level = 'block'
         WHERE d.level = 'district' GROUP BY 1
        """
    )
    assert len(per_district) == 12
    assert all(blocks >= 1 for _, blocks in per_district)
    assert scalar("SELECT count(*) FROM cadastre_parcel") == MIN_PARCELS
    assert "Built the demo city" in output


def test_indexes_and_constraints_dropped_for_the_load_all_come_back():
    catalog = """
        SELECT c.relname, i.relname, pg_get_indexdef(i.oid)
          FROM pg_index AS x JOIN pg_class AS i ON i.oid = x.indexrelid
          JOIN pg_class AS c ON c.oid = x.indrelid
         WHERE c.relname LIKE 'cadastre%%' OR c.relname LIKE 'citygis%%'
        UNION ALL
        SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
          FROM pg_constraint WHERE conrelid::regclass::text ~ '^(cadastre|citygis)_'
        UNION ALL
        SELECT tgrelid::regclass::text, tgname, tgenabled::text
          FROM pg_trigger WHERE NOT tgisinternal
        ORDER BY 1, 2, 3
    """
    before = query(catalog)
    city_build(parcels=MIN_PARCELS, seed=2)
    assert query(catalog) == before
    assert scalar("SELECT count(*) FROM cadastre_parcel") == MIN_PARCELS
    # The tile features the suspended triggers would have kept are rebuilt once.
    assert scalar("SELECT count(*) FROM tiles_parcel_feature") == MIN_PARCELS
    assert scalar("SELECT count(*) FROM tiles_parcel_feature WHERE owner_type IS NOT NULL") > 0
