-- Store parsed bearings: a range also sets the field of view; an unreadable one refuses the
-- camera. Identifiers: {work}. Params: src_fids, bearings, fields_of_view, reasons (parallel
-- arrays; NULL where not applicable).
UPDATE {work} AS w
SET direction_deg = d.bearing,
    field_of_view_deg = coalesce(d.field_of_view, w.field_of_view_deg),
    reason = d.reason,
    other = d.message
FROM unnest(
    %(src_fids)s::bigint[], %(bearings)s::float8[], %(fields_of_view)s::float8[],
    %(reasons)s::text[], %(messages)s::text[]
) AS d (src_fid, bearing, field_of_view, reason, message)
WHERE w.src_fid = d.src_fid
