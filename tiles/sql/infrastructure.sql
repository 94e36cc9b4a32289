-- Layer "infrastructure", zoom 14-15: segments of every network.
-- Parameters: $1 zoom, $2 x, $3 y (integer). Returns one bytea, the MVT.
SELECT ST_AsMVT(tile, 'infrastructure', 4096, 'geom')
FROM (
    SELECT s.network,
           s.status,
           ST_AsMVTGeom(s.geom_3857, ST_TileEnvelope($1, $2, $3), 4096, 64) AS geom
    FROM citygis_infrastructuresegment AS s
    WHERE s.geom_3857 && ST_TileEnvelope($1, $2, $3)
) AS tile
