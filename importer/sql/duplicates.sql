-- Refuse every feature whose key (cadastral number, area code) another feature of the file also
-- carries: the file does not say which of them is right. `other` lists the others' source ids.
-- Identifiers: {work}. No params.
UPDATE {work} AS w
SET reason = 'duplicate',
    other = (
        SELECT string_agg(o.source_ref, ', ' ORDER BY o.src_fid)
        FROM {work} AS o
        WHERE o.key = w.key AND o.src_fid <> w.src_fid
    )
FROM (
    SELECT key FROM {work} WHERE key IS NOT NULL GROUP BY key HAVING count(*) > 1
) AS d
WHERE w.key = d.key AND w.reason IS NULL
