-- What each camera in an area looks at, for drawing: its field-of-view wedge as GeoJSON
-- (EPSG:4326), reach in metres along compass bearings (corrected for the meridian convergence
-- of the storage CRS at the camera). A camera that sees all round, or whose bearing is
-- unknown, gets a disc of its reach.
-- Params: area (EWKB polygon, any SRID), srid (storage), kinds, default_ranges, default_fovs
--   (parallel arrays: defaults per camera kind), limit.
-- Result: id, name, kind, status, direction_deg, fov_deg, range_m, range_assumed, fov_assumed,
--   camera (GeoJSON point), wedge (GeoJSON polygon).
WITH area AS (
    SELECT ST_Transform(ST_GeomFromEWKB(%(area)s), %(srid)s) AS geom
),
defaults AS (
    SELECT *
    FROM unnest(%(kinds)s::text[], %(default_ranges)s::float8[], %(default_fovs)s::float8[])
        AS d (kind, range_m, fov_deg)
),
cameras AS (
    SELECT c.id, c.name, c.kind, c.status, c.geom, c.direction_deg,
           coalesce(c.range_m, d.range_m) AS range_m,
           coalesce(c.field_of_view_deg, d.fov_deg) AS fov_deg,
           c.range_m IS NULL AS range_assumed,
           c.field_of_view_deg IS NULL AS fov_assumed,
           degrees(ST_Azimuth(
               c.geom, ST_Transform(ST_Translate(ST_Transform(c.geom, 4326), 0, 0.0001), %(srid)s)
           )) AS north_grid_deg
    FROM citygis_camera AS c
    JOIN defaults AS d ON d.kind = c.kind,
         area AS a
    WHERE c.geom && a.geom AND ST_Intersects(c.geom, a.geom)
    ORDER BY c.id
    LIMIT %(limit)s
)
SELECT c.id, c.name, c.kind, c.status, c.direction_deg, c.fov_deg, c.range_m,
       c.range_assumed, c.fov_assumed,
       ST_AsGeoJSON(ST_Transform(c.geom, 4326), 7) AS camera,
       ST_AsGeoJSON(ST_Transform(
           CASE
               WHEN c.direction_deg IS NULL OR c.fov_deg >= 360
                   THEN ST_Buffer(c.geom, c.range_m, 'quad_segs=16')
               ELSE (
                   SELECT ST_MakePolygon(ST_MakeLine(
                       ARRAY[c.geom]
                       || array_agg(ST_Translate(
                              c.geom,
                              c.range_m * sin(radians(arc.angle)),
                              c.range_m * cos(radians(arc.angle))
                          ) ORDER BY arc.step)
                       || ARRAY[c.geom]
                   ))
                   FROM (
                       -- One vertex every 5 degrees or less along the arc.
                       SELECT step,
                              c.direction_deg + c.north_grid_deg - c.fov_deg / 2
                              + step * c.fov_deg / ceil(c.fov_deg / 5) AS angle
                       FROM generate_series(0, ceil(c.fov_deg / 5)::int) AS step
                   ) AS arc
               )
           END, 4326), 7) AS wedge
FROM cameras AS c
ORDER BY c.id
