-- Network lines from OSM: highway=* is a road, man_made=pipeline a water, gas, sewer or heating
-- main by its substance, power=line|minor_line|cable a power line, telecom=line (or
-- communication=line) a telecom line; other lines (rivers, railways, walls) are skipped.
-- Identifiers: {staging}, {work}; {geometry} is geometry_columns.sql.
-- Params: those of geometry_columns.sql, substances and substance_networks (substance ->
--   network), power_lines, planned_highways.
CREATE UNLOGGED TABLE {work} AS
SELECT
    g.src_fid,
    'way/' || g.osm_id AS source_ref,
    NULL::text AS key,
    coalesce(g.tags -> 'name', '') AS label,
    g.storage_geom AS geom,
    CASE
        WHEN g.tags ? 'highway' THEN 'road'
        WHEN g.tags -> 'man_made' = 'pipeline' THEN by_substance.network
        WHEN g.tags -> 'power' = ANY(%(power_lines)s) THEN 'power'
        ELSE 'telecom'
    END AS network,
    coalesce(g.tags -> 'name', '') AS name,
    CASE WHEN g.tags -> 'highway' = ANY(%(planned_highways)s) THEN 'planned' ELSE 'operational'
    END AS status,
    CASE WHEN btrim(g.tags -> 'diameter') ~ '^[0-9]{{1,5}}$' THEN btrim(g.tags -> 'diameter')::int
    END AS diameter_mm,
    coalesce(g.tags -> 'material', '') AS material,
    coalesce(g.tags -> 'operator', '') AS owner_body,
    CASE
        WHEN NOT coalesce(
            g.tags ? 'highway'
            OR g.tags -> 'man_made' = 'pipeline'
            OR g.tags -> 'power' = ANY(%(power_lines)s)
            OR g.tags -> 'telecom' = 'line'
            OR g.tags -> 'communication' = 'line',
            false
        ) THEN 'skip'
        WHEN g.geometry_reason IS NOT NULL THEN g.geometry_reason
        WHEN g.tags -> 'man_made' = 'pipeline' AND NOT g.tags ? 'highway'
            AND by_substance.network IS NULL
            THEN 'pipeline_substance|substance|' || coalesce(g.tags -> 'substance', '')
        WHEN g.tags ? 'diameter' AND (
            NOT btrim(g.tags -> 'diameter') ~ '^[0-9]{{1,5}}$'
            OR btrim(g.tags -> 'diameter')::int < 1
        ) THEN 'bad_value|diameter|' || (g.tags -> 'diameter')
        WHEN char_length(g.tags -> 'name') > 200 THEN 'too_long|name'
        WHEN char_length(g.tags -> 'material') > 50 THEN 'too_long|material'
        WHEN char_length(g.tags -> 'operator') > 200 THEN 'too_long|owner_body'
    END AS reason,
    NULL::text AS other
FROM (
    SELECT s.src_fid, s.osm_id, coalesce(s.all_tags::hstore, '') AS tags, {geometry}
    FROM {staging} AS s
) AS g
LEFT JOIN unnest(%(substances)s::text[], %(substance_networks)s::text[])
    AS by_substance (substance, network)
    ON by_substance.substance = g.tags -> 'substance'
