-- A cached tile. Parameters: $1 layer (text), $2 zoom, $3 x, $4 y (integer).
-- Returns no row, or data (gzip-compressed MVT, empty for an empty tile) and etag.
SELECT data, etag
FROM tiles_tile_cache
WHERE layer = $1 AND zoom = $2 AND x = $3 AND y = $4
