-- The refused features in source order, with what the report needs to explain each refusal.
-- `detail`: the geometry type for wrong_type, GEOS's reason for invalid_geometry, and for
-- outside_area the likely mistake: swapped (x/y swapped lands inside the area), degrees or
-- degrees_swapped (plain degrees in a projected CRS), not_degrees (a geographic CRS with
-- coordinates no degree can have); `x`, `y`: the feature's lower-left corner, source CRS.
-- Identifiers: {work}, {staging}.
-- Params: source_srid, geographic, xmin, ymin, xmax, ymax, west, south, east, north.
SELECT
    w.src_fid,
    w.source_ref,
    w.label,
    w.reason,
    w.other,
    CASE w.reason
        WHEN 'wrong_type' THEN GeometryType(s.geom)
            || CASE WHEN GeometryType(s.geom) = 'MULTIPOINT'
                THEN ' of ' || ST_NumGeometries(s.geom) || ' points' ELSE '' END
        WHEN 'invalid_geometry' THEN ST_IsValidReason(s.geom)
        WHEN 'outside_area' THEN CASE
            WHEN ST_FlipCoordinates(s.geom)
                    @ ST_MakeEnvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, %(source_srid)s)
                AND ST_Covers(ST_Transform(
                    ST_Segmentize(
                        ST_MakeEnvelope(%(west)s, %(south)s, %(east)s, %(north)s, 4326), 0.01
                    ),
                    %(source_srid)s
                ), ST_FlipCoordinates(s.geom))
                THEN 'swapped'
            WHEN NOT %(geographic)s AND s.geom
                @ ST_MakeEnvelope(%(west)s, %(south)s, %(east)s, %(north)s, %(source_srid)s)
                THEN 'degrees'
            WHEN NOT %(geographic)s AND ST_FlipCoordinates(s.geom)
                @ ST_MakeEnvelope(%(west)s, %(south)s, %(east)s, %(north)s, %(source_srid)s)
                THEN 'degrees_swapped'
            WHEN %(geographic)s
                AND NOT s.geom @ ST_MakeEnvelope(-180, -90, 180, 90, %(source_srid)s)
                THEN 'not_degrees'
        END
    END AS detail,
    CASE WHEN w.reason = 'outside_area' THEN ST_XMin(s.geom) END AS x,
    CASE WHEN w.reason = 'outside_area' THEN ST_YMin(s.geom) END AS y
FROM {work} AS w
JOIN {staging} AS s ON s.src_fid = w.src_fid
WHERE w.reason IS NOT NULL AND w.reason <> 'skip'
ORDER BY w.src_fid
