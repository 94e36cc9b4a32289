-- Register the accepted buildings as first versions, in source order.
-- Identifiers: {work}, {buildings}. Params: epoch_ms.
INSERT INTO {buildings} (
    uid, version, valid_from, valid_until, cadastral_number, geom, use, floors, year_built,
    address, source_ref
)
SELECT
    makon_import_uuid7(%(epoch_ms)s, w.src_fid), 1, now(), NULL, w.key, w.geom, w.use,
    w.floors, w.year_built, w.address, w.source_ref
FROM {work} AS w
WHERE w.reason IS NULL
ORDER BY w.src_fid
