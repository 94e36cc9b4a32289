-- The ETag of a cached tile, without its bytes. Parameters: $1 layer (text), $2 zoom, $3 x,
-- $4 y (integer). Returns no row, or etag. A process that still holds the bytes of this ETag
-- in memory (tiles.memory) serves them; the row decides whether they are still current.
SELECT etag
FROM tiles_tile_cache
WHERE layer = $1 AND zoom = $2 AND x = $3 AND y = $4
