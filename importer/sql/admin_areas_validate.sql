-- Administrative areas from a GIS file: typed values and the first reason each is refused for
-- (parents are checked level by level afterwards, admin_areas_parents.sql).
-- Reasons are code|field|value. Identifiers: {staging}, {work}; {geometry} is
-- geometry_columns.sql. Params: those of geometry_columns.sql, levels (allowed values),
--   block_code_pattern.
CREATE UNLOGGED TABLE {work} AS
SELECT
    g.src_fid,
    g.src_fid::text AS source_ref,
    nullif(btrim(g.code), '') AS key,
    coalesce(btrim(g.code), '') AS label,
    g.storage_geom AS geom,
    lower(btrim(g.level)) AS level,
    coalesce(btrim(g.name_uz), '') AS name_uz,
    coalesce(btrim(g.name_ru), '') AS name_ru,
    coalesce(btrim(g.name_en), '') AS name_en,
    nullif(btrim(g.parent_code), '') AS parent_code,
    coalesce(g.geometry_reason, CASE
        WHEN nullif(btrim(g.level), '') IS NULL THEN 'missing|level'
        WHEN NOT lower(btrim(g.level)) = ANY(%(levels)s) THEN 'bad_choice|level|' || btrim(g.level)
        WHEN nullif(btrim(g.code), '') IS NULL THEN 'missing|code'
        WHEN char_length(btrim(g.code)) > 32 THEN 'too_long|code'
        WHEN lower(btrim(g.level)) = 'block' AND NOT btrim(g.code) ~ %(block_code_pattern)s
            THEN 'bad_value|code|' || btrim(g.code)
        WHEN nullif(btrim(g.name_uz), '') IS NULL THEN 'missing|name_uz'
        WHEN char_length(btrim(g.name_uz)) > 200 THEN 'too_long|name_uz'
        WHEN char_length(btrim(g.name_ru)) > 200 THEN 'too_long|name_ru'
        WHEN char_length(btrim(g.name_en)) > 200 THEN 'too_long|name_en'
        WHEN lower(btrim(g.level)) = 'city' AND nullif(btrim(g.parent_code), '') IS NOT NULL
            THEN 'city_parent|parent_code|' || btrim(g.parent_code)
        WHEN lower(btrim(g.level)) <> 'city' AND nullif(btrim(g.parent_code), '') IS NULL
            THEN 'missing|parent_code'
    END) AS reason,
    NULL::text AS other
FROM (SELECT s.*, {geometry} FROM {staging} AS s) AS g
