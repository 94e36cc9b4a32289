-- Overlaps beyond the tolerance, among the file's parcels and against current registered ones.
-- Each parcel is shrunk by the tolerance (`inner`); two parcels overlap beyond it when their
-- shrunk forms meet, that is when some point lies deeper than the tolerance inside both. Shared
-- edges and overlaps thinner than twice the tolerance (digitising slivers) pass. A parcel with
-- nothing left after shrinking is itself a sliver and is refused as one.
-- Identifiers: {work}, {inner}, {conflict}, {parcels}. Params: tolerance_m.
CREATE UNLOGGED TABLE {inner} AS
SELECT src_fid, ST_Buffer(geom, -%(tolerance_m)s, 'join=mitre') AS geom
FROM {work}
WHERE reason IS NULL;

UPDATE {work} AS w SET reason = 'sliver'
FROM {inner} AS i
WHERE i.src_fid = w.src_fid AND ST_IsEmpty(i.geom);

CREATE INDEX ON {inner} USING gist (geom);
ANALYZE {inner};

-- Within the file each pair is tested once (lower source id first; the shrunk form of the
-- outer parcel repeats, so PostGIS prepares it). Against the register, the registered parcel
-- is shrunk only when the new one's shrunk form reaches it at all.
CREATE UNLOGGED TABLE {conflict} AS
SELECT i.src_fid, o.src_fid AS other_fid, NULL::text AS other_number
FROM {inner} AS i
JOIN {inner} AS o
    ON o.geom && i.geom AND o.src_fid > i.src_fid AND ST_Intersects(i.geom, o.geom)
UNION ALL
SELECT i.src_fid, NULL, p.cadastral_number
FROM {inner} AS i
JOIN {parcels} AS p
    ON p.geom && i.geom AND p.valid_until IS NULL
    AND ST_Intersects(i.geom, p.geom)
    AND ST_Intersects(i.geom, ST_Buffer(p.geom, -%(tolerance_m)s, 'join=mitre'));

-- Both parcels of an overlapping pair are refused; `other` names what each one overlaps.
UPDATE {work} AS w
SET reason = 'overlaps', other = c.others
FROM (
    SELECT pair.src_fid, string_agg(DISTINCT pair.other, ', ') AS others
    FROM (
        SELECT c.src_fid,
            coalesce('feature ' || o.source_ref, 'registered parcel ' || c.other_number) AS other
        FROM {conflict} AS c LEFT JOIN {work} AS o ON o.src_fid = c.other_fid
        UNION ALL
        SELECT c.other_fid, 'feature ' || o.source_ref
        FROM {conflict} AS c JOIN {work} AS o ON o.src_fid = c.src_fid
        WHERE c.other_fid IS NOT NULL
    ) AS pair
    GROUP BY pair.src_fid
) AS c
WHERE w.src_fid = c.src_fid AND w.reason IS NULL
