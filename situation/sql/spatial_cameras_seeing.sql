-- Cameras that can see a geometry: within reach AND inside the field-of-view wedge, nearest first.
-- Distances are metres in the metric storage CRS. Bearings are compass bearings (true north,
-- clockwise); each camera's bearing is turned into the grid bearing of the storage CRS with the
-- meridian convergence at the camera (the angle of true north on the grid there).
-- Params: target (EWKB, any SRID), srid (storage), search_m (no camera reaches further),
--   kinds, default_ranges, default_fovs (parallel arrays: the defaults per camera kind),
--   pan_kinds (kinds that can be turned to look anywhere), include_inactive, limit.
-- Result: id, name, kind, status, distance_m, bearing_deg, direction_deg, fov_deg, range_m,
--   range_assumed, fov_assumed, direction_known, needs_turning, lon, lat.
WITH target AS (
    SELECT ST_Transform(ST_GeomFromEWKB(%(target)s), %(srid)s) AS geom
),
defaults AS (
    SELECT *
    FROM unnest(%(kinds)s::text[], %(default_ranges)s::float8[], %(default_fovs)s::float8[])
        AS d (kind, range_m, fov_deg)
),
candidates AS (
    SELECT c.id, c.name, c.kind, c.status, c.geom, c.direction_deg,
           coalesce(c.range_m, d.range_m) AS range_m,
           c.range_m IS NULL AS range_assumed,
           coalesce(c.field_of_view_deg, d.fov_deg) AS recorded_fov_deg,
           c.field_of_view_deg IS NULL AS fov_assumed,
           c.kind = ANY(%(pan_kinds)s::text[]) AS can_pan
    FROM citygis_camera AS c
    JOIN defaults AS d ON d.kind = c.kind,
         target AS t
    -- A constant distance, so the spatial index on geom serves the search.
    WHERE ST_DWithin(c.geom, t.geom, %(search_m)s)
      AND (%(include_inactive)s OR c.status = 'active')
),
in_reach AS (
    SELECT cand.*,
           -- Grid bearing of true north at the camera: a step of 1e-4 degree north, projected.
           degrees(ST_Azimuth(
               cand.geom,
               ST_Transform(ST_Translate(ST_Transform(cand.geom, 4326), 0, 0.0001), %(srid)s)
           )) AS north_grid_deg
    FROM candidates AS cand, target AS t
    WHERE ST_DWithin(cand.geom, t.geom, cand.range_m)
),
wedges AS (
    -- The angular sector the camera faces, as a polygon whose arc lies at twice the reach: its
    -- chords (at most 15 degrees each) stay beyond the reach, so sector and disc together are
    -- exact. No sector when the camera sees all round or its bearing is unknown.
    SELECT r.*,
           CASE
               WHEN r.direction_deg IS NULL OR r.recorded_fov_deg >= 360 THEN NULL
               ELSE (
                   SELECT ST_MakePolygon(ST_MakeLine(
                       ARRAY[r.geom]
                       || array_agg(ST_Translate(
                              r.geom,
                              2 * r.range_m * sin(radians(arc.angle)),
                              2 * r.range_m * cos(radians(arc.angle))
                          ) ORDER BY arc.step)
                       || ARRAY[r.geom]
                   ))
                   FROM (
                       SELECT step,
                              r.direction_deg + r.north_grid_deg - r.recorded_fov_deg / 2
                              + step * r.recorded_fov_deg / ceil(r.recorded_fov_deg / 15)
                                  AS angle
                       FROM generate_series(0, ceil(r.recorded_fov_deg / 15)::int) AS step
                   ) AS arc
               )
           END AS sector
    FROM in_reach AS r
),
judged AS (
    SELECT w.*,
           w.sector IS NULL OR ST_DWithin(visible.geom, w.geom, w.range_m) AS in_view,
           -- What the distance and bearing are measured to: the part inside the wedge when the
           -- camera sees some, else (a camera that must be turned) the whole target.
           CASE
               WHEN w.sector IS NULL OR ST_IsEmpty(visible.geom) THEN t.geom
               ELSE visible.geom
           END AS seen_part
    FROM wedges AS w
    CROSS JOIN target AS t
    CROSS JOIN LATERAL (
        SELECT CASE WHEN w.sector IS NOT NULL THEN ST_Intersection(t.geom, w.sector) END AS geom
    ) AS visible
),
measured AS (
    SELECT j.*, ST_Distance(j.geom, j.seen_part) AS distance_m
    FROM judged AS j
    WHERE j.in_view OR j.can_pan
)
SELECT m.id, m.name, m.kind, m.status, m.distance_m,
       -- Compass bearing from the camera to the nearest point it sees (NULL when it stands on it).
       CASE
           WHEN m.distance_m = 0 THEN NULL
           ELSE mod((degrees(ST_Azimuth(m.geom, ST_ClosestPoint(m.seen_part, m.geom)))
                     - m.north_grid_deg + 720)::numeric, 360)::float8
       END AS bearing_deg,
       m.direction_deg,
       CASE WHEN m.can_pan THEN 360 ELSE m.recorded_fov_deg END AS fov_deg,
       m.range_m, m.range_assumed, m.fov_assumed AND NOT m.can_pan AS fov_assumed,
       m.direction_deg IS NOT NULL AS direction_known,
       m.can_pan AND NOT m.in_view AS needs_turning,
       ST_X(ST_Transform(m.geom, 4326)) AS lon, ST_Y(ST_Transform(m.geom, 4326)) AS lat
FROM measured AS m
ORDER BY m.distance_m, m.id
LIMIT %(limit)s
