-- Parcels: each staged feature with its typed values and the first reason it is refused for
-- (geometry first, then attributes; NULL: it can be imported). Reasons are code|field|value.
-- Identifiers: {staging}, {work}; {geometry} is geometry_columns.sql.
-- Params: those of geometry_columns.sql, number_pattern (core.cadastral_number.PARCEL_PATTERN),
--   land_uses (allowed values).
CREATE UNLOGGED TABLE {work} AS
SELECT
    g.src_fid,
    g.src_fid::text AS source_ref,
    nullif(btrim(g.cadastral_number), '') AS key,
    coalesce(btrim(g.cadastral_number), '') AS label,
    g.storage_geom AS geom,
    lower(btrim(g.land_use)) AS land_use,
    coalesce(btrim(g.address), '') AS address,
    CASE WHEN btrim(g.area_official_m2) ~ '^[0-9]+(\.[0-9]+)?$'
        AND char_length(btrim(g.area_official_m2)) < 30
        THEN round(btrim(g.area_official_m2)::numeric, 2)
    END AS area_official_m2,
    coalesce(g.geometry_reason, CASE
        WHEN nullif(btrim(g.cadastral_number), '') IS NULL THEN 'missing|cadastral_number'
        WHEN NOT btrim(g.cadastral_number) ~ %(number_pattern)s
            THEN 'bad_number|cadastral_number|' || btrim(g.cadastral_number)
        WHEN nullif(btrim(g.land_use), '') IS NULL THEN 'missing|land_use'
        WHEN NOT lower(btrim(g.land_use)) = ANY(%(land_uses)s)
            THEN 'bad_choice|land_use|' || btrim(g.land_use)
        WHEN char_length(btrim(g.address)) > 300 THEN 'too_long|address'
        WHEN nullif(btrim(g.area_official_m2), '') IS NULL THEN NULL
        WHEN NOT btrim(g.area_official_m2) ~ '^[0-9]+(\.[0-9]+)?$'
            OR char_length(btrim(g.area_official_m2)) >= 30
            OR round(btrim(g.area_official_m2)::numeric, 2) NOT BETWEEN 0.01 AND 999999999999.99
            THEN 'bad_value|area_official_m2|' || btrim(g.area_official_m2)
    END) AS reason,
    NULL::bigint AS block_id,
    NULL::text AS other
FROM (SELECT s.*, {geometry} FROM {staging} AS s) AS g
