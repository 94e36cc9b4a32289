-- Layer "buildings", zoom 15-22: the current version of every building footprint.
-- Parameters: $1 zoom, $2 x, $3 y (integer). Returns one bytea, the MVT.
SELECT ST_AsMVT(tile, 'buildings', 4096, 'geom')
FROM (
    SELECT b.cadastral_number,
           b.use,
           b.floors::integer AS floors,
           ST_AsMVTGeom(b.geom_3857, ST_TileEnvelope($1, $2, $3), 4096, 64) AS geom
    FROM cadastre_building AS b
    WHERE b.geom_3857 && ST_TileEnvelope($1, $2, $3)
      AND b.valid_until IS NULL
) AS tile
