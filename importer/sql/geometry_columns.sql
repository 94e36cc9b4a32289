-- Fragment: the geometry columns of a kind's validation query, over the staging row `s`.
-- `storage_geom`: the geometry in the storage CRS (polygons as MultiPolygon, a one-point MultiPoint as
-- its Point, lines as they are; split later), kept only when it could be transformed.
-- `geometry_reason`: the first geometry check the feature fails, NULL when it passes.
-- Params: family ('polygon' | 'point' | 'line'), types (accepted GeometryType names),
--   source_srid, storage_srid, xmin, ymin, xmax, ymax (the area's envelope in source
--   coordinates, from area_envelope.sql), west, south, east, north (the area in degrees).
    CASE
        WHEN s.geom IS NULL OR ST_IsEmpty(s.geom) OR NOT GeometryType(s.geom) = ANY(%(types)s)
            OR NOT s.geom @ ST_MakeEnvelope(
                %(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, %(source_srid)s
            )
            THEN NULL
        WHEN %(family)s = 'polygon' THEN ST_Multi(ST_Transform(s.geom, %(storage_srid)s))
        WHEN %(family)s = 'point' THEN ST_Transform(ST_GeometryN(s.geom, 1), %(storage_srid)s)
        ELSE ST_Transform(s.geom, %(storage_srid)s)
    END AS storage_geom,
    CASE
        WHEN s.geom IS NULL THEN 'no_geometry'
        WHEN ST_IsEmpty(s.geom) THEN 'empty_geometry'
        WHEN NOT GeometryType(s.geom) = ANY(%(types)s) THEN 'wrong_type'
        WHEN GeometryType(s.geom) = 'MULTIPOINT' AND ST_NumGeometries(s.geom) > 1 THEN 'wrong_type'
        WHEN NOT ST_IsValid(s.geom) THEN 'invalid_geometry'
        WHEN NOT s.geom @ ST_MakeEnvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, %(source_srid)s)
            THEN 'outside_area'
        -- The area's edges are parallels and meridians: densified in degrees, then transformed;
        -- the area comes first so PostGIS prepares it once for the whole run.
        WHEN NOT ST_Covers((
            SELECT ST_Transform(
                ST_Segmentize(
                    ST_MakeEnvelope(%(west)s, %(south)s, %(east)s, %(north)s, 4326), 0.01
                ),
                %(source_srid)s
            )
        ), s.geom) THEN 'outside_area'
    END AS geometry_reason
