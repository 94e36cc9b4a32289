from django.db import migrations

VERSIONED_TABLES = {
    "cadastre_parcel": ["geom_3857", "area_computed_m2"],
    "cadastre_building": ["geom_3857", "parcel_number"],
    "cadastre_buildingunit": ["building_number"],
    "cadastre_right": [],
    "cadastre_restriction": [],
    "cadastre_responsibility": [],
}


def _guard_sql() -> str:
    statements = []
    for table, generated in VERSIONED_TABLES.items():
        args = ", ".join(f"'{column}'" for column in generated)
        statements.append(
            f"CREATE TRIGGER {table}_version_guard BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION makon_versioned_row_guard({args});"
        )
    return "\n".join(statements)


def _unguard_sql() -> str:
    return "\n".join(
        f"DROP TRIGGER {table}_version_guard ON {table};" for table in VERSIONED_TABLES
    )


# Shares are exact fractions; their sum is computed exactly (numeric numerator/denominator,
# reduced by gcd), never in floating point, so 1/3 + 1/3 + 1/3 is exactly 1.
SHARE_RULE = r"""
CREATE FUNCTION cadastre_fraction_add(state numeric[], numerator integer, denominator integer)
RETURNS numeric[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT ARRAY[div(n, g), div(d, g)]
    FROM (SELECT state[1] * denominator + numerator * state[2] AS n,
                 state[2] * denominator AS d) AS s,
         LATERAL (SELECT gcd(s.n, s.d) AS g) AS q
$$;

CREATE AGGREGATE cadastre_fraction_sum(integer, integer) (
    SFUNC = cadastre_fraction_add, STYPE = numeric[], INITCOND = '{0,1}'
);

-- Statement-level, over the transition table: one grouped query per INSERT or COPY, so bulk
-- loads pay once, not per row. Updates cannot raise a share: the version guard forbids them.
CREATE FUNCTION cadastre_right_shares_check() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    offender record;
BEGIN
    SELECT p.cadastral_number, r.right_type,
           cadastre_fraction_sum(r.share_numerator, r.share_denominator) AS total
      INTO offender
      FROM cadastre_right AS r
      JOIN cadastre_property AS p ON p.id = r.property_id
     WHERE r.valid_until IS NULL
       AND (r.property_id, r.right_type) IN (SELECT property_id, right_type FROM changed_rows)
     GROUP BY p.cadastral_number, r.right_type
    HAVING (cadastre_fraction_sum(r.share_numerator, r.share_denominator))[1]
         > (cadastre_fraction_sum(r.share_numerator, r.share_denominator))[2]
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'The % shares of property % would sum to %/%, more than 1.',
            offender.right_type, offender.cadastral_number, offender.total[1], offender.total[2]
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER cadastre_right_shares_at_most_one AFTER INSERT ON cadastre_right
REFERENCING NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION cadastre_right_shares_check();
"""

SHARE_RULE_REVERSE = r"""
DROP TRIGGER cadastre_right_shares_at_most_one ON cadastre_right;
DROP FUNCTION cadastre_right_shares_check();
DROP AGGREGATE cadastre_fraction_sum(integer, integer);
DROP FUNCTION cadastre_fraction_add(numeric[], integer, integer);
"""


class Migration(migrations.Migration):
    dependencies = [("cadastre", "0001_initial")]

    operations = [
        migrations.RunSQL(_guard_sql(), reverse_sql=_unguard_sql()),
        migrations.RunSQL(SHARE_RULE, reverse_sql=SHARE_RULE_REVERSE),
    ]
