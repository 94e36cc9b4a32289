-- Buildings from OSM multipolygons. Areas without building=* are skipped, not refused. The use
-- comes from building=*, else building:use=*, else amenity=* (public) or shop/office (commercial).
-- Identifiers: {staging}, {work}; {geometry} is geometry_columns.sql.
-- Params: those of geometry_columns.sql, use_tags and use_values (building value -> use),
--   public_amenities, this_year.
CREATE UNLOGGED TABLE {work} AS
SELECT
    g.src_fid,
    CASE WHEN g.osm_way_id IS NOT NULL THEN 'way/' || g.osm_way_id
        ELSE 'relation/' || g.osm_id
    END AS source_ref,
    NULL::text AS key,
    coalesce(g.tags -> 'name', '') AS label,
    g.storage_geom AS geom,
    coalesce(
        by_building.use,
        by_building_use.use,
        CASE WHEN g.tags -> 'amenity' = ANY(%(public_amenities)s) THEN 'public' END,
        CASE WHEN g.tags ?| ARRAY['shop', 'office'] THEN 'commercial' END
    ) AS use,
    CASE WHEN btrim(g.tags -> 'building:levels') ~ '^[0-9]{{1,3}}$'
        THEN btrim(g.tags -> 'building:levels')::int
    END AS floors,
    CASE WHEN btrim(g.tags -> 'start_date') ~ '^[0-9]{{4}}'
        THEN left(btrim(g.tags -> 'start_date'), 4)::int
    END AS year_built,
    concat_ws(' ', g.tags -> 'addr:street', g.tags -> 'addr:housenumber') AS address,
    CASE
        WHEN NOT g.tags ? 'building' OR g.tags -> 'building' = 'no' THEN 'skip'
        WHEN g.geometry_reason IS NOT NULL THEN g.geometry_reason
        WHEN coalesce(
            by_building.use,
            by_building_use.use,
            CASE WHEN g.tags -> 'amenity' = ANY(%(public_amenities)s) THEN 'public' END,
            CASE WHEN g.tags ?| ARRAY['shop', 'office'] THEN 'commercial' END
        ) IS NULL THEN 'unknown_use|building|' || (g.tags -> 'building')
        WHEN g.tags ? 'building:levels' AND (
            NOT btrim(g.tags -> 'building:levels') ~ '^[0-9]{{1,3}}$'
            OR btrim(g.tags -> 'building:levels')::int NOT BETWEEN 1 AND 150
        ) THEN 'bad_value|building:levels|' || (g.tags -> 'building:levels')
        WHEN btrim(g.tags -> 'start_date') ~ '^[0-9]{{4}}'
            AND left(btrim(g.tags -> 'start_date'), 4)::int NOT BETWEEN 1000 AND %(this_year)s
            THEN 'bad_value|start_date|' || (g.tags -> 'start_date')
        WHEN char_length(concat_ws(' ', g.tags -> 'addr:street', g.tags -> 'addr:housenumber'))
            > 300 THEN 'too_long|address'
    END AS reason,
    NULL::text AS other
FROM (
    SELECT s.src_fid, s.osm_id, s.osm_way_id, coalesce(s.all_tags::hstore, '') AS tags, {geometry}
    FROM {staging} AS s
) AS g
LEFT JOIN unnest(%(use_tags)s::text[], %(use_values)s::text[]) AS by_building (tag, use)
    ON by_building.tag = g.tags -> 'building'
LEFT JOIN unnest(%(use_tags)s::text[], %(use_values)s::text[]) AS by_building_use (tag, use)
    ON by_building_use.tag = g.tags -> 'building:use'
