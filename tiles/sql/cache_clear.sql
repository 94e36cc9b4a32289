-- Delete the cached tiles of the given layers (one text[] parameter, bound twice), under each
-- layer's cache locks, so a request filling the cache meanwhile stores nothing behind it.
-- The row count is the number of tiles deleted.
SELECT tiles_cache_lock(name) FROM unnest(%(layers)s::text[]) AS name;
DELETE FROM tiles_tile_cache WHERE layer = ANY (%(layers)s::text[]);
