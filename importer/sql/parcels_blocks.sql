-- The cadastral block covering each accepted parcel (the smallest, if blocks nest); skipped
-- whole when no block is registered. Identifiers: {work}, {blocks}, {admin_areas}. No params.
CREATE UNLOGGED TABLE {blocks} AS
SELECT w.src_fid, block.id AS block_id
FROM {work} AS w
CROSS JOIN LATERAL (
    SELECT a.id
    FROM {admin_areas} AS a
    WHERE a.level = 'block' AND a.geom && w.geom AND ST_Covers(a.geom, w.geom)
    ORDER BY ST_Area(a.geom), a.id
    LIMIT 1
) AS block
WHERE w.reason IS NULL
    AND EXISTS (SELECT 1 FROM {admin_areas} AS any_block WHERE any_block.level = 'block')
