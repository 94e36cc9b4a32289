-- Register the accepted parcels as first versions, in source order, each in the cadastral block
-- parcels_blocks.sql found for it (or none).
-- Identifiers: {work}, {blocks}, {parcels}. Params: epoch_ms, source_srid.
INSERT INTO {parcels} (
    uid, version, valid_from, valid_until, cadastral_number, geom, area_official_m2, address,
    land_use, block_id, source_srid
)
SELECT
    makon_import_uuid7(%(epoch_ms)s, w.src_fid), 1, now(), NULL, w.key, w.geom,
    w.area_official_m2, w.address, w.land_use, b.block_id, %(source_srid)s
FROM {work} AS w
LEFT JOIN {blocks} AS b ON b.src_fid = w.src_fid
WHERE w.reason IS NULL
