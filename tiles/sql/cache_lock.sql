-- Take this connection's fill slot of the layer's cache lock until the transaction ends,
-- without waiting. Parameter: $1 layer (text). Returns false while a write to the layer's data
-- is uncommitted (every writer shares all 16 slots, tiles_cache_lock in migration tiles 0003)
-- or, rarely, while another connection with the same slot fills a tile: the tile built now is
-- then served but not stored.
SELECT pg_try_advisory_xact_lock(hashtext('tiles_tile_cache:' || $1), pg_backend_pid() % 16)
