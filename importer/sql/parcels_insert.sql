-- Register the accepted parcels as first versions, each in the block parcels_blocks.sql found.
-- Identifiers: {work}, {parcels}. Params: epoch_ms, source_srid.
INSERT INTO {parcels} (
    uid, version, valid_from, valid_until, cadastral_number, geom, area_official_m2, address,
    land_use, block_id, source_srid
)
SELECT
    makon_import_uuid7(%(epoch_ms)s, w.src_fid), 1, now(), NULL, w.key, w.geom,
    w.area_official_m2, w.address, w.land_use, w.block_id, %(source_srid)s
FROM {work} AS w
WHERE w.reason IS NULL
