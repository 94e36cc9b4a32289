-- Buildings from a GIS file: typed values and the first reason each is refused for.
-- Reasons are code|field|value. Identifiers: {staging}, {work}; {geometry} is
-- geometry_columns.sql. Params: those of geometry_columns.sql, number_pattern
-- (core.cadastral_number.BUILDING_PATTERN), uses (allowed values), this_year.
CREATE UNLOGGED TABLE {work} AS
SELECT
    g.src_fid,
    g.src_fid::text AS source_ref,
    nullif(btrim(g.cadastral_number), '') AS key,
    coalesce(btrim(g.cadastral_number), '') AS label,
    g.storage_geom AS geom,
    lower(btrim(g.use)) AS use,
    CASE WHEN btrim(g.floors) ~ '^[0-9]{{1,3}}(\.0+)?$' THEN btrim(g.floors)::numeric::int END
        AS floors,
    CASE WHEN btrim(g.year_built) ~ '^[0-9]{{4}}(\.0+)?$'
        THEN btrim(g.year_built)::numeric::int
    END AS year_built,
    coalesce(btrim(g.address), '') AS address,
    coalesce(g.geometry_reason, CASE
        WHEN nullif(btrim(g.cadastral_number), '') IS NOT NULL
            AND NOT btrim(g.cadastral_number) ~ %(number_pattern)s
            THEN 'bad_number|cadastral_number|' || btrim(g.cadastral_number)
        WHEN nullif(btrim(g.use), '') IS NULL THEN 'missing|use'
        WHEN NOT lower(btrim(g.use)) = ANY(%(uses)s) THEN 'bad_choice|use|' || btrim(g.use)
        WHEN nullif(btrim(g.floors), '') IS NOT NULL AND (
            NOT btrim(g.floors) ~ '^[0-9]{{1,3}}(\.0+)?$'
            OR btrim(g.floors)::numeric NOT BETWEEN 1 AND 150
        ) THEN 'bad_value|floors|' || btrim(g.floors)
        WHEN nullif(btrim(g.year_built), '') IS NOT NULL AND (
            NOT btrim(g.year_built) ~ '^[0-9]{{4}}(\.0+)?$'
            OR btrim(g.year_built)::numeric NOT BETWEEN 1000 AND %(this_year)s
        ) THEN 'bad_value|year_built|' || btrim(g.year_built)
        WHEN char_length(btrim(g.address)) > 300 THEN 'too_long|address'
    END) AS reason,
    NULL::text AS other
FROM (SELECT s.*, {geometry} FROM {staging} AS s) AS g
