-- Pending camera bearings (text) of the run, for the importer to parse.
-- Identifiers: {work}. No params. Returns src_fid, direction_text.
SELECT src_fid, direction_text
FROM {work}
WHERE reason IS NULL AND direction_text IS NOT NULL
ORDER BY src_fid
