-- Layer "parcels", zoom 14-22: every current parcel with its seven public properties.
-- Parameters: $1 zoom, $2 x, $3 y (integer). Returns one bytea, the MVT; empty when no parcel
-- meets the tile. Reads tiles_parcel_feature (kept in step with the register by the triggers
-- of migration tiles 0002) through its GiST index; no ORDER BY, no LIMIT: the zoom range is
-- what keeps a tile small, and every parcel that meets it is in it.
SELECT ST_AsMVT(tile, 'parcels', 4096, 'geom')
FROM (
    SELECT f.parcel_id AS id,
           f.cadastral_number,
           f.land_use,
           f.area_m2,
           f.district,
           f.owner_type,
           to_char(f.registered_on, 'YYYY-MM-DD') AS registered_on,
           ST_AsMVTGeom(f.geom_3857, ST_TileEnvelope($1, $2, $3), 4096, 64) AS geom
    FROM tiles_parcel_feature AS f
    WHERE f.geom_3857 && ST_TileEnvelope($1, $2, $3)
) AS tile
