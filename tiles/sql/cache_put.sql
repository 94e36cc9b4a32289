-- Store a built tile. Parameters: $1 layer (text), $2 zoom, $3 x, $4 y (integer), $5 data
-- (bytea, gzip-compressed MVT), $6 etag (text). The bounds are the tile envelope widened by
-- the 64/4096 buffer the layer SQL draws into. A tile stored meanwhile by another request is
-- kept.
INSERT INTO tiles_tile_cache (layer, zoom, x, y, data, etag, bounds, created_at)
VALUES ($1, $2, $3, $4, $5, $6, ST_TileEnvelope($2, $3, $4, margin => 64.0 / 4096), now())
ON CONFLICT DO NOTHING
