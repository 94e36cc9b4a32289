-- Network lines from a GIS file: typed values and the first reason each is refused for.
-- Reasons are code|field|value. Identifiers: {staging}, {work}; {geometry} is
-- geometry_columns.sql. Params: those of geometry_columns.sql, networks, statuses (allowed).
CREATE UNLOGGED TABLE {work} AS
SELECT
    g.src_fid,
    g.src_fid::text AS source_ref,
    NULL::text AS key,
    coalesce(btrim(g.name), '') AS label,
    g.storage_geom AS geom,
    lower(btrim(g.network)) AS network,
    coalesce(btrim(g.name), '') AS name,
    coalesce(lower(nullif(btrim(g.status), '')), 'operational') AS status,
    CASE WHEN btrim(g.diameter_mm) ~ '^[0-9]{{1,5}}(\.0+)?$'
        THEN btrim(g.diameter_mm)::numeric::int
    END AS diameter_mm,
    coalesce(btrim(g.material), '') AS material,
    coalesce(btrim(g.owner_body), '') AS owner_body,
    coalesce(g.geometry_reason, CASE
        WHEN nullif(btrim(g.network), '') IS NULL THEN 'missing|network'
        WHEN NOT lower(btrim(g.network)) = ANY(%(networks)s)
            THEN 'bad_choice|network|' || btrim(g.network)
        WHEN nullif(btrim(g.status), '') IS NOT NULL
            AND NOT lower(btrim(g.status)) = ANY(%(statuses)s)
            THEN 'bad_choice|status|' || btrim(g.status)
        WHEN nullif(btrim(g.diameter_mm), '') IS NOT NULL AND (
            NOT btrim(g.diameter_mm) ~ '^[0-9]{{1,5}}(\.0+)?$'
            OR btrim(g.diameter_mm)::numeric < 1
        ) THEN 'bad_value|diameter_mm|' || btrim(g.diameter_mm)
        WHEN char_length(btrim(g.name)) > 200 THEN 'too_long|name'
        WHEN char_length(btrim(g.material)) > 50 THEN 'too_long|material'
        WHEN char_length(btrim(g.owner_body)) > 200 THEN 'too_long|owner_body'
    END) AS reason,
    NULL::text AS other
FROM (SELECT s.*, {geometry} FROM {staging} AS s) AS g
