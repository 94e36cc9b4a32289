-- Put each accepted parcel in the cadastral block covering it (the smallest, if blocks nest).
-- Costs nothing when no block is registered. Identifiers: {work}, {admin_areas}. No params.
UPDATE {work} AS w
SET block_id = block.id
FROM {work} AS parcel
CROSS JOIN LATERAL (
    SELECT a.id
    FROM {admin_areas} AS a
    WHERE a.level = 'block' AND a.geom && parcel.geom AND ST_Covers(a.geom, parcel.geom)
    ORDER BY ST_Area(a.geom), a.id
    LIMIT 1
) AS block
WHERE parcel.src_fid = w.src_fid
    AND parcel.reason IS NULL
    AND EXISTS (SELECT 1 FROM {admin_areas} AS any_block WHERE any_block.level = 'block')
