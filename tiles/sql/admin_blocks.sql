-- Layer "admin_areas", zoom 14-22: districts, mahallas and cadastral blocks.
-- Parameters: $1 zoom, $2 x, $3 y (integer). Returns one bytea, the MVT.
SELECT ST_AsMVT(tile, 'admin_areas', 4096, 'geom')
FROM (
    SELECT a.level,
           a.code,
           a.name_uz AS name,
           ST_AsMVTGeom(a.geom_3857, ST_TileEnvelope($1, $2, $3), 4096, 64) AS geom
    FROM citygis_adminarea AS a
    WHERE a.geom_3857 && ST_TileEnvelope($1, $2, $3)
      AND a.level IN ('district', 'mahalla', 'block')
) AS tile
