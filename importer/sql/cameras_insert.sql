-- Register the accepted cameras, in source order.
-- Identifiers: {work}, {cameras}. No params.
INSERT INTO {cameras} (
    name, kind, status, direction_deg, field_of_view_deg, range_m, stream_ref, geom, source_ref
)
SELECT
    w.name, w.kind, w.status, w.direction_deg, w.field_of_view_deg, w.range_m, '', w.geom,
    w.source_ref
FROM {work} AS w
WHERE w.reason IS NULL
ORDER BY w.src_fid
