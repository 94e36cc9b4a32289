"""Delete the cached tiles a write touches, in the writing transaction.

Every table a layer draws from has statement-level triggers over its transition tables: the
cached tiles of that layer, at the zooms that draw the changed rows, whose bounds meet the old
or the new geometry are deleted. An UPDATE that changes nothing a tile shows deletes nothing.

A writer shares the layer's cache locks (one per fill slot) until it commits; a request that
fills the cache takes the lock of its own slot exclusively, without waiting
(tiles/sql/cache_lock.sql), and when it cannot, serves the tile without storing it. So a tile
built from a snapshot taken before a write commits is either deleted by that write or never
stored, while writers never wait for each other and fills wait for nobody.

The zooms here follow the layer registry (tiles/layers.py).
"""

from django.db import migrations

MAX_ZOOM = 22

FUNCTIONS = r"""
-- Share every fill-slot lock of the layer until the transaction ends; true when the cache
-- holds any tile of the layer. The slot count is in tiles/sql/cache_lock.sql too.
CREATE FUNCTION tiles_cache_lock(layer_name text) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(hashtext('tiles_tile_cache:' || layer_name), slot)
    FROM generate_series(0, 15) AS slot;
    RETURN EXISTS (SELECT 1 FROM tiles_tile_cache WHERE layer = layer_name);
END
$$;

-- Arguments: layer; key column; SQL expressions over a changed row for the lowest and the
-- highest zoom that draw it (NULL: none); a condition for the rows drawn at all; the columns
-- the tiles show, so an UPDATE that leaves them alone deletes nothing. The expressions are
-- fixed in this migration, never taken from input.
CREATE FUNCTION tiles_cache_forget() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    layer_name text := TG_ARGV[0];
    key text := TG_ARGV[1];
    min_zoom text := TG_ARGV[2];
    max_zoom text := TG_ARGV[3];
    drawn text := TG_ARGV[4];
    shown text[] := string_to_array(replace(TG_ARGV[5], ' ', ''), ',');
    rows_of text := 'SELECT geom_3857 AS geom, %s AS min_zoom, %s AS max_zoom FROM %s WHERE %s';
    columns text;
    moved text;
    changed text;
BEGIN
    IF NOT tiles_cache_lock(layer_name) THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        changed := format(rows_of, min_zoom, max_zoom, 'new_rows', drawn);
    ELSIF TG_OP = 'DELETE' THEN
        changed := format(rows_of, min_zoom, max_zoom, 'old_rows', drawn);
    ELSE
        -- Set operations, not a join of the two transition tables (they have no index).
        -- Geometries compare as EWKB: exact, and hashable.
        columns := (SELECT string_agg(
                        CASE WHEN c = 'geom_3857' THEN 'ST_AsEWKB(geom_3857)' ELSE quote_ident(c) END,
                        ', ')
                    FROM unnest(shown) AS c);
        moved := format(
            'SELECT %1$I FROM ((SELECT %1$I, %2$s FROM old_rows EXCEPT SELECT %1$I, %2$s FROM new_rows) '
            'UNION ALL (SELECT %1$I, %2$s FROM new_rows EXCEPT SELECT %1$I, %2$s FROM old_rows)) '
            'AS changed',
            key, columns);
        drawn := format('(%s) AND %I IN (%s)', drawn, key, moved);
        changed := format(rows_of, min_zoom, max_zoom, 'old_rows', drawn) || ' UNION ALL '
                   || format(rows_of, min_zoom, max_zoom, 'new_rows', drawn);
    END IF;
    -- Rows are locked in key order first, so two writers that touch the same tiles queue
    -- behind each other instead of deadlocking.
    EXECUTE format(
        'DELETE FROM tiles_tile_cache AS d USING ('
        'SELECT t.zoom, t.x, t.y FROM tiles_tile_cache AS t, (%s) AS c '
        'WHERE t.layer = $1 AND t.zoom BETWEEN c.min_zoom AND c.max_zoom '
        'AND t.bounds && c.geom AND ST_Intersects(t.bounds, c.geom) '
        'ORDER BY t.zoom, t.x, t.y FOR UPDATE OF t) AS touched '
        'WHERE d.layer = $1 AND (d.zoom, d.x, d.y) = (touched.zoom, touched.x, touched.y)',
        changed)
    USING layer_name;
    RETURN NULL;
END
$$;

CREATE FUNCTION tiles_cache_forget_layer() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF tiles_cache_lock(TG_ARGV[0]) THEN
        DELETE FROM tiles_tile_cache WHERE layer = TG_ARGV[0];
    END IF;
    RETURN NULL;
END
$$;
"""

