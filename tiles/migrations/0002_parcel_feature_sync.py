"""Keep tiles_parcel_feature and tiles_parcel_block in step with the register.

Statement-level triggers over transition tables: one set-based statement per INSERT, UPDATE,
DELETE or COPY, so a bulk load of a million parcels pays a few joins, not a million calls.
TRUNCATE of a source table rebuilds what depends on it. The feature rows carry the date a
version came into force in the deployment's time zone (settings.TIME_ZONE when this migration
ran), like MAKON_SRID a setting fixed before the first migration.
"""

import re

from django.conf import settings
from django.db import migrations

if not re.fullmatch(r"[A-Za-z0-9_+/-]+", settings.TIME_ZONE):
    raise ValueError(f"TIME_ZONE {settings.TIME_ZONE!r} is not a time zone name.")

FUNCTIONS = r"""
CREATE FUNCTION tiles_local_date(moment timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (moment AT TIME ZONE '__TIME_ZONE__')::date
$$;

-- Party kinds of the current ownership rights, per object number: the number of the property
-- the right is in, and the numbers of the objects that property comprises.
CREATE VIEW tiles_ownership_holder AS
SELECT objects.number, party.kind
FROM cadastre_right AS r
JOIN (
    SELECT id AS property_id, cadastral_number AS number FROM cadastre_property
    UNION ALL
    SELECT property_id, cadastral_number FROM cadastre_propertycomponent
) AS objects ON objects.property_id = r.property_id
LEFT JOIN cadastre_partygroupmember AS member ON member.group_id = r.party_group_id
JOIN cadastre_party AS party ON party.id = COALESCE(r.party_id, member.party_id)
WHERE r.valid_until IS NULL AND r.right_type = 'ownership';

-- Owner type per object number, for `numbers` (NULL: every number that has an owner).
CREATE FUNCTION tiles_owner_types(numbers text[])
RETURNS TABLE (number text, owner_type text)
LANGUAGE sql STABLE AS $$
    SELECT h.number::text,
           CASE WHEN count(DISTINCT h.kind) > 1 THEN 'mixed' ELSE min(h.kind) END::text
    FROM tiles_ownership_holder AS h
    WHERE numbers IS NULL OR h.number = ANY (numbers)
    GROUP BY h.number
$$;

-- Numbers whose ownership may change with the rights in `property_ids`.
CREATE FUNCTION tiles_property_numbers(property_ids bigint[]) RETURNS text[]
LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(DISTINCT o.number), '{}')
    FROM (
        SELECT cadastral_number::text AS number FROM cadastre_property
        WHERE id = ANY (property_ids)
        UNION ALL
        SELECT cadastral_number::text FROM cadastre_propertycomponent
        WHERE property_id = ANY (property_ids)
    ) AS o
$$;

-- Add the feature rows of the current parcels among `parcel_ids` (NULL: all current parcels).
-- EXECUTE plans with the actual arguments, so a handful of ids uses the indexes and NULL reads
-- each table once.
CREATE FUNCTION tiles_parcel_feature_add(parcel_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    numbers text[];
BEGIN
    IF parcel_ids IS NOT NULL THEN
        numbers := ARRAY(SELECT cadastral_number::text FROM cadastre_parcel
                         WHERE id = ANY (parcel_ids));
    END IF;
    EXECUTE $sql$
        INSERT INTO tiles_parcel_feature (
            parcel_id, geom_3857, cadastral_number, block_code, land_use, area_m2, district,
            owner_type, registered_on)
        SELECT p.id, p.geom_3857, p.cadastral_number, left(p.cadastral_number, 14), p.land_use,
               round(coalesce(p.area_official_m2, p.area_computed_m2::numeric), 1)::float8,
               left(p.cadastral_number, 5), o.owner_type, tiles_local_date(p.valid_from)
        FROM cadastre_parcel AS p
        LEFT JOIN tiles_owner_types($2) AS o ON o.number = p.cadastral_number
        WHERE p.valid_until IS NULL AND ($1 IS NULL OR p.id = ANY ($1))
    $sql$ USING parcel_ids, numbers;
END
$$;

-- TRUNCATE `name` unless it is empty: a table truncated by the same statement as the one whose
-- trigger runs is empty, and may not be truncated twice ("used by active queries").
CREATE FUNCTION tiles_truncate(name regclass) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    filled boolean;
BEGIN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s)', name) INTO filled;
    IF filled THEN
        EXECUTE format('TRUNCATE %s', name);
    END IF;
END
$$;

-- After a TRUNCATE: true (and no feature left) when the register holds no parcel, so a whole
-- register emptied at once is not recomputed parcel by parcel first.
CREATE FUNCTION tiles_parcel_feature_emptied() RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM cadastre_parcel) THEN
        RETURN false;
    END IF;
    PERFORM tiles_truncate('tiles_parcel_feature');
    RETURN true;
END
$$;

-- Recompute owner_type of the features numbered `numbers` (NULL: every feature).
CREATE FUNCTION tiles_parcel_owner_refresh(numbers text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF numbers IS NOT NULL AND cardinality(numbers) = 0 THEN
        RETURN;
    END IF;
    EXECUTE $sql$
        UPDATE tiles_parcel_feature AS f
        SET owner_type = fresh.owner_type
        FROM (
            SELECT g.parcel_id, o.owner_type
            FROM tiles_parcel_feature AS g
            LEFT JOIN tiles_owner_types($1) AS o ON o.number = g.cadastral_number
            WHERE $1 IS NULL OR g.cadastral_number = ANY ($1)
        ) AS fresh
        WHERE f.parcel_id = fresh.parcel_id AND f.owner_type IS DISTINCT FROM fresh.owner_type
    $sql$ USING numbers;
END
$$;

-- Recompute the block rows `codes` (NULL: every block) from the parcel features.
CREATE FUNCTION tiles_parcel_block_refresh(codes text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF codes IS NOT NULL AND cardinality(codes) = 0 THEN
        RETURN;
    END IF;
    EXECUTE $sql$
        INSERT INTO tiles_parcel_block AS b (block_code, geom_3857, parcel_count, land_use)
        SELECT s.block_code,
               coalesce(area.geom_3857, (
                   SELECT ST_Multi(ST_ConvexHull(ST_Collect(h.geom_3857)))
                   FROM tiles_parcel_feature AS h WHERE h.block_code = s.block_code)),
               s.parcel_count, s.land_use
        FROM (
            SELECT f.block_code, count(*) AS parcel_count,
                   mode() WITHIN GROUP (ORDER BY f.land_use) AS land_use
            FROM tiles_parcel_feature AS f
            WHERE $1 IS NULL OR f.block_code = ANY ($1)
            GROUP BY f.block_code
        ) AS s
        LEFT JOIN citygis_adminarea AS area
            ON area.level = 'block' AND area.code = s.block_code
        ON CONFLICT (block_code) DO UPDATE
        SET geom_3857 = EXCLUDED.geom_3857, parcel_count = EXCLUDED.parcel_count,
            land_use = EXCLUDED.land_use
        WHERE (b.geom_3857, b.parcel_count, b.land_use)
              IS DISTINCT FROM (EXCLUDED.geom_3857, EXCLUDED.parcel_count, EXCLUDED.land_use)
    $sql$ USING codes;
    EXECUTE $sql$
        DELETE FROM tiles_parcel_block AS b
        WHERE ($1 IS NULL OR b.block_code = ANY ($1))
          AND NOT EXISTS (SELECT 1 FROM tiles_parcel_feature AS f
                          WHERE f.block_code = b.block_code)
    $sql$ USING codes;
END
$$;

-- cadastre_parcel: a current version gets a feature row; an ended one loses it.
CREATE FUNCTION tiles_parcel_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    added bigint[];
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM tiles_parcel_feature AS f USING old_rows AS o WHERE f.parcel_id = o.id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        added := ARRAY(SELECT id FROM new_rows WHERE valid_until IS NULL);
        IF cardinality(added) > 0 THEN
            PERFORM tiles_parcel_feature_add(added);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

-- tiles_parcel_feature: the blocks of added, removed or changed parcels are summed again.
CREATE FUNCTION tiles_parcel_feature_blocks() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    codes text[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        codes := ARRAY(SELECT DISTINCT block_code FROM new_rows);
    ELSIF TG_OP = 'DELETE' THEN
        codes := ARRAY(SELECT DISTINCT block_code FROM old_rows);
    ELSE
        -- owner_type does not show in the block summary. Set operations, not a join of the
        -- two transition tables, which have no index: an update of every feature stays one
        -- hash or sort pass.
        codes := ARRAY(
            SELECT DISTINCT changed.block_code FROM (
                (SELECT parcel_id, block_code, land_use, ST_AsEWKB(geom_3857) FROM old_rows
                 EXCEPT
                 SELECT parcel_id, block_code, land_use, ST_AsEWKB(geom_3857) FROM new_rows)
                UNION ALL
                (SELECT parcel_id, block_code, land_use, ST_AsEWKB(geom_3857) FROM new_rows
                 EXCEPT
                 SELECT parcel_id, block_code, land_use, ST_AsEWKB(geom_3857) FROM old_rows)
            ) AS changed);
    END IF;
    PERFORM tiles_parcel_block_refresh(codes);
    RETURN NULL;
END
$$;

CREATE FUNCTION tiles_parcel_feature_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM tiles_truncate('tiles_parcel_block');
    RETURN NULL;
END
$$;

CREATE FUNCTION tiles_parcel_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM tiles_truncate('tiles_parcel_feature');
    RETURN NULL;
END
$$;

-- Block areas: their outline is what the parcels layer draws at low zoom.
CREATE FUNCTION tiles_block_area_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    codes text[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        codes := ARRAY(SELECT code FROM new_rows WHERE level = 'block');
    ELSIF TG_OP = 'DELETE' THEN
        codes := ARRAY(SELECT code FROM old_rows WHERE level = 'block');
    ELSE
        codes := ARRAY(SELECT code FROM old_rows WHERE level = 'block'
                       UNION SELECT code FROM new_rows WHERE level = 'block');
    END IF;
    PERFORM tiles_parcel_block_refresh(codes);
    RETURN NULL;
END
$$;

CREATE FUNCTION tiles_block_area_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT tiles_parcel_feature_emptied() THEN
        PERFORM tiles_parcel_block_refresh(NULL);
    END IF;
    RETURN NULL;
END
$$;

-- Rights: ownership rights decide owner_type.
CREATE FUNCTION tiles_right_owners() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    properties bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        properties := ARRAY(SELECT DISTINCT property_id FROM new_rows
                            WHERE right_type = 'ownership');
    ELSIF TG_OP = 'DELETE' THEN
        properties := ARRAY(SELECT DISTINCT property_id FROM old_rows
                            WHERE right_type = 'ownership');
    ELSE
        properties := ARRAY(SELECT property_id FROM old_rows WHERE right_type = 'ownership'
                            UNION
                            SELECT property_id FROM new_rows WHERE right_type = 'ownership');
    END IF;
    IF cardinality(properties) > 0 THEN
        PERFORM tiles_parcel_owner_refresh(tiles_property_numbers(properties));
    END IF;
    RETURN NULL;
END
$$;

-- Components: an object joins or leaves a property and its rights.
CREATE FUNCTION tiles_component_owners() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    numbers text[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        numbers := ARRAY(SELECT DISTINCT cadastral_number::text FROM new_rows);
    ELSIF TG_OP = 'DELETE' THEN
        numbers := ARRAY(SELECT DISTINCT cadastral_number::text FROM old_rows);
    ELSE
        numbers := ARRAY(SELECT cadastral_number::text FROM old_rows
                         UNION SELECT cadastral_number::text FROM new_rows);
    END IF;
    PERFORM tiles_parcel_owner_refresh(numbers);
    RETURN NULL;
END
$$;

-- Properties: a changed main number moves the property's rights to another object.
CREATE FUNCTION tiles_property_owners() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    numbers text[];
BEGIN
    IF TG_OP = 'DELETE' THEN
        numbers := ARRAY(SELECT DISTINCT cadastral_number::text FROM old_rows);
    ELSE
        numbers := ARRAY(
            SELECT DISTINCT changed.cadastral_number::text FROM (
                (SELECT id, cadastral_number FROM old_rows
                 EXCEPT SELECT id, cadastral_number FROM new_rows)
                UNION ALL
                (SELECT id, cadastral_number FROM new_rows
                 EXCEPT SELECT id, cadastral_number FROM old_rows)
            ) AS changed);
    END IF;
    PERFORM tiles_parcel_owner_refresh(numbers);
    RETURN NULL;
END
$$;

-- Group members: the kinds behind a group's rights change.
CREATE FUNCTION tiles_group_member_owners() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    groups bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        groups := ARRAY(SELECT DISTINCT group_id FROM new_rows);
    ELSIF TG_OP = 'DELETE' THEN
        groups := ARRAY(SELECT DISTINCT group_id FROM old_rows);
    ELSE
        groups := ARRAY(SELECT group_id FROM old_rows UNION SELECT group_id FROM new_rows);
    END IF;
    IF cardinality(groups) > 0 THEN
        PERFORM tiles_parcel_owner_refresh(tiles_property_numbers(ARRAY(
            SELECT DISTINCT property_id FROM cadastre_right
            WHERE party_group_id = ANY (groups) AND valid_until IS NULL
              AND right_type = 'ownership')));
    END IF;
    RETURN NULL;
END
$$;

-- Parties: only a change of kind shows on the map.
CREATE FUNCTION tiles_party_owners() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    parties bigint[];
BEGIN
    parties := ARRAY(SELECT DISTINCT changed.id FROM (
                         SELECT id, kind FROM old_rows EXCEPT SELECT id, kind FROM new_rows
                     ) AS changed);
    IF cardinality(parties) > 0 THEN
        PERFORM tiles_parcel_owner_refresh(tiles_property_numbers(ARRAY(
            SELECT DISTINCT r.property_id FROM cadastre_right AS r
            WHERE r.valid_until IS NULL AND r.right_type = 'ownership'
              AND (r.party_id = ANY (parties) OR r.party_group_id IN (
                       SELECT m.group_id FROM cadastre_partygroupmember AS m
                       WHERE m.party_id = ANY (parties))))));
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION tiles_owners_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT tiles_parcel_feature_emptied() THEN
        PERFORM tiles_parcel_owner_refresh(NULL);
    END IF;
    RETURN NULL;
END
$$;
"""

