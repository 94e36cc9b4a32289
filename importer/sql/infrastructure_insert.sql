-- Register the accepted lines, a multi-line as one segment per part (source id #part).
-- Identifiers: {work}, {segments}. No params.
INSERT INTO {segments} (
    network, name, owner_body, status, diameter_mm, material, geom, source_ref
)
SELECT
    w.network, w.name, w.owner_body, w.status, w.diameter_mm, w.material, part.geom,
    CASE WHEN ST_NumGeometries(w.geom) > 1 THEN w.source_ref || '#' || part.path[1]
        ELSE w.source_ref
    END
FROM {work} AS w
CROSS JOIN LATERAL ST_Dump(w.geom) AS part
WHERE w.reason IS NULL
ORDER BY w.src_fid, part.path[1]
