-- Layer "parcels", zoom 12-13: one feature per cadastral block (source layer parcel_blocks)
-- with its parcel count and most frequent land use, from tiles_parcel_block (migration
-- tiles 0002). A block is a few dozen parcels, so these tiles stay small and still cover every
-- parcel. Parameters: $1 zoom, $2 x, $3 y (integer). Returns one bytea, the MVT.
SELECT ST_AsMVT(tile, 'parcel_blocks', 4096, 'geom')
FROM (
    SELECT b.block_code AS block,
           b.parcel_count,
           b.land_use,
           ST_AsMVTGeom(b.geom_3857, ST_TileEnvelope($1, $2, $3), 4096, 64) AS geom
    FROM tiles_parcel_block AS b
    WHERE b.geom_3857 && ST_TileEnvelope($1, $2, $3)
) AS tile