FUNCTIONS_REVERSE = r"""
DROP FUNCTION tiles_owners_truncated();
DROP FUNCTION tiles_party_owners();
DROP FUNCTION tiles_group_member_owners();
DROP FUNCTION tiles_property_owners();
DROP FUNCTION tiles_component_owners();
DROP FUNCTION tiles_right_owners();
DROP FUNCTION tiles_block_area_truncated();
DROP FUNCTION tiles_block_area_sync();
DROP FUNCTION tiles_parcel_truncated();
DROP FUNCTION tiles_parcel_feature_truncated();
DROP FUNCTION tiles_parcel_feature_blocks();
DROP FUNCTION tiles_parcel_sync();
DROP FUNCTION tiles_parcel_block_refresh(text[]);
DROP FUNCTION tiles_parcel_owner_refresh(text[]);
DROP FUNCTION tiles_parcel_feature_emptied();
DROP FUNCTION tiles_truncate(regclass);
DROP FUNCTION tiles_parcel_feature_add(bigint[]);
DROP FUNCTION tiles_property_numbers(bigint[]);
DROP FUNCTION tiles_owner_types(text[]);
DROP VIEW tiles_ownership_holder;
DROP FUNCTION tiles_local_date(timestamptz);
"""


def _row_triggers(table: str, function: str, operations: tuple[str, ...]) -> list[str]:
    """One statement-level trigger per operation, with the transition tables it may have."""
    tables = {
        "INSERT": "NEW TABLE AS new_rows",
        "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "DELETE": "OLD TABLE AS old_rows",
    }
    return [
        f"CREATE TRIGGER {table}_tiles_{operation.lower()} AFTER {operation} ON {table} "
        f"REFERENCING {tables[operation]} FOR EACH STATEMENT EXECUTE FUNCTION {function}();"
        for operation in operations
    ]


