-- Cameras from a GIS file: typed values and the first reason each is refused for.
-- Reasons are code|field|value. Identifiers: {staging}, {work}; {geometry} is
-- geometry_columns.sql. Params: those of geometry_columns.sql, kinds, statuses (allowed values).
CREATE UNLOGGED TABLE {work} AS
SELECT
    g.src_fid,
    g.src_fid::text AS source_ref,
    NULL::text AS key,
    coalesce(btrim(g.name), '') AS label,
    g.storage_geom AS geom,
    coalesce(btrim(g.name), '') AS name,
    coalesce(lower(nullif(btrim(g.kind), '')), 'fixed') AS kind,
    coalesce(lower(nullif(btrim(g.status), '')), 'active') AS status,
    CASE WHEN btrim(g.direction_deg) ~ '^[0-9]{{1,3}}(\.[0-9]+)?$'
        THEN mod(btrim(g.direction_deg)::numeric, 360)::float8
    END AS direction_deg,
    CASE WHEN btrim(g.field_of_view_deg) ~ '^[0-9]{{1,3}}(\.[0-9]+)?$'
        THEN btrim(g.field_of_view_deg)::float8
    END AS field_of_view_deg,
    CASE WHEN btrim(g.range_m) ~ '^[0-9]{{1,6}}(\.[0-9]+)?$' THEN btrim(g.range_m)::float8 END
        AS range_m,
    NULL::text AS direction_text,
    coalesce(g.geometry_reason, CASE
        WHEN char_length(btrim(g.name)) > 200 THEN 'too_long|name'
        WHEN nullif(btrim(g.kind), '') IS NOT NULL AND NOT lower(btrim(g.kind)) = ANY(%(kinds)s)
            THEN 'bad_choice|kind|' || btrim(g.kind)
        WHEN nullif(btrim(g.status), '') IS NOT NULL
            AND NOT lower(btrim(g.status)) = ANY(%(statuses)s)
            THEN 'bad_choice|status|' || btrim(g.status)
        WHEN nullif(btrim(g.direction_deg), '') IS NOT NULL AND (
            NOT btrim(g.direction_deg) ~ '^[0-9]{{1,3}}(\.[0-9]+)?$'
            OR btrim(g.direction_deg)::numeric > 360
        ) THEN 'bad_value|direction_deg|' || btrim(g.direction_deg)
        WHEN nullif(btrim(g.field_of_view_deg), '') IS NOT NULL AND (
            NOT btrim(g.field_of_view_deg) ~ '^[0-9]{{1,3}}(\.[0-9]+)?$'
            OR btrim(g.field_of_view_deg)::numeric NOT BETWEEN 0.000001 AND 360
        ) THEN 'bad_value|field_of_view_deg|' || btrim(g.field_of_view_deg)
        WHEN nullif(btrim(g.range_m), '') IS NOT NULL AND (
            NOT btrim(g.range_m) ~ '^[0-9]{{1,6}}(\.[0-9]+)?$'
            OR btrim(g.range_m)::numeric NOT BETWEEN 0.000001 AND 5000
        ) THEN 'bad_value|range_m|' || btrim(g.range_m)
    END) AS reason,
    NULL::text AS other
FROM (SELECT s.*, {geometry} FROM {staging} AS s) AS g
