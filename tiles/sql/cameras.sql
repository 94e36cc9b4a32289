-- Layer "cameras", zoom 13-22: where each camera stands and looks; the feature id is the
-- camera's id (the camera API answers a click). stream_ref is never selected.
-- Parameters: $1 zoom, $2 x, $3 y (integer). Returns one bytea, the MVT.
-- Points in the 64-unit buffer are kept so a camera on the tile edge is drawn whole on both
-- sides.
SELECT ST_AsMVT(tile, 'cameras', 4096, 'geom', 'id')
FROM (
    SELECT c.id,
           c.kind,
           c.status,
           c.direction_deg,
           c.field_of_view_deg,
           c.range_m,
           ST_AsMVTGeom(c.geom_3857, ST_TileEnvelope($1, $2, $3), 4096, 64) AS geom
    FROM citygis_camera AS c
    WHERE c.geom_3857 && ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096)
) AS tile
