-- Cameras from OSM points: man_made=surveillance with surveillance:type camera, ALPR or none.
-- Other points and human guards are skipped. The bearing (camera:direction, else direction) is
-- left as text here; the importer parses its three OSM forms and fills direction_deg (and, for
-- a range, field_of_view_deg). camera:angle is the tilt and is not read.
-- Identifiers: {staging}, {work}; {geometry} is geometry_columns.sql.
-- Params: those of geometry_columns.sql, camera_types and camera_kinds (camera:type -> kind).
CREATE UNLOGGED TABLE {work} AS
SELECT
    g.src_fid,
    'node/' || g.osm_id AS source_ref,
    NULL::text AS key,
    coalesce(g.tags -> 'name', '') AS label,
    g.storage_geom AS geom,
    coalesce(g.tags -> 'name', '') AS name,
    CASE
        WHEN lower(g.tags -> 'surveillance:type') = 'alpr' THEN 'anpr'
        WHEN NOT g.tags ? 'camera:type' THEN 'fixed'
        ELSE by_type.kind
    END AS kind,
    'active'::text AS status,
    NULL::float8 AS direction_deg,
    CASE WHEN by_type.kind = 'dome' THEN 360::float8 END AS field_of_view_deg,
    NULL::float8 AS range_m,
    coalesce(g.tags -> 'camera:direction', g.tags -> 'direction') AS direction_text,
    CASE
        WHEN g.tags -> 'man_made' IS DISTINCT FROM 'surveillance'
            OR lower(g.tags -> 'surveillance:type') = 'guard' THEN 'skip'
        WHEN g.geometry_reason IS NOT NULL THEN g.geometry_reason
        WHEN g.tags ? 'surveillance:type'
            AND NOT lower(g.tags -> 'surveillance:type') IN ('camera', 'alpr')
            THEN 'surveillance_type|surveillance:type|' || (g.tags -> 'surveillance:type')
        WHEN g.tags ? 'camera:type' AND by_type.kind IS NULL
            AND lower(g.tags -> 'surveillance:type') IS DISTINCT FROM 'alpr'
            THEN 'camera_type|camera:type|' || (g.tags -> 'camera:type')
        WHEN char_length(g.tags -> 'name') > 200 THEN 'too_long|name'
    END AS reason,
    NULL::text AS other
FROM (
    SELECT s.src_fid, s.osm_id, coalesce(s.all_tags::hstore, '') AS tags, {geometry}
    FROM {staging} AS s
) AS g
LEFT JOIN unnest(%(camera_types)s::text[], %(camera_kinds)s::text[]) AS by_type (tag, kind)
    ON by_type.tag = lower(g.tags -> 'camera:type')
