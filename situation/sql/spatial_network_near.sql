-- Infrastructure segments and nodes (valves, hydrants, manholes...) within a radius of a
-- geometry, nearest first, optionally of one network. Distances in metres in the metric storage
-- CRS; lengths in metres on the WGS 84 ellipsoid.
-- Params: target (EWKB, any SRID), srid (storage), radius_m, network (text or NULL = all),
--   limit (per kind; one more row is read to tell that the list was cut).
-- Result: what ('segment' | 'node'), id, network, kind (node kind; '' for a segment), name,
--   owner_body, status, diameter_mm, material, distance_m, length_m, geometry (GeoJSON 4326).
WITH target AS (
    SELECT ST_Transform(ST_GeomFromEWKB(%(target)s), %(srid)s) AS geom
),
segments AS (
    SELECT 'segment'::text AS what, s.id, s.network, ''::text AS kind, s.name, s.owner_body,
           s.status, s.diameter_mm, s.material, ST_Distance(s.geom, t.geom) AS distance_m,
           ST_Length(ST_Transform(s.geom, 4326)::geography) AS length_m, s.geom
    FROM citygis_infrastructuresegment AS s, target AS t
    WHERE ST_DWithin(s.geom, t.geom, %(radius_m)s)
      AND (%(network)s::text IS NULL OR s.network = %(network)s::text)
    ORDER BY distance_m, s.id
    LIMIT %(limit)s + 1
),
nodes AS (
    SELECT 'node'::text AS what, n.id, n.network, n.kind, ''::text AS name, ''::text AS owner_body,
           n.status, NULL::int AS diameter_mm, ''::text AS material,
           ST_Distance(n.geom, t.geom) AS distance_m, NULL::float8 AS length_m, n.geom
    FROM citygis_infrastructurenode AS n, target AS t
    WHERE ST_DWithin(n.geom, t.geom, %(radius_m)s)
      AND (%(network)s::text IS NULL OR n.network = %(network)s::text)
    ORDER BY distance_m, n.id
    LIMIT %(limit)s + 1
)
SELECT x.what, x.id, x.network, x.kind, x.name, x.owner_body, x.status, x.diameter_mm,
       x.material, x.distance_m, x.length_m, ST_AsGeoJSON(ST_Transform(x.geom, 4326), 7)
FROM (
    SELECT * FROM segments
    UNION ALL
    SELECT * FROM nodes
) AS x
ORDER BY x.what DESC, x.distance_m, x.id