ALL = ("INSERT", "UPDATE", "DELETE")

# table, row function, operations, TRUNCATE function
TRIGGERS = (
    ("cadastre_parcel", "tiles_parcel_sync", ALL, "tiles_parcel_truncated"),
    (
        "tiles_parcel_feature",
        "tiles_parcel_feature_blocks",
        ALL,
        "tiles_parcel_feature_truncated",
    ),
    ("citygis_adminarea", "tiles_block_area_sync", ALL, "tiles_block_area_truncated"),
    ("cadastre_right", "tiles_right_owners", ALL, "tiles_owners_truncated"),
    ("cadastre_propertycomponent", "tiles_component_owners", ALL, "tiles_owners_truncated"),
    ("cadastre_property", "tiles_property_owners", ("UPDATE", "DELETE"), "tiles_owners_truncated"),
    ("cadastre_partygroupmember", "tiles_group_member_owners", ALL, "tiles_owners_truncated"),
    ("cadastre_party", "tiles_party_owners", ("UPDATE",), "tiles_owners_truncated"),
)


def _triggers_sql() -> str:
    statements = []
    for table, function, operations, truncated in TRIGGERS:
        statements += _row_triggers(table, function, operations)
        statements.append(
            f"CREATE TRIGGER {table}_tiles_truncate AFTER TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {truncated}();"
        )
    return "\n".join(statements)


def _triggers_reverse_sql() -> str:
    statements = []
    for table, _function, operations, _truncated in TRIGGERS:
        statements += [
            f"DROP TRIGGER {table}_tiles_{operation.lower()} ON {table};"
            for operation in (*operations, "TRUNCATE")
        ]
    return "\n".join(statements)


class Migration(migrations.Migration):
    dependencies = [
        ("tiles", "0001_initial"),
        ("cadastre", "0002_register_rules"),
        ("citygis", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            FUNCTIONS.replace("__TIME_ZONE__", settings.TIME_ZONE),
            reverse_sql=FUNCTIONS_REVERSE,
        ),
        migrations.RunSQL(_triggers_sql(), reverse_sql=_triggers_reverse_sql()),
        # Fill the tables from a register that already holds data.
        migrations.RunSQL(
            "SELECT tiles_parcel_feature_add(NULL);",
            reverse_sql="TRUNCATE tiles_parcel_feature;",
        ),
    ]