FUNCTIONS_REVERSE = r"""
DROP FUNCTION tiles_cache_forget_layer();
DROP FUNCTION tiles_cache_forget();
DROP FUNCTION tiles_cache_lock(text);
"""

ADMIN_AREA_MIN_ZOOM = "CASE level WHEN 'district' THEN 0 WHEN 'mahalla' THEN 12 WHEN 'block' THEN 14 END"

# table, key column, layer, lowest zoom, highest zoom, rows drawn, columns shown
SOURCES = (
    (
        "tiles_parcel_feature",
        "parcel_id",
        "parcels",
        "14",
        str(MAX_ZOOM),
        "true",
        "geom_3857, cadastral_number, land_use, area_m2, district, owner_type, registered_on",
    ),
    (
        "tiles_parcel_block",
        "block_code",
        "parcels",
        "12",
        "13",
        "true",
        "geom_3857, parcel_count, land_use",
    ),
    (
        "cadastre_building",
        "id",
        "buildings",
        "15",
        str(MAX_ZOOM),
        "valid_until IS NULL",
        "geom_3857, valid_until, cadastral_number, use, floors",
    ),
    (
        "citygis_infrastructuresegment",
        "id",
        "infrastructure",
        "CASE WHEN network = 'road' THEN 12 ELSE 14 END",
        str(MAX_ZOOM),
        "true",
        "geom_3857, network, status",
    ),
    (
        "citygis_infrastructurenode",
        "id",
        "infrastructure",
        "16",
        str(MAX_ZOOM),
        "true",
        "geom_3857, network, kind, status",
    ),
    (
        "citygis_camera",
        "id",
        "cameras",
        "13",
        str(MAX_ZOOM),
        "true",
        "geom_3857, kind, status, direction_deg, field_of_view_deg, range_m",
    ),
    (
        "citygis_adminarea",
        "id",
        "admin_areas",
        ADMIN_AREA_MIN_ZOOM,
        str(MAX_ZOOM),
        "true",
        "geom_3857, level, code, name_uz",
    ),
)

TRANSITION_TABLES = {
    "INSERT": "NEW TABLE AS new_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
}


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _triggers_sql() -> str:
    statements = []
    for table, key, layer, min_zoom, max_zoom, drawn, shown in SOURCES:
        arguments = ", ".join(
            _literal(value) for value in (layer, key, min_zoom, max_zoom, drawn, shown)
        )
        for operation, tables in TRANSITION_TABLES.items():
            statements.append(
                f"CREATE TRIGGER {table}_cache_{operation.lower()} AFTER {operation} ON {table} "
                f"REFERENCING {tables} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION tiles_cache_forget({arguments});"
            )
        statements.append(
            f"CREATE TRIGGER {table}_cache_truncate AFTER TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION tiles_cache_forget_layer({_literal(layer)});"
        )
    return "\n".join(statements)


def _triggers_reverse_sql() -> str:
    return "\n".join(
        f"DROP TRIGGER {table}_cache_{operation} ON {table};"
        for table, *_rest in SOURCES
        for operation in ("insert", "update", "delete", "truncate")
    )


class Migration(migrations.Migration):
    dependencies = [("tiles", "0002_parcel_feature_sync")]

    operations = [
        migrations.RunSQL(FUNCTIONS, reverse_sql=FUNCTIONS_REVERSE),
        migrations.RunSQL(_triggers_sql(), reverse_sql=_triggers_reverse_sql()),
    ]
